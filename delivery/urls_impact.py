"""Filled in by the impact part of the delivery app."""

app_name = "impact"

urlpatterns = []
