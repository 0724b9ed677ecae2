"""/api/v1/statistics/ (mounted in tori/api_urls.py)."""

from django.urls import path

from openstats import api

urlpatterns = [
    path("skills-demand/", api.SkillsDemandApi.as_view(), name="api-statistics-skills-demand"),
    path("services/", api.ServicesApi.as_view(), name="api-statistics-services"),
    path("enrolments/", api.EnrolmentsApi.as_view(), name="api-statistics-enrolments"),
    path("outcomes/", api.OutcomesApi.as_view(), name="api-statistics-outcomes"),
]
