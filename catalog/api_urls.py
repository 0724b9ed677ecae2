from django.urls import path

from catalog import api

urlpatterns = [
    path("services/", api.ServiceListApi.as_view(), name="api-service-list"),
    path("services/<int:pk>/", api.ServiceDetailApi.as_view(), name="api-service-detail"),
    path("services/<int:pk>/submit/", api.ServiceSubmitApi.as_view(), name="api-service-submit"),
    path("services/<int:pk>/confirm/", api.ServiceConfirmApi.as_view(), name="api-service-confirm"),
    path("services/<int:pk>/archive/", api.ServiceArchiveApi.as_view(), name="api-service-archive"),
    path("services/<int:pk>/publish/", api.ServicePublishApi.as_view(), name="api-service-publish"),
    path("services/<int:pk>/reject/", api.ServiceRejectApi.as_view(), name="api-service-reject"),
    path(
        "provider/services/",
        api.ProviderServiceListApi.as_view(),
        name="api-provider-service-list",
    ),
    path("providers/", api.ProviderListApi.as_view(), name="api-provider-list"),
    path("providers/<int:pk>/", api.ProviderDetailApi.as_view(), name="api-provider-detail"),
    path("taxonomy-terms/", api.TaxonomyTermListApi.as_view(), name="api-taxonomy-term-list"),
    path("enrolments/", api.EnrolmentListApi.as_view(), name="api-enrolment-list"),
    path(
        "enrolments/<int:pk>/decide/", api.EnrolmentDecideApi.as_view(), name="api-enrolment-decide"
    ),
    path(
        "enrolments/<int:pk>/withdraw/",
        api.EnrolmentWithdrawApi.as_view(),
        name="api-enrolment-withdraw",
    ),
]
