"""HSDS 3.0 read API under /hsds/ (published services and verified providers only)."""

from __future__ import annotations

import math
import uuid

from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog import selectors
from catalog.hsds import serializers as hsds
from catalog.models import Service, TaxonomyTerm
from providers.models import Provider
from tori.dates import parse_moment
from tori.exceptions import ApplicationError

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
LANGUAGES = ("fi", "sv", "en")


class BadRequest(Exception):
    def __init__(self, message):
        self.message = message


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def hsds_view(function):
    """GET only; bad parameters → 400 with a message; missing rows → 404, both as JSON."""

    @require_GET
    def view(request, *args, **kwargs):
        try:
            if request.GET.get("format", "json") != "json":
                raise BadRequest(_("Only format=json is supported."))
            return function(request, *args, **kwargs)
        except BadRequest as error:
            return _json({"detail": error.message}, status=400)
        except ApplicationError as error:
            return _json({"detail": error.message}, status=400)
        except Http404:
            return _json({"detail": _("Not found.")}, status=404)

    view.__name__ = function.__name__
    view.__doc__ = function.__doc__
    return view


def _lang(request) -> str:
    lang = request.GET.get("lang", "fi")
    if lang not in LANGUAGES:
        raise BadRequest(_("Unknown language: use fi, sv or en."))
    return lang


def _bool(request, name) -> bool:
    value = request.GET.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise BadRequest(_("Use true or false for %(name)s.") % {"name": name})
    return value in ("true", "1")


def _uuid(request, name):
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadRequest(_("%(name)s must be a UUID.") % {"name": name})


def _page(request, items, serialize) -> dict:
    try:
        page = int(request.GET.get("page", "1"))
        per_page = int(request.GET.get("per_page", str(DEFAULT_PER_PAGE)))
    except ValueError:
        raise BadRequest(_("page and per_page must be whole numbers."))
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise BadRequest(
            _("page must be at least 1 and per_page between 1 and %(max)d.") % {"max": MAX_PER_PAGE}
        )
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    total_pages = max(1, math.ceil(total / per_page))
    # past the last page: nothing to read (and no OFFSET beyond what the database can count)
    window = items[(page - 1) * per_page : page * per_page] if page <= total_pages else []
    contents = [serialize(item) for item in window]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def _service_queryset(queryset):
    return queryset.select_related("provider", "service_type").prefetch_related(
        "target_groups",
        "regions",
        "municipalities",
        "locations__municipality__region",
        "esco_skills",
        "esco_occupations",
    )


