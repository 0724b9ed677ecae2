from django.urls import path

from profiles import profile_views as views

app_name = "profiles"

urlpatterns = [
    path("", views.ProfileOverviewView.as_view(), name="overview"),
    path("introduction/", views.IntroductionEditView.as_view(), name="edit-introduction"),
    path("wishes/", views.WishesEditView.as_view(), name="edit-wishes"),
    path("licences/", views.LicencesEditView.as_view(), name="edit-licences"),
    path("situation/", views.SituationEditView.as_view(), name="edit-situation"),
    path("entries/<slug:kind>/add/", views.ProfileItemAddView.as_view(), name="item-add"),
    path(
        "entries/<slug:kind>/<int:item_id>/edit/",
        views.ProfileItemEditView.as_view(),
        name="item-edit",
    ),
    path(
        "entries/<slug:kind>/<int:item_id>/remove/",
        views.ProfileItemDeleteView.as_view(),
        name="item-remove",
    ),
    path("publish/", views.PublishView.as_view(), name="publish"),
    path("sharing/", views.SharingView.as_view(), name="sharing"),
    path("contact-requests/", views.ContactRequestListView.as_view(), name="contact-requests"),
    path(
        "contact-requests/<uuid:request_id>/answer/",
        views.ContactRequestAnswerView.as_view(),
        name="contact-request-answer",
    ),
    path("my-data/", views.MyDataView.as_view(), name="my-data"),
    path("my-data/export/", views.MyDataExportView.as_view(), name="my-data-export"),
    path(
        "my-data/consents/<uuid:consent_id>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent-withdraw",
    ),
    path("my-data/delete-account/", views.AccountDeleteView.as_view(), name="account-delete"),
    path("candidates/", views.CandidateSearchView.as_view(), name="candidate-search"),
    path(
        "candidates/requests/",
        views.SentContactRequestsView.as_view(),
        name="sent-contact-requests",
    ),
    path(
        "candidates/<uuid:public_id>/",
        views.CandidateDetailView.as_view(),
        name="candidate-detail",
    ),
    path(
        "shared-with-provider/<int:enrolment_id>/",
        views.EnrolmentSharedDataView.as_view(),
        name="enrolment-shared",
    ),
]
