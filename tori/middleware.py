import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from tori import permissions as perms
from tori import queue

POSTPONED_NOTICE = gettext_lazy("Saved. The rest of the work is queued and will be done shortly.")


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


class PostponedWorkMiddleware:
    """Tells the truth when background work queued by this request had to be postponed to
    the outbox (broker down): the data is saved, the work follows shortly. HTML pages get each
    distinct notice as a message (shown on the page the browser goes to next); every response
    names the postponed tasks in a `Tori-Postponed` header (for API clients)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        collected, token = queue.collect_postponed()
        try:
            response = self.get_response(request)
        finally:
            queue.stop_collecting(token)
        if not collected:
            return response
        response["Tori-Postponed"] = ", ".join(sorted({d.name for d in collected}))
        if not request.path.startswith(("/api/", "/hsds/")):
            notices = {str(d.notice or POSTPONED_NOTICE) for d in collected}
            for notice in sorted(notices):
                messages.warning(request, notice, fail_silently=True)
        return response


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
                [texts] = error.detail.values()
                return JsonResponse({"detail": str(texts[0])}, status=400)
            if request.path.startswith(JSON_PREFIXES):
                return JsonResponse(error.detail, status=400)
            return bad_request(request)
        return self.get_response(request)
