from django.urls import path

from profiles import api

urlpatterns = [
    path("profile/", api.ProfileApi.as_view(), name="api-profile"),
    path("profile/publication/", api.PublicationApi.as_view(), name="api-profile-publication"),
    path("profile/my-data/", api.MyDataExportApi.as_view(), name="api-my-data"),
    path("contact-requests/", api.ContactRequestListApi.as_view(), name="api-contact-requests"),
    path(
        "contact-requests/<uuid:request_id>/answer/",
        api.ContactRequestAnswerApi.as_view(),
        name="api-contact-request-answer",
    ),
    path("candidates/", api.CandidateListApi.as_view(), name="api-candidates"),
    path("candidates/<uuid:public_id>/", api.CandidateDetailApi.as_view(), name="api-candidate"),
    path(
        "candidates/<uuid:public_id>/contact-requests/",
        api.CandidateContactApi.as_view(),
        name="api-candidate-contact",
    ),
]
