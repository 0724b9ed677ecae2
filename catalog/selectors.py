"""Reads of the catalogue, scoped by the viewer."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from catalog import search
from catalog.filters import ServiceFilter
from catalog.models import EnrolmentRequest, Service, TaxonomyTerm
from providers.models import Provider
from tori import permissions as perms
from tori.exceptions import ApplicationError


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    at_least: bool = False  # a lower bound (see catalog.search.FACET_COUNT_LIMIT)


@dataclass
class SearchResult:
    services: QuerySet  # search.RankedQuerySet on PostgreSQL
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    params: search.SearchParams | None = None
    counts: Counter = field(default_factory=Counter)  # facet key → matching services
    # False: more than search.FACET_COUNT_LIMIT services match; ``total`` and the facet counts
    # are lower bounds ("more than 5 000", "812+")
    counts_exact: bool = True


def _card_queryset(queryset):
    return (
        queryset.select_related("provider", "service_type")
        .prefetch_related("target_groups", "municipalities", "regions")
        .defer("search_vector", "search_document", "facet_keys")
    )


# What the result card (service_detail.html#service-card) shows, in every language.
CARD_FIELDS = [
    *(f"{name}_{lang}" for name in ("name", "summary") for lang in ("fi", "sv", "en")),
    "status",
    "published_at",
    "delivery_mode",
    "is_nationwide",
    "is_free",
    "price",
    "provider__name",
    "provider__name_sv",
    "provider__name_en",
    "service_type__name_fi",
    "service_type__name_sv",
    "service_type__name_en",
]


def _card_only_queryset(queryset):
    """The result cards of the HTML page: only the card's columns (a service row is ~3 kB of
    trilingual text) and its areas; the API and HSDS read whole services."""
    from reference.models import Municipality, Region

    return (
        queryset.select_related("provider", "service_type")
        .only(*CARD_FIELDS)
        .prefetch_related(
            Prefetch("municipalities", Municipality.objects.only("name_fi", "name_sv", "name_en")),
            Prefetch("regions", Region.objects.only("name_fi", "name_sv", "name_en")),
        )
    )


def _card_page(ids) -> list[Service]:
    """PostgreSQL: the cards of one page in one query. The area codes come as arrays and
    their names from the filter panel's cache (``reference_names``), attached as the
    services' prefetched municipalities and regions.

    The statement is written once per process (``_card_statement``) and its rows become
    instances as the ORM would make them for ``select_related("provider", "service_type")
    .only(*CARD_FIELDS)``: compiling that queryset and its two array subqueries was ~3 ms
    of every search, more than running it."""
    from reference.models import Municipality, Region

    statement, columns = _card_statement()
    with connection.cursor() as cursor:
        cursor.execute(statement, [list(ids)])
        rows = cursor.fetchall()
    db = connection.alias
    service_end = len(columns["service"])
    provider_end = service_end + len(columns["provider"])
    type_end = provider_end + len(columns["type"])
    services = []
    for row in rows:
        service = Service.from_db(db, columns["service"], row[:service_end])
        provider = Provider.from_db(db, columns["provider"], row[service_end:provider_end])
        type_values = row[provider_end:type_end]
        service_type = (
            TaxonomyTerm.from_db(db, columns["type"], type_values)
            if type_values[0] is not None
            else None
        )
        service._state.fields_cache["provider"] = provider
        service._state.fields_cache["service_type"] = service_type
        service.card_municipalities, service.card_regions = row[type_end], row[type_end + 1]
        services.append(service)
    names = reference_names(
        required_regions={c for s in services for c in s.card_regions},
        required_municipalities={c for s in services for c in s.card_municipalities},
    )
    areas = _area_instances(names)
    municipality_order = areas["municipality_order"]
    for service in services:
        municipalities = [
            areas["municipalities"][code]
            for code in sorted(service.card_municipalities, key=municipality_order.get)
        ]
        regions = [areas["regions"][code] for code in sorted(service.card_regions)]
        service._prefetched_objects_cache = {
            "municipalities": _prefetched(Municipality, municipalities),
            "regions": _prefetched(Region, regions),
        }
    return services


_card_statements: dict = {}


def _card_statement() -> tuple[str, dict[str, list[str]]]:
    """The card query of ``_card_page`` (ids as one array parameter) and the attribute
    names of its columns per model, in the models' field order (``Model.from_db``)."""
    if "statement" in _card_statements:
        return _card_statements["statement"], _card_statements["columns"]
    qn = connection.ops.quote_name

    def pick(model, wanted):
        fields = [f for f in model._meta.concrete_fields if f.attname in wanted]
        return [f.attname for f in fields], [qn(f.column) for f in fields]

    own = {name for name in CARD_FIELDS if "__" not in name}
    related = {
        prefix: {name.split("__", 1)[1] for name in CARD_FIELDS if name.startswith(prefix)}
        for prefix in ("provider__", "service_type__")
    }
    service_names, service_columns = pick(Service, {"id", "provider_id", "service_type_id", *own})
    provider_names, provider_columns = pick(Provider, {"id", *related["provider__"]})
    type_names, type_columns = pick(TaxonomyTerm, {"id", *related["service_type__"]})
    municipalities = Service.municipalities.through._meta
    regions = Service.regions.through._meta
    select = [
        *(f"s.{c}" for c in service_columns),
        *(f"p.{c}" for c in provider_columns),
        *(f"t.{c}" for c in type_columns),
        # table names from the models
        f"ARRAY(SELECT m.municipality_id FROM {qn(municipalities.db_table)} m "  # noqa: S608
        "WHERE m.service_id = s.id)",
        f"ARRAY(SELECT r.region_id FROM {qn(regions.db_table)} r "  # noqa: S608
        "WHERE r.service_id = s.id)",
    ]
    statement = (
        f"SELECT {', '.join(select)} FROM {qn(Service._meta.db_table)} s "  # noqa: S608
        f"JOIN {qn(Provider._meta.db_table)} p ON p.id = s.provider_id "
        f"LEFT JOIN {qn(TaxonomyTerm._meta.db_table)} t ON t.id = s.service_type_id "
        "WHERE s.id = ANY(%s)"
    )
    columns = {"service": service_names, "provider": provider_names, "type": type_names}
    _card_statements.update(statement=statement, columns=columns)
    return statement, columns


