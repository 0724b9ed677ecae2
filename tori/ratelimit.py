"""Counting requests against limits in the shared cache.

Every limit here is counted in the "default" cache: Redis in production (see CACHE_URL in the
settings), so the gunicorn workers and hosts share one count; local memory only in the
embedded single-process mode. The DRF throttles use the same cache.
"""

import hashlib

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cache_timeout, get_client_parameters, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    """The client's address: the peer, or the address TORI_PROXY_COUNT proxies saw (the same
    rule as the DRF throttles, so a forged X-Forwarded-For does not reset a count)."""
    return BaseThrottle().get_ident(request)


def login_username(request, credentials) -> str | None:
    """The account a sign-in attempt targets, as the user lookup sees it (case-insensitive)."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None and request is not None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return username.strip().lower() if isinstance(username, str) else username


def _key(scope: str, value: str) -> str:
    return f"ratelimit:{scope}:{hashlib.sha256(value.encode()).hexdigest()}"


def hit(scope: str, value: str, *, limit: int, period: int) -> bool:
    """Count one event for ``value`` in ``scope``; False once more than ``limit`` events
    happened in the current window of ``period`` seconds (the window starts at the first)."""
    key = _key(scope, value)
    if cache.add(key, 1, timeout=period):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period)
        return True


def account_mail_allowed(*, address: str, client: str | None = None) -> bool:
    """May one more account mail (password reset, sign-up) go to ``address`` (and, when given,
    be asked for from the ``client`` address)? Every request counts, allowed or not."""
    limits = settings.TORI_ACCOUNT_MAIL_LIMITS
    period = limits["period"]
    to_address = hit(
        "mail-address", address.strip().lower(), limit=limits["address"], period=period
    )
    if client is None:
        return to_address
    from_client = hit("mail-client", client, limit=limits["client"], period=period)
    return to_address and from_client


class LoginLockoutHandler(AxesCacheHandler):
    """django-axes cache handler with a limit per lockout parameter combination.

    AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]] keeps two counts per failed
    sign-in: the account's (from any address) and the client address's (on any account).
    TORI_LOGIN_FAILURE_LIMITS gives each its own limit; reaching either locks. A successful
    sign-in clears only the counts that include the account, so an attacker cannot clear an
    address's count by signing in to an account of their own."""

    def _counts(self, request, credentials, *, ip_address=None):
        """(key, limit, includes the username) per lockout parameter combination."""
        username = login_username(request, credentials)
        if request is not None:
            ip_address = getattr(request, "axes_ip_address", None) or client_ip(request)
        filters = get_client_parameters(username, ip_address, None, request, credentials)
        limits = settings.TORI_LOGIN_FAILURE_LIMITS
        default = get_failure_limit(request, credentials)
        for fields in filters:
            name = "+".join(fields)
            value = "\x1f".join(str(fields[field] or "") for field in fields)
            yield (
                f"axes:{name}:{hashlib.sha256(value.encode()).hexdigest()}",
                limits.get(name, default),
                "username" in fields,
            )

    def get_failures(self, request, credentials=None) -> int:
        """The failure limit when any count reached its own limit, else the account's count
        (axes compares this number with AXES_FAILURE_LIMIT)."""
        limit = get_failure_limit(request, credentials)
        account = 0
        for key, key_limit, has_username in self._counts(request, credentials):
            count = self.cache.get(key, default=0)
            if count >= key_limit:
                return limit
            if has_username:
                account = max(account, count)
        return min(account, limit - 1)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is None:
            return
        if getattr(request, "axes_locked_out", False):
            return  # already locked: a failure while locked does not extend the pause
        if self.is_whitelisted(request, credentials):
            return
        timeout = get_cache_timeout(request)
        locked = False
        for key, key_limit, _has_username in self._counts(request, credentials):
            if self.cache.add(key, 1, timeout=timeout):
                count = 1
            else:
                try:
                    count = self.cache.incr(key)
                except ValueError:
                    self.cache.add(key, 1, timeout=timeout)
                    count = 1
                self.cache.touch(key, timeout=timeout)
            locked = locked or count >= key_limit
        request.axes_failures_since_start = self.get_failures(request, credentials)
        if locked and settings.AXES_LOCK_OUT_AT_FAILURE:
            from axes.signals import user_locked_out

            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=login_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def user_logged_in(self, sender, request, user, **kwargs):
        if settings.AXES_RESET_ON_SUCCESS:
            credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
            for key, _limit, has_username in self._counts(request, credentials):
                if has_username:
                    self.cache.delete(key)

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        """Clear the account's count (e.g. after a password reset) and/or the address's."""
        credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
        count = 0
        for key, _limit, has_username in self._counts(None, credentials, ip_address=ip_address):
            if (has_username and username) or (not has_username and ip_address):
                count += int(bool(self.cache.delete(key)))
        return count
