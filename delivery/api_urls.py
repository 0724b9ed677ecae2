from django.urls import path

from delivery import api

urlpatterns = [
    path(
        "groups/<uuid:group_id>/attendance/",
        api.GroupAttendanceApi.as_view(),
        name="api-group-attendance",
    ),
]
