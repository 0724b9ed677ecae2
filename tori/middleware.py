import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from tori import permissions as perms


class SessionExpiredNoticeMiddleware:
    """A browser that still sends a session cookie the server no longer knows had its
    session expire: tell the person so instead of silently showing them as signed out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if (
            cookie
            and not request.user.is_authenticated
            and not request.session.exists(cookie)
            and not request.path.startswith(("/static/", "/api/", "/hsds/"))
        ):
            messages.info(request, _("Your session has expired. Please sign in again."))
        return self.get_response(request)


class ExpertIdleTimeoutMiddleware:
    """Authority users are signed out after a period without activity, and every session
    of an expert or platform admin must be confirmed with a second factor before use."""

    exempt_prefixes = ("/static/", "/media/", "/i18n/", "/healthz")
    exempt_names = ("accounts:otp-verify", "accounts:otp-setup", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if perms.is_expert(user) or perms.has_platform_admin_role(user):
            now = int(time.time())
            last = request.session.get("tori_last_activity")
            if last and now - last > settings.EXPERT_SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            request.session["tori_last_activity"] = now
            if perms.needs_second_factor(user) and not self._is_exempt(request):
                return redirect(f"{reverse('accounts:otp-verify')}?next={request.path}")
        return self.get_response(request)

    def _is_exempt(self, request):
        if request.path.startswith(self.exempt_prefixes):
            return True
        exempt_paths = {reverse(name) for name in self.exempt_names}
        return request.path in exempt_paths
