"""Expert (authority) pages; every URL carries only opaque UUIDs, never names or id codes."""

from django.urls import path

from expert import views

app_name = "expert"

urlpatterns = [
    path("", views.WorklistView.as_view(), name="worklist"),
    path("customers/", views.AreaCustomerListView.as_view(), name="area-customers"),
    path("customers/<uuid:public_id>/open-case/", views.CaseOpenView.as_view(), name="case-open"),
    path("watch-list/", views.WatchListView.as_view(), name="watch-list"),
    path("team/", views.TeamDashboardView.as_view(), name="team-dashboard"),
    path("cases/<uuid:case_id>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<uuid:case_id>/take/", views.CaseTakeView.as_view(), name="case-take"),
    path("cases/<uuid:case_id>/assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("cases/<uuid:case_id>/plans/", views.PlanCreateView.as_view(), name="plan-create"),
    path(
        "cases/<uuid:case_id>/plans/<uuid:plan_id>/tasks/",
        views.TaskAddView.as_view(),
        name="task-add",
    ),
    path(
        "cases/<uuid:case_id>/tasks/<uuid:task_id>/done/",
        views.TaskDoneView.as_view(),
        name="task-done",
    ),
    path("cases/<uuid:case_id>/notes/", views.NoteAddView.as_view(), name="note-add"),
    path(
        "cases/<uuid:case_id>/referrals/",
        views.ReferralCreateView.as_view(),
        name="referral-create",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/",
        views.ReferralUpdateView.as_view(),
        name="referral-update",
    ),
    path(
        "cases/<uuid:case_id>/job-offers/",
        views.JobOfferCreateView.as_view(),
        name="job-offer-create",
    ),
    path("cases/<uuid:case_id>/close/", views.CaseCloseView.as_view(), name="case-close"),
    path("items/<uuid:item_id>/", views.EserviceItemView.as_view(), name="item-detail"),
    path("items/<uuid:item_id>/decide/", views.EserviceDecideView.as_view(), name="item-decide"),
]