_area_cache: dict = {}


def _area_instances(names: dict) -> dict:
    """Municipality and Region instances for the cards, made once per copy of the
    reference names (the cards only read them)."""
    from reference.models import Municipality, Region

    if _area_cache.get("names") is not names:
        _area_cache.clear()
        _area_cache.update(
            names=names,
            municipality_order={code: n for n, code in enumerate(names["municipalities"])},
            municipalities={
                code: Municipality(
                    code=code,
                    region_id=region_id,
                    name_fi=area_names[0],
                    name_sv=area_names[1],
                    name_en=area_names[2],
                )
                for code, (region_id, area_names) in names["municipalities"].items()
            },
            regions={
                code: Region(
                    code=code,
                    **dict(zip(("name_fi", "name_sv", "name_en"), area_names, strict=True)),
                )
                for code, area_names in names["regions"].items()
            },
        )
    return _area_cache


def _prefetched(model, objects):
    """A queryset holding ``objects``, as prefetch_related stores it on an instance."""
    queryset = model.objects.all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    return queryset


def service_search(
    *, viewer, filters: Mapping[str, Any] | None = None, cards_only: bool = False
) -> SearchResult:
    """The public catalogue: published services matching the text query and filters,
    ordered by relevance or newest, with facet counts. Sector never affects the order.
    ``cards_only``: the services carry only what a result card shows (the HTML page).

    Raises ApplicationError for invalid filters (field-specific message)."""
    params = ServiceFilter.plain_query_params(filters or {})
    if params is None:
        filterset = ServiceFilter(filters or {}, queryset=Service.objects.published())
        if not filterset.is_valid():
            field_name, errors = next(iter(filterset.errors.items()))
            raise ApplicationError(errors[0], field=field_name)
        params = filterset.search_params()
    text_groups = search.expand_groups(search_text_groups(params.q))
    facet_groups = search.filter_groups(params)
    card = _card_only_queryset if cards_only else _card_queryset
    if search.is_postgres():
        counted = search.entry_facet_counts(text_groups + facet_groups)
        services = search.ranked_queryset(
            text_groups=text_groups,
            facet_groups=facet_groups,
            sort=params.sort,
            matches=counted.total if counted.exact else None,
            card=card,
            cards=_card_page
            if cards_only
            else lambda ids: card(Service.objects.filter(pk__in=ids)),
        )
    else:
        queryset = search.apply(
            Service.objects.published(),
            text_groups=text_groups,
            facet_groups=facet_groups,
            sort=params.sort,
        )
        counted = search.capped_facet_counts(queryset)
        services = card(queryset)
    return SearchResult(
        services=services,
        total=counted.total,
        facets=_facets(counted.keys, params, at_least=not counted.exact),
        params=params,
        counts=counted.keys,
        counts_exact=counted.exact,
    )


