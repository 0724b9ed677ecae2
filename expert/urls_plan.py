"""The jobseeker's "My plan" (mounted at /<lang>/my-plan/)."""

from django.urls import path

from expert import views

app_name = "plan"

urlpatterns = [
    path("", views.MyPlanView.as_view(), name="my-plan"),
    path("tasks/<uuid:task_id>/done/", views.MyTaskDoneView.as_view(), name="task-done"),
    path(
        "referrals/<uuid:referral_id>/answer/",
        views.MyReferralAnswerView.as_view(),
        name="referral-answer",
    ),
    path(
        "job-offers/<uuid:offer_id>/answer/",
        views.MyJobOfferAnswerView.as_view(),
        name="job-offer-answer",
    ),
]
