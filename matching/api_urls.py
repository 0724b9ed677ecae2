from django.urls import path

from matching import api

urlpatterns = [
    path("", api.RecommendationListApi.as_view(), name="api-recommendation-list"),
    path(
        "job-ads/<int:pk>/candidates/",
        api.JobCandidatesApi.as_view(),
        name="api-recommendation-candidates",
    ),
    path(
        "<int:pk>/feedback/",
        api.RecommendationFeedbackApi.as_view(),
        name="api-recommendation-feedback",
    ),
]
