"""Referrals to a provider's services (mounted at /<lang>/provider/referrals/)."""

from django.urls import path

from expert import views

app_name = "provider_referrals"

urlpatterns = [
    path("", views.ProviderReferralListView.as_view(), name="list"),
    path("<uuid:referral_id>/", views.ProviderReferralUpdateView.as_view(), name="update"),
]
