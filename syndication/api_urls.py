from django.urls import path, re_path

from syndication import api

urlpatterns = [
    re_path(r"^feeds/jobs/?$", api.JobAdFeedApi.as_view(), name="api-feed-jobs"),
    path(
        "partner/organisations/",
        api.PartnerOrganisationListApi.as_view(),
        name="api-partner-organisations",
    ),
    path("partner/jobs/", api.PartnerJobAdListApi.as_view(), name="api-partner-jobs"),
    path(
        "partner/jobs/<str:external_id>/",
        api.PartnerJobAdDetailApi.as_view(),
        name="api-partner-job-detail",
    ),
    path(
        "partner/jobs/<str:external_id>/close/",
        api.PartnerJobAdCloseApi.as_view(),
        name="api-partner-job-close",
    ),
]
