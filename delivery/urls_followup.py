"""Filled in by the followup part of the delivery app."""

app_name = "followup"

urlpatterns = []
