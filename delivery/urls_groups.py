"""The provider's groups (mounted at /<lang>/provider/groups/)."""

from django.urls import path

from delivery import views_groups as views

app_name = "delivery"

urlpatterns = [
    path("", views.GroupListView.as_view(), name="group-list"),
    path("new/", views.GroupCreateView.as_view(), name="group-create"),
    path("report/", views.AttendanceReportView.as_view(), name="attendance-report"),
    path(
        "report/csv/",
        views.AttendanceReportView.as_view(output="csv"),
        name="attendance-report-csv",
    ),
    path(
        "report/pdf/",
        views.AttendanceReportView.as_view(output="pdf"),
        name="attendance-report-pdf",
    ),
    path("<uuid:group_id>/", views.GroupDetailView.as_view(), name="group-detail"),
    path("<uuid:group_id>/edit/", views.GroupEditView.as_view(), name="group-edit"),
    path(
        "<uuid:group_id>/days/<str:day>/",
        views.SessionAttendanceView.as_view(),
        name="session-attendance",
    ),
    path(
        "<uuid:group_id>/days/<str:day>/change/",
        views.SessionUpdateView.as_view(),
        name="session-update",
    ),
    path(
        "<uuid:group_id>/participants/add/",
        views.ParticipantAddView.as_view(),
        name="participant-add",
    ),
    path(
        "<uuid:group_id>/participants/<uuid:participation_id>/leave/",
        views.ParticipantLeaveView.as_view(),
        name="participant-leave",
    ),
]
