from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView


class HomeView(TemplateView):
    template_name = "home.html"


def csrf_failure(request, reason=""):
    """A form sent with a stale or missing security token: explain, and link back."""
    return render(request, "errors/csrf.html", status=403)


JSON_PREFIXES = ("/api/", "/hsds/")  # machine clients: errors as JSON, like the views' own


def _error(request, status: int, message):
    if request.path.startswith(JSON_PREFIXES):
        return JsonResponse({"detail": str(message)}, status=status)
    return render(request, f"errors/{status}.html", status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Malformed request."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("You do not have permission to perform this action."))


def page_not_found(request, exception=None):
    return _error(request, 404, _("Not found."))


def server_error(request):
    return _error(request, 500, _("A server error occurred."))


HEALTH_WORKER_CACHE_SECONDS = 10
HEALTH_TIMEOUT_SECONDS = 1.0


@never_cache
def healthz(request):
    """Readiness for load balancers and docker-compose: the database, the broker and a worker.
    200 only when every part in use is up, 503 otherwise; the JSON body names each part ("ok",
    "down", or "not used" in embedded mode, where tasks run in-process). The worker check
    (a control ping) is cached for a few seconds so that frequent probes stay cheap."""
    from tori.celery import app

    parts = {"database": _database_status()}
    if app.conf.task_always_eager:
        parts.update(broker="not used", worker="not used")
    else:
        parts["broker"] = _broker_status()
        parts["worker"] = _worker_status() if parts["broker"] == "ok" else "down"
    healthy = all(status in ("ok", "not used") for status in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **parts}, status=200 if healthy else 503
    )


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def _broker_status() -> str:
    from tori.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=HEALTH_TIMEOUT_SECONDS
            )
    except Exception:  # noqa: BLE001 - any failure to connect means down
        return "down"
    return "ok"


def _worker_status() -> str:
    status = cache.get("tori:healthz:worker")
    if status is None:
        from tori.celery import app

        try:
            replies = app.control.ping(timeout=HEALTH_TIMEOUT_SECONDS, limit=1)
        except Exception:  # noqa: BLE001
            replies = []
        status = "ok" if replies else "down"
        cache.set("tori:healthz:worker", status, HEALTH_WORKER_CACHE_SECONDS)
    return status
