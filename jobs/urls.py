from django.urls import path

from jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobListView.as_view(), name="job-list"),
    path("saved/", views.SavedJobListView.as_view(), name="saved-jobs"),
    path("searches/", views.SavedSearchListView.as_view(), name="saved-searches"),
    path(
        "searches/<int:pk>/delete/",
        views.SavedSearchActionView.as_view(action="delete"),
        name="saved-search-delete",
    ),
    path(
        "searches/<int:pk>/alerts/",
        views.SavedSearchActionView.as_view(action="alerts"),
        name="saved-search-alerts",
    ),
    path(
        "searches/unsubscribe/<str:token>/",
        views.SavedSearchUnsubscribeView.as_view(),
        name="saved-search-unsubscribe",
    ),
    path("employer/", views.EmployerDashboardView.as_view(), name="employer-dashboard"),
    path("employer/services/", views.EmployerServicesView.as_view(), name="employer-services"),
    path("employer/organisation/<int:pk>/", views.OrganisationView.as_view(), name="organisation"),
    path(
        "employer/organisation/<int:pk>/members/",
        views.OrganisationMembersView.as_view(),
        name="organisation-members",
    ),
    *[
        path(
            f"employer/organisation/<int:pk>/members/<int:membership_id>/{action}/",
            views.OrganisationMemberActionView.as_view(action=action),
            name=f"member-{action}",
        )
        for action in views.OrganisationMemberActionView.actions
    ],
    path("employer/new/", views.JobAdCreateView.as_view(), name="job-create"),
    path("<int:pk>/", views.JobDetailView.as_view(), name="job-detail"),
    path("<int:pk>/apply/", views.JobApplyView.as_view(), name="job-apply"),
    path("<int:pk>/save/", views.JobSaveView.as_view(), name="job-save"),
    path("<int:pk>/edit/", views.JobAdEditView.as_view(), name="job-edit"),
    path("<int:pk>/publish/", views.JobAdActionView.as_view(action="publish"), name="job-publish"),
    path("<int:pk>/close/", views.JobAdActionView.as_view(action="close"), name="job-close"),
]
