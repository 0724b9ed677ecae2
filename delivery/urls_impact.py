"""Impact pages: /<lang>/impact/ (a provider's own) and /<lang>/impact/municipalities/."""

from django.urls import path

from delivery import views_impact

app_name = "impact"

urlpatterns = [
    path("", views_impact.ProviderImpactView.as_view(), name="provider"),
    path("municipalities/", views_impact.MunicipalityImpactView.as_view(), name="municipality"),
]
