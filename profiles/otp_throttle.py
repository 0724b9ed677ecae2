"""Slowing down wrong second-factor codes without ever locking the account.

Whoever holds an expert's password can reach the code page; if wrong codes locked the account
(django-otp's per-device throttle, switched off in settings), that person could keep the real
expert out. So the limits follow the one who guesses, not the account:

- per session (one sign-in): after TORI_OTP_SESSION_FREE_ATTEMPTS wrong codes the session
  waits 2, 4, 8 … seconds (at most TORI_OTP_SESSION_MAX_DELAY_SECONDS) before the next code is
  even checked; every new session costs a successful password sign-in (throttled by axes);
- per IP address, over all accounts: after TORI_OTP_IP_LIMIT wrong codes in an hour, codes
  from that address wait until the hour is over;
- per account: wrong codes are counted for a day and, at TORI_OTP_ACCOUNT_ALERT, an error is
  logged on the "tori.security" logger (alerting watches it) - the account keeps working.

The session counters live in the session; the IP and account counters in the shared cache.
"""

import logging
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("tori.security")

SESSION_FAILURES = "tori_otp_failures"
SESSION_RETRY_AT = "tori_otp_retry_at"
IP_WINDOW_SECONDS = 60 * 60
ACCOUNT_WINDOW_SECONDS = 24 * 60 * 60


def _ip_key(request) -> str:
    return f"tori:otp-fail:ip:{get_client_ip_address(request) or '-'}"


def _account_key(user) -> str:
    return f"tori:otp-fail:user:{user.pk}"


def wait_seconds(request, *, now: float | None = None) -> int:
    """Seconds this request must wait before a code is checked (0: check it now)."""
    now = time.time() if now is None else now
    waits = [request.session.get(SESSION_RETRY_AT, 0) - now]
    count, started = cache.get(_ip_key(request), (0, now))
    if count >= settings.TORI_OTP_IP_LIMIT:
        waits.append(started + IP_WINDOW_SECONDS - now)
    return max(0, int(max(waits) + 0.999))


def record_failure(request, user, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    failures = request.session.get(SESSION_FAILURES, 0) + 1
    request.session[SESSION_FAILURES] = failures
    over = failures - settings.TORI_OTP_SESSION_FREE_ATTEMPTS
    if over >= 0:
        delay = min(2 ** (over + 1), settings.TORI_OTP_SESSION_MAX_DELAY_SECONDS)
        request.session[SESSION_RETRY_AT] = now + delay

    ip_key = _ip_key(request)
    count, started = cache.get(ip_key, (0, now))
    cache.set(ip_key, (count + 1, started), timeout=max(1, int(started + IP_WINDOW_SECONDS - now)))

    account_key = _account_key(user)
    count, started = cache.get(account_key, (0, now))
    count += 1
    cache.set(
        account_key,
        (count, started),
        timeout=max(1, int(started + ACCOUNT_WINDOW_SECONDS - now)),
    )
    if count == settings.TORI_OTP_ACCOUNT_ALERT:
        logger.error(
            "Second factor: %d wrong codes for user %s within a day; the account is not "
            "locked, check whether its password has leaked.",
            count,
            user.pk,
        )


def reset(request) -> None:
    """The session confirmed its second factor: its own counters start over."""
    request.session.pop(SESSION_FAILURES, None)
    request.session.pop(SESSION_RETRY_AT, None)
