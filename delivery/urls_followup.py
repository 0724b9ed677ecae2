"""Follow-up of participants: diary, daily guidance and outcomes (mounted at /<lang>/follow-up/)."""

from django.urls import path

from delivery import views_followup as views

app_name = "followup"

urlpatterns = [
    path("my-groups/", views.MyGroupsView.as_view(), name="my-groups"),
    path(
        "participations/<uuid:participation_id>/",
        views.DiaryView.as_view(),
        name="diary",
    ),
    path(
        "participations/<uuid:participation_id>/outcome/",
        views.OutcomeReportView.as_view(),
        name="outcome-report",
    ),
    path("groups/", views.GroupListView.as_view(), name="groups"),
    path("groups/<uuid:group_id>/", views.GroupFollowupView.as_view(), name="group"),
    path("outcomes/", views.OutcomeListView.as_view(), name="outcomes"),
    path(
        "outcomes/<uuid:participation_id>/",
        views.OutcomeConfirmView.as_view(),
        name="outcome-confirm",
    ),
]
