"""Account pages: sign-up, sign-in, second factor, own dashboard."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login

from profiles import otp_throttle, selectors, services
from profiles.forms import (
    AccountPasswordResetForm,
    EnrolmentCodeForm,
    LoginForm,
    OTPTokenForm,
    SignUpForm,
)
from tori import permissions as perms
from tori import ratelimit
from tori.exceptions import ApplicationError


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class SignUpView(View):
    template_name = "registration/signup.html"

    def get(self, request):
        if request.user.is_authenticated:
            return redirect("accounts:dashboard")
        return render(request, self.template_name, {"form": SignUpForm()})

    def post(self, request):
        """A new address and a known one get the same answer (the "check your e-mail" page);
        only the mail differs (see ``services.user_sign_up``)."""
        form = SignUpForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.user_sign_up(
                    email=data["email"],
                    password=data["password1"],
                    role=data["role"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    preferred_language=(get_language() or "fi")[:2],
                    organisation_name=data.get("organisation_name", ""),
                    business_id=data.get("business_id", ""),
                    sector=data.get("sector", ""),
                    municipality_code=data.get("municipality_code", ""),
                    send_mail_to_existing=ratelimit.account_mail_allowed(address=data["email"]),
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                return redirect("accounts:signup-sent")
        return render(request, self.template_name, {"form": form}, status=400)


class SignUpConfirmView(View):
    """The link mailed at sign-up: confirms the address and takes the account into use."""

    def get(self, request, uidb64, token):
        user = selectors.user_for_link(uidb64=uidb64)
        if user is None or not services.sign_up_confirmation_tokens.check_token(user, token):
            return render(request, "registration/signup_confirm_invalid.html", status=400)
        services.user_email_confirm(user=user)
        messages.success(
            request,
            _("Your e-mail address is confirmed. Sign in with your e-mail address and password."),
        )
        return redirect("accounts:login")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_success_url(self):
        user = self.request.user
        if perms.needs_second_factor(user):
            nxt = _safe_next(self.request, reverse("accounts:dashboard"))
            return f"{reverse('accounts:otp-verify')}?next={nxt}"
        return super().get_success_url()


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have signed out."))
        return response


ENROLMENT_CODE_SESSION_KEY = "tori_otp_enrolment_code"


def _second_factor_confirmed(request, device) -> None:
    """Mark the session confirmed, under a new session key (a key seen before the second
    factor, e.g. planted or sniffed, is worth nothing after it)."""
    otp_login(request, device)
    request.session.cycle_key()
    otp_throttle.reset(request)
    request.session.pop(ENROLMENT_CODE_SESSION_KEY, None)


def _throttled(form, request) -> bool:
    """Refuse to check a code while this session or IP address must wait."""
    wait = otp_throttle.wait_seconds(request)
    if wait:
        form.add_error(
            "token",
            " ".join(
                [
                    _("Too many wrong codes."),
                    _("Wait %(seconds)d seconds and try again.") % {"seconds": wait},
                ]
            ),
        )
    return bool(wait)


class SecondFactorVerifyView(LoginRequiredMixin, View):
    """Confirms an expert's or administrator's session with a one-time code."""

    template_name = "registration/otp_verify.html"

    def get(self, request):
        if not perms.needs_second_factor(request.user):
            return redirect(_safe_next(request, reverse("accounts:dashboard")))
        if not selectors.user_has_confirmed_second_factor(user=request.user):
            return redirect(f"{reverse('accounts:otp-setup')}?next={_safe_next(request, '')}")
        return render(
            request, self.template_name, {"form": OTPTokenForm(), "next": _safe_next(request, "")}
        )

    def post(self, request):
        form = OTPTokenForm(request.POST)
        if form.is_valid() and _throttled(form, request):
            return render(
                request,
                self.template_name,
                {"form": form, "next": _safe_next(request, "")},
                status=429,
            )
        if form.is_valid():
            device = services.second_factor_match(
                user=request.user, token=form.cleaned_data["token"]
            )
            if device is not None:
                _second_factor_confirmed(request, device)
                return redirect(_safe_next(request, reverse("accounts:dashboard")))
            otp_throttle.record_failure(request, request.user)
            form.add_error("token", _("The code is not valid. Check it and try again."))
        return render(
            request, self.template_name, {"form": form, "next": _safe_next(request, "")}, status=400
        )


class SecondFactorSetupView(LoginRequiredMixin, View):
    """First sign-in of an expert or administrator: with the one-time enrolment code from an
    administrator, connect an authenticator app by scanning a QR code. The password alone
    binds nothing."""

    template_name = "registration/otp_setup.html"
    code_template_name = "registration/otp_enrolment_code.html"

    def _enrolment_code_id(self, request):
        """The enrolment code entered in this session, while it is still usable."""
        code_id = request.session.get(ENROLMENT_CODE_SESSION_KEY)
        from profiles.models import SecondFactorEnrolmentCode

        enrolment = SecondFactorEnrolmentCode.objects.filter(pk=code_id, user=request.user).first()
        return enrolment.pk if enrolment is not None and enrolment.is_usable() else None

    def _render_code_form(self, request, form, status=200, error=""):
        return render(
            request,
            self.code_template_name,
            {"form": form, "error": error, "next": _safe_next(request, "")},
            status=status,
        )

    def _context(self, request, form):
        device = services.second_factor_device_for_setup(user=request.user)
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        svg = image.to_string(encoding="unicode")
        from base64 import b32encode

        secret = b32encode(device.bin_key).decode()
        return {"form": form, "qr_svg": svg, "secret": secret, "next": _safe_next(request, "")}

    def get(self, request):
        if not perms.uses_second_factor(request.user):
            return redirect("accounts:dashboard")
        if selectors.user_has_confirmed_second_factor(user=request.user):
            return redirect("accounts:otp-verify")
        if self._enrolment_code_id(request) is None:
            return self._render_code_form(request, EnrolmentCodeForm())
        return render(request, self.template_name, self._context(request, OTPTokenForm()))

    def post(self, request):
        if not perms.uses_second_factor(request.user):
            return redirect("accounts:dashboard")
        if selectors.user_has_confirmed_second_factor(user=request.user):
            return redirect("accounts:otp-verify")
        if "code" in request.POST:
            return self._post_enrolment_code(request)
        enrolment_code_id = self._enrolment_code_id(request)
        if enrolment_code_id is None:
            return self._render_code_form(
                request,
                EnrolmentCodeForm(),
                status=400,
                error=_("First enter the enrolment code you received."),
            )
        form = OTPTokenForm(request.POST)
        if form.is_valid() and _throttled(form, request):
            return render(request, self.template_name, self._context(request, form), status=429)
        if form.is_valid():
            try:
                device = services.second_factor_confirm_setup(
                    user=request.user,
                    token=form.cleaned_data["token"],
                    enrolment_code_id=enrolment_code_id,
                )
            except ApplicationError as error:
                return self._render_code_form(
                    request, EnrolmentCodeForm(), status=400, error=error.message
                )
            if device is not None:
                _second_factor_confirmed(request, device)
                messages.success(request, _("Two-step verification is now on."))
                return redirect(_safe_next(request, reverse("accounts:dashboard")))
            otp_throttle.record_failure(request, request.user)
            form.add_error("token", _("The code is not valid. Check it and try again."))
        return render(request, self.template_name, self._context(request, form), status=400)

    def _post_enrolment_code(self, request):
        form = EnrolmentCodeForm(request.POST)
        if form.is_valid():
            try:
                enrolment = services.second_factor_enrolment_start(
                    user=request.user, code=form.cleaned_data["code"]
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                request.session[ENROLMENT_CODE_SESSION_KEY] = enrolment.pk
                nxt = _safe_next(request, "")
                url = reverse("accounts:otp-setup")
                return redirect(f"{url}?next={nxt}" if nxt else url)
        return self._render_code_form(request, form, status=400)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "profiles/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.dashboard_context(viewer=self.request.user))
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = AccountPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        """Above the per-address or per-client limit the answer is the same, with no mail."""
        if not ratelimit.account_mail_allowed(
            address=form.cleaned_data["email"], client=ratelimit.client_ip(self.request)
        ):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_reset_done(user=form.user)
        return response
