import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

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
        if perms.is_expert(user) or perms.is_platform_admin(user):
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


class ControlCharactersMiddleware:
    """A path or query parameter with NUL or another control character is refused with 400
    before any view reads it (PostgreSQL cannot compare text with NUL; no person types the
    others). Request bodies are checked by the API's parsers (tori.parsers) and by Django's
    form fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from tori.parsers import FORBIDDEN_CHARACTERS, check_characters
        from tori.views import JSON_PREFIXES, bad_request

        if FORBIDDEN_CHARACTERS.search(request.path):
            return bad_request(request)
        try:
            check_characters(request.GET)
        except ValidationError as error:
            if request.path.startswith("/hsds/"):  # HSDS errors: {"detail": "…"}
                [messages] = error.detail.values()
                return JsonResponse({"detail": str(messages[0])}, status=400)
            if request.path.startswith(JSON_PREFIXES):
                return JsonResponse(error.detail, status=400)
            return bad_request(request)
        return self.get_response(request)