def search_text_groups(q: str):
    from catalog import text

    return text.query_groups(q)


def _name(names, index: int) -> str:
    """A reference-data name from (fi, sv, en): the one at `index`, falling back to Finnish."""
    return names[index] or names[0]


REFERENCE_NAMES_CACHE_KEY = "catalog:facet-reference-names:version"
REFERENCE_NAMES_TIMEOUT = 600  # seconds; saves invalidate at once (catalog.apps)
_reference_names: dict = {}  # this process's copy: {"version": ..., "names": ...}


def _load_reference_names() -> dict:
    from reference.models import Municipality, Region

    return {
        "terms": list(
            TaxonomyTerm.objects.values_list("taxonomy", "code", "name_fi", "name_sv", "name_en")
        ),
        "regions": {
            code: names
            for code, *names in Region.objects.values_list("code", "name_fi", "name_sv", "name_en")
        },
        "municipalities": {
            code: (region_id, names)
            for code, region_id, *names in Municipality.objects.values_list(
                "code", "region_id", "name_fi", "name_sv", "name_en"
            )
        },
    }


def reference_names(*, required_regions=(), required_municipalities=()) -> dict:
    """The names the filter panel and the result cards show (taxonomy terms, regions,
    municipalities), kept in each process: they change rarely. The shared cache holds only a
    version; saving or deleting a term, region or municipality forgets it
    (``forget_reference_names``), so every process reloads; codes missing from the copy
    (areas bulk-imported since) reload it too."""
    version = cache.get(REFERENCE_NAMES_CACHE_KEY)
    names = _reference_names.get("names") if version == _reference_names.get("version") else None
    if (
        version is None
        or names is None
        or not set(required_regions) <= names["regions"].keys()
        or not set(required_municipalities) <= names["municipalities"].keys()
    ):
        names = _load_reference_names()
        version = uuid.uuid4().hex
        cache.set(REFERENCE_NAMES_CACHE_KEY, version, REFERENCE_NAMES_TIMEOUT)
        _reference_names.update(version=version, names=names)
    return names


def forget_reference_names(**_kwargs) -> None:
    cache.delete(REFERENCE_NAMES_CACHE_KEY)


def _facets(
    counts, params: search.SearchParams, *, at_least: bool = False
) -> dict[str, list[FacetValue]]:
    from catalog.models import LANGUAGE_CHOICES
    from providers.models import Provider

    def build(facet, choices, selected):
        values = []
        for value, label in choices:
            count = counts.get(search.facet_key(facet, value), 0)
            if count or value in selected:
                values.append(
                    FacetValue(str(value), str(label), count, value in selected, at_least)
                )
        return values

    lang = {"sv": 1, "en": 2}.get((get_language() or "fi")[:2], 0)
    nationwide = counts.get(search.NATIONWIDE_KEY, 0)
    region_prefix = search.FACET_PREFIX["region"]
    municipality_prefix = search.FACET_PREFIX["municipality"]
    region_codes = {k[len(region_prefix) :] for k in counts if k.startswith(region_prefix)}
    region_codes |= set(params.regions)
    selected_municipalities = [code for code, _region in params.municipalities]
    municipality_codes = {
        k[len(municipality_prefix) :] for k in counts if k.startswith(municipality_prefix)
    } | set(selected_municipalities)
    names = reference_names(
        required_regions=region_codes, required_municipalities=municipality_codes
    )
    regions = [
        FacetValue(
            code,
            _name(region_names, lang),
            counts.get(search.facet_key("region", code), 0) + nationwide,
            code in params.regions,
            at_least,
        )
        for code, region_names in names["regions"].items()
        if code in region_codes
    ]
    # in the database's order (Municipality.Meta.ordering, the database's collation)
    municipalities = [
        FacetValue(
            code,
            _name(municipality_names, lang),
            counts.get(search.facet_key("municipality", code), 0)
            + counts.get(f"{search.REGION_WIDE_PREFIX}{region_id}", 0)
            + nationwide,
            code in selected_municipalities,
            at_least,
        )
        for code, (region_id, municipality_names) in names["municipalities"].items()
        if code in municipality_codes
    ]

    def terms(taxonomy):
        return [
            (code, _term_name(term_names, lang))
            for term_taxonomy, code, *term_names in names["terms"]
            if term_taxonomy == taxonomy
        ]

    return {
        "type": build("type", terms(TaxonomyTerm.Taxonomy.SERVICE_TYPE), params.types),
        "target_group": build(
            "target_group", terms(TaxonomyTerm.Taxonomy.TARGET_GROUP), params.target_groups
        ),
        "delivery_mode": build(
            "delivery_mode", Service.DeliveryMode.choices, params.delivery_modes
        ),
        "region": regions,
        "municipality": municipalities,
        "language": build("language", LANGUAGE_CHOICES, params.languages),
        "cost": build("cost", ServiceFilter.COST_CHOICES, [params.cost] if params.cost else []),
        "sector": build("sector", Provider.Sector.choices, params.sectors),
    }


