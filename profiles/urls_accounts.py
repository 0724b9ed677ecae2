from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from profiles import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.SignUpView.as_view(), name="signup"),
    path(
        "sign-up/sent/",
        TemplateView.as_view(template_name="registration/signup_sent.html"),
        name="signup-sent",
    ),
    path(
        "sign-up/confirm/<uidb64>/<token>/",
        views.SignUpConfirmView.as_view(),
        name="signup-confirm",
    ),
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("sign-out/", views.LogoutView.as_view(), name="logout"),
    path("verify/", views.SecondFactorVerifyView.as_view(), name="otp-verify"),
    path("verify/setup/", views.SecondFactorSetupView.as_view(), name="otp-setup"),
    path("me/", views.DashboardView.as_view(), name="dashboard"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
