"""/api/v1/: each app adds its routes here."""

from django.urls import include, path, re_path

from profiles import api as profiles_api
from skills import api as skills_api

urlpatterns = [
    path("me/", profiles_api.MeApi.as_view(), name="api-me"),
    path("", include("catalog.api_urls")),
    path("", include("delivery.api_urls")),
    path("", include("profiles.api_urls")),
    path("e-services/", include("eservices.api_urls")),
    path("", include("jobs.api_urls")),
    path("recommendations/", include("matching.api_urls")),
    path("", include("syndication.api_urls")),
    path("statistics/", include("openstats.api_urls")),
    re_path(r"^skills/suggest/?$", skills_api.SkillSuggestApi.as_view(), name="api-skills-suggest"),
]
