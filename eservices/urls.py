from django.urls import path

from eservices import views

app_name = "eservices"

urlpatterns = [
    path("", views.EserviceListView.as_view(), name="list"),
    path("register-as-unemployed/", views.RegistrationView.as_view(), name="registration"),
    path("wage-subsidy/", views.WageSubsidyView.as_view(), name="wage-subsidy"),
    path("<uuid:item_id>/", views.EserviceDetailView.as_view(), name="detail"),
]
