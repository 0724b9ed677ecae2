from django.urls import path

from situations import views

app_name = "situations"

urlpatterns = [
    path("", views.SituationView.as_view(), name="situation"),
]