@hsds_view
def root(request):
    """HSDS version and the Tori profile of this API."""
    return _json(
        {
            "version": hsds.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds:profile")),
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@hsds_view
def profile(request):
    """The tori-fi profile: what the "tori_fi" extension objects contain."""
    return _json(
        {
            "name": "tori-fi",
            "title": "Tori (Finland) profile of HSDS 3.0",
            "hsds_version": hsds.HSDS_VERSION,
            "description": (
                "Services and organizations carry a 'tori_fi' object with the fi/sv/en texts, "
                "service type and target group codes (see /hsds/taxonomy_terms), delivery mode "
                "(onsite, remote, hybrid), service area (is_nationwide, region and municipality "
                "codes of Statistics Finland), structured schedule (days_per_week, "
                "hours_per_day, duration_value, duration_unit), cost, funding (public, market), "
                "capacity, enrolment period, ESCO skill and occupation URIs, and the provider "
                "sector (public, private, third). Service areas use extent_type 'text' with "
                "extent 'country:FI', 'region:<code>' or 'municipality:<code>'. Text fields are "
                "in the language given by ?lang=fi|sv|en (default fi)."
            ),
        }
    )


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_UUID = {"type": "string", "format": "uuid"}
_BOOLEAN = {"type": "string", "enum": ["true", "false", "1", "0"]}
_COMMON = [
    _query("lang", {"type": "string", "enum": list(LANGUAGES)}, "Language of the texts."),
    _query("format", {"type": "string", "enum": ["json"]}, "Only json."),
]
_PAGING = [
    _query("page", {"type": "integer", "minimum": 1}, "Page number, from 1."),
    _query(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        f"Items per page (default {DEFAULT_PER_PAGE}).",
    ),
    _query("search", {"type": "string"}, "Words in the name."),
]
_ID = {"name": "id", "in": "path", "required": True, "schema": _UUID}
_SCHEMAS = {
    "Object": {"type": "object", "additionalProperties": True},
    "Error": {
        "type": "object",
        "required": ["detail"],
        "properties": {"detail": {"type": "string"}},
    },
    "Page": {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": {"$ref": "#/components/schemas/Object"}},
        },
    },
}
# path → (summary, extra parameters, response schema)
_PATHS = {
    "/": ("HSDS version and the links to the profile and this description", [], "Object"),
    "/profile/": ("The tori-fi profile of HSDS 3.0", [], "Object"),
    "/services": (
        "Published services (HSDS service list items; full=true or minimal=true)",
        [
            *_PAGING,
            _query("taxonomy_term_id", _UUID, "Services with this type or target group."),
            _query("taxonomy_id", _UUID, "Services with a term of this taxonomy."),
            _query("organization_id", _UUID, "Services of this organization."),
            _query(
                "modified_after",
                {"type": "string"},
                "ISO 8601 date (changed on that day or later) or date-time.",
            ),
            _query("full", _BOOLEAN, "Full service objects."),
            _query("minimal", _BOOLEAN, "Only id, name, last_modified and status."),
        ],
        "Page",
    ),
    "/services/{id}": ("One published service", [_ID], "Object"),
    "/organizations": (
        "Verified providers",
        [
            *_PAGING,
            _query("full", _BOOLEAN, "Full organization objects with their services."),
            _query("full_service", _BOOLEAN, "Services as full objects."),
        ],
        "Page",
    ),
    "/organizations/{id}": (
        "One verified provider with its published services",
        [_ID, _query("full_service", _BOOLEAN, "Services as full objects.")],
        "Object",
    ),
    "/taxonomies": ("Tori's taxonomies", _PAGING, "Page"),
    "/taxonomies/{id}": ("One taxonomy", [_ID], "Object"),
    "/taxonomy_terms": (
        "Terms of Tori's taxonomies (flat: every term is a top-level term)",
        [
            *_PAGING,
            _query("taxonomy_id", _UUID, "Terms of this taxonomy."),
            _query("parent_id", _UUID, "Terms under this term (none: the taxonomies are flat)."),
            _query("top_only", _BOOLEAN, "Top-level terms only (every term is one)."),
        ],
        "Page",
    ),
    "/taxonomy_terms/{id}": ("One taxonomy term", [_ID], "Object"),
}


def _response(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def openapi_document() -> dict:
    """The OpenAPI description of the endpoints implemented here (paths under /hsds)."""
    paths = {}
    for path, (summary, parameters, schema) in _PATHS.items():
        responses = {
            "200": _response("HSDS 3.0 JSON", schema),
            "400": _response("A parameter is not valid", "Error"),
        }
        if "{id}" in path:
            responses["404"] = _response("Not found", "Error")
        paths[path] = {
            "get": {
                "summary": summary,
                "parameters": [*parameters, *_COMMON],
                "responses": responses,
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Tori HSDS API", "version": "3.0"},
        "servers": [{"url": "/hsds"}],
        "paths": paths,
        "components": {"schemas": _SCHEMAS},
    }


@hsds_view
def openapi(request):
    """The OpenAPI description of the endpoints implemented here."""
    return _json(openapi_document())


@hsds_view
def service_list(request):
    lang = _lang(request)
    filters = {"q": request.GET.get("search", "")}
    queryset = selectors.service_search(viewer=request.user, filters=filters).services
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        queryset = queryset.filter(
            Q(service_type__uuid=term_id) | Q(target_groups__uuid=term_id)
        ).distinct()
    tax_id = _uuid(request, "taxonomy_id")
    if tax_id:
        taxonomy = next(
            (t for t in TaxonomyTerm.Taxonomy.values if hsds.taxonomy_id(t) == str(tax_id)), None
        )
        if taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE:
            queryset = queryset.filter(service_type__isnull=False)
        elif taxonomy == TaxonomyTerm.Taxonomy.TARGET_GROUP:
            queryset = queryset.filter(target_groups__isnull=False).distinct()
        else:
            queryset = queryset.none()
    organization_id = _uuid(request, "organization_id")
    if organization_id:
        queryset = queryset.filter(provider__uuid=organization_id)
    modified_after = request.GET.get("modified_after")
    if modified_after:
        try:
            day = parse_date(modified_after)  # a date: changed on that day or later
            moment = None if day else parse_moment(modified_after.replace(" ", "+"))
        except ValueError:
            raise BadRequest(_("modified_after must be an ISO 8601 date or date-time."))
        if day is not None:
            queryset = queryset.filter(updated_at__date__gte=day)
        else:
            queryset = queryset.filter(updated_at__gte=moment)
    queryset = _service_queryset(queryset)
    if _bool(request, "minimal"):
        return _json(
            _page(
                request,
                queryset,
                lambda s: {
                    "id": str(s.uuid),
                    "name": s.name_fi,
                    "last_modified": s.updated_at.isoformat(),
                    "status": "active",
                },
            )
        )
    serialize = hsds.service_full if _bool(request, "full") else hsds.service_list_item
    return _json(_page(request, queryset, lambda s: serialize(s, lang)))


@hsds_view
def service_detail(request, pk):
    lang = _lang(request)
    service = _service_queryset(Service.objects.published()).filter(uuid=pk).first()
    if service is None:
        raise Http404
    return _json(hsds.service_full(service, lang))


def _organizations():
    return Provider.objects.filter(is_verified=True).order_by("name", "pk")


@hsds_view
def organization_list(request):
    lang = _lang(request)
    queryset = _organizations()
    search = request.GET.get("search", "").strip()[:200]
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(name_sv__icontains=search) | Q(name_en__icontains=search)
        )
    full = _bool(request, "full")
    full_service = _bool(request, "full_service")

    def serialize(provider):
        services = (
            list(_service_queryset(Service.objects.published().filter(provider=provider)))
            if full or full_service
            else None
        )
        return hsds.organization(
            provider, lang, full=full, services=services, full_service=full_service
        )

    return _json(_page(request, queryset.distinct(), serialize))


@hsds_view
def organization_detail(request, pk):
    lang = _lang(request)
    provider = _organizations().filter(uuid=pk).first()
    if provider is None:
        raise Http404
    services = list(_service_queryset(Service.objects.published().filter(provider=provider)))
    return _json(
        hsds.organization(
            provider,
            lang,
            full=True,
            services=services,
            full_service=_bool(request, "full_service"),
        )
    )


@hsds_view
def taxonomy_list(request):
    _lang(request)
    items = list(TaxonomyTerm.Taxonomy.values)
    search = request.GET.get("search", "").strip().lower()
    if search:
        items = [t for t in items if search in hsds.TAXONOMY_NAMES[t][1].lower()]
    return _json(_page(request, items, hsds.taxonomy))


@hsds_view
def taxonomy_detail(request, pk):
    for value in TaxonomyTerm.Taxonomy.values:
        if hsds.taxonomy_id(value) == str(pk):
            return _json(hsds.taxonomy(value))
    raise Http404


@hsds_view
def taxonomy_term_list(request):
    lang = _lang(request)
    queryset = TaxonomyTerm.objects.all()
    tax_id = _uuid(request, "taxonomy_id")
    if tax_id:
        values = [t for t in TaxonomyTerm.Taxonomy.values if hsds.taxonomy_id(t) == str(tax_id)]
        queryset = queryset.filter(taxonomy__in=values)
    if _uuid(request, "parent_id"):
        queryset = queryset.none()  # Tori's taxonomies are flat
    search = request.GET.get("search", "").strip()[:200]
    if search:
        queryset = queryset.filter(
            Q(name_fi__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
        )
    _bool(request, "top_only")  # validated; every term is a top-level term
    return _json(_page(request, queryset.distinct(), lambda t: hsds.taxonomy_term(t, lang)))


@hsds_view
def taxonomy_term_detail(request, pk):
    lang = _lang(request)
    term = TaxonomyTerm.objects.filter(uuid=pk).first()
    if term is None:
        raise Http404
    return _json(hsds.taxonomy_term(term, lang))
