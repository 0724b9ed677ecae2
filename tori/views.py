from django.db import connection
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


@never_cache
def healthz(request):
    """Liveness and database readiness for load balancers and docker-compose."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