def _term_name(names, index: int) -> str:
    """catalog.models.localized for (fi, sv, en): the language, then Finnish, then English."""
    return names[index] or names[0] or names[2]


def service_get(*, viewer, service_id: int) -> Service:
    service = (
        Service.objects.visible_to(viewer)
        .select_related("provider", "service_type")
        .prefetch_related(
            "target_groups",
            "regions",
            "municipalities",
            "locations",
            "esco_skills",
            "esco_occupations",
        )
        .filter(pk=service_id)
        .first()
    )
    if service is None or not perms.can_view_service(viewer, service):
        raise Http404
    return service


def service_list_for_provider(*, viewer, provider) -> QuerySet:
    if not perms.can_create_service(viewer, provider):
        return Service.objects.none()
    return (
        Service.objects.filter(provider=provider)
        .select_related("service_type")
        .annotate(
            open_requests=Count(
                "enrolment_requests",
                filter=Q(enrolment_requests__status=EnrolmentRequest.Status.NEW),
            )
        )
        .order_by("status", "name_fi")
    )


def provider_dashboard(*, viewer) -> list[dict]:
    """For each provider the viewer belongs to: its services with status and staleness, and
    its enrolment requests inbox."""
    from catalog.services import STALE_WARNING_AFTER
    from providers.models import Provider

    now = timezone.now()
    result = []
    providers = Provider.objects.filter(pk__in=perms.provider_ids(viewer)).prefetch_related(
        "memberships"
    )
    for provider in providers:
        services = list(service_list_for_provider(viewer=viewer, provider=provider))
        for service in services:
            last = service.confirmed_at or service.published_at
            service.is_stale_soon = bool(
                service.status == Service.Status.PUBLISHED
                and last
                and last < now - STALE_WARNING_AFTER
            )
        inbox = list(
            EnrolmentRequest.objects.visible_to(viewer)
            .filter(service__provider=provider)
            .select_related("service", "user")
            .order_by("status", "-created_at")[:200]
        )
        result.append(
            {
                "provider": provider,
                "services": services,
                "stale": [
                    s for s in services if s.status == Service.Status.OUTDATED or s.is_stale_soon
                ],
                "inbox": inbox,
                "new_requests": sum(1 for e in inbox if e.status == EnrolmentRequest.Status.NEW),
                "can_edit_provider": perms.can_edit_provider(viewer, provider),
            }
        )
    return result


def enrolment_list_for_user(*, viewer) -> QuerySet:
    """The viewer's own enrolment requests ("My enrolments")."""
    if not perms.is_signed_in(viewer):
        return EnrolmentRequest.objects.none()
    return (
        EnrolmentRequest.objects.filter(user=viewer)
        .select_related("service", "service__provider")
        .order_by("-created_at")
    )


def enrolment_list(*, viewer) -> QuerySet:
    return EnrolmentRequest.objects.visible_to(viewer).select_related(
        "service", "service__provider", "user"
    )


def enrolment_get(*, viewer, enrolment_id: int) -> EnrolmentRequest:
    enrolment = (
        EnrolmentRequest.objects.visible_to(viewer)
        .select_related("service", "service__provider", "user")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or not perms.can_view_enrolment(viewer, enrolment):
        raise Http404
    return enrolment


def taxonomy_terms(*, taxonomy: str | None = None) -> QuerySet:
    queryset = TaxonomyTerm.objects.all()
    if taxonomy:
        queryset = queryset.filter(taxonomy=taxonomy)
    return queryset
