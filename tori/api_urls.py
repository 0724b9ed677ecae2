"""/api/v1/: each app adds its routes here."""

from django.urls import path

from profiles import api as profiles_api

urlpatterns = [
    path("me/", profiles_api.MeApi.as_view(), name="api-me"),
]
