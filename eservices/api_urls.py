from django.urls import path

from eservices import api

urlpatterns = [
    path("items/", api.ItemListApi.as_view(), name="api-eservice-items"),
    path("items/<uuid:item_id>/", api.ItemDetailApi.as_view(), name="api-eservice-item"),
    path(
        "items/<uuid:item_id>/process/",
        api.ItemProcessApi.as_view(),
        name="api-eservice-item-process",
    ),
    path(
        "items/<uuid:item_id>/decision/",
        api.ItemDecisionApi.as_view(),
        name="api-eservice-item-decision",
    ),
    path("registrations/", api.RegistrationApi.as_view(), name="api-eservice-registrations"),
    path("wage-subsidies/", api.WageSubsidyApi.as_view(), name="api-eservice-wage-subsidies"),
]
