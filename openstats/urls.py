from django.urls import path

from openstats import views

app_name = "openstats"

urlpatterns = [
    path("", views.StatisticsView.as_view(), name="statistics"),
]
