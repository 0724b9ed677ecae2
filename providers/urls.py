from django.urls import path

from providers import views

app_name = "providers"

urlpatterns = [
    path("", views.ProviderDashboardView.as_view(), name="dashboard"),
    path("api-token/", views.ApiTokenView.as_view(), name="api-token"),
    path("<int:pk>/edit/", views.ProviderEditView.as_view(), name="provider-edit"),
]
