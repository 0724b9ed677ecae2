from django.urls import path

from jobs import api

urlpatterns = [
    path("jobs/", api.JobAdListApi.as_view(), name="api-job-list"),
    path("jobs/<int:pk>/", api.JobAdDetailApi.as_view(), name="api-job-detail"),
    path("jobs/<int:pk>/publish/", api.JobAdPublishApi.as_view(), name="api-job-publish"),
    path("jobs/<int:pk>/close/", api.JobAdCloseApi.as_view(), name="api-job-close"),
    path("employer/jobs/", api.EmployerJobAdListApi.as_view(), name="api-employer-job-list"),
]
