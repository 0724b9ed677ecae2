"""Reads of the catalogue, scoped by the viewer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from catalog import search
from catalog.filters import ServiceFilter
from catalog.models import EnrolmentRequest, Service, TaxonomyTerm
from tori import permissions as perms
from tori.exceptions import ApplicationError


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    services: QuerySet  # search.RankedQuerySet on PostgreSQL
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    params: search.SearchParams | None = None
    counts: Counter = field(default_factory=Counter)  # facet key → matching services


def _card_queryset(queryset):
    return (
        queryset.select_related("provider", "service_type")
        .prefetch_related("target_groups", "municipalities", "regions")
        .defer("search_vector", "search_document", "facet_keys")
    )


def service_search(*, viewer, filters: Mapping[str, Any] | None = None) -> SearchResult:
    """The public catalogue: published services matching the text query and filters,
    ordered by relevance or newest, with facet counts. Sector never affects the order.

    Raises ApplicationError for invalid filters (field-specific message)."""
    filterset = ServiceFilter(filters or {}, queryset=Service.objects.published())
    if not filterset.is_valid():
        field_name, errors = next(iter(filterset.errors.items()))
        raise ApplicationError(errors[0], field=field_name)
    params = filterset.search_params()
    text_groups = search.expand_groups(search_text_groups(params.q))
    facet_groups = search.filter_groups(params)
    if search.is_postgres():
        counts = search.entry_facet_counts(text_groups + facet_groups)
        services = search.ranked_queryset(
            text_groups=text_groups,
            facet_groups=facet_groups,
            sort=params.sort,
            card=_card_queryset,
            cards=lambda ids: _card_queryset(Service.objects.filter(pk__in=ids)),
        )
    else:
        queryset = search.apply(
            filterset.qs, text_groups=text_groups, facet_groups=facet_groups, sort=params.sort
        )
        counts = search.facet_counts(queryset)
        services = _card_queryset(queryset)
    return SearchResult(
        services=services,
        total=_total(counts),
        facets=_facets(counts, params),
        params=params,
        counts=counts,
    )


def _total(counts) -> int:
    # every service has exactly one sector key, so the sector counts add up to the total
    return sum(n for key, n in counts.items() if key.startswith(search.FACET_PREFIX["sector"]))


def search_text_groups(q: str):
    from catalog import text

    return text.query_groups(q)


def _name(names, index: int) -> str:
    """A reference-data name from (fi, sv, en): the one at `index`, falling back to Finnish."""
    return names[index] or names[0]


def _facets(counts, params: search.SearchParams) -> dict[str, list[FacetValue]]:
    from catalog.models import LANGUAGE_CHOICES
    from providers.models import Provider
    from reference.models import Municipality, Region

    def build(facet, choices, selected):
        values = []
        for value, label in choices:
            count = counts.get(search.facet_key(facet, value), 0)
            if count or value in selected:
                values.append(FacetValue(str(value), str(label), count, value in selected))
        return values

    terms = list(TaxonomyTerm.objects.all())
    lang = {"sv": 1, "en": 2}.get((get_language() or "fi")[:2], 0)
    nationwide = counts.get(search.NATIONWIDE_KEY, 0)
    region_codes = {k[len(search.FACET_PREFIX["region"]) :] for k in counts if k.startswith("zfr")}
    region_codes |= set(params.regions)
    regions = [
        FacetValue(
            code,
            _name(names, lang),
            counts.get(search.facet_key("region", code), 0) + nationwide,
            code in params.regions,
        )
        for code, *names in Region.objects.filter(code__in=region_codes).values_list(
            "code", "name_fi", "name_sv", "name_en"
        )
    ]
    selected_municipalities = [code for code, _region in params.municipalities]
    municipality_codes = {
        k[len(search.FACET_PREFIX["municipality"]) :] for k in counts if k.startswith("zfk")
    } | set(selected_municipalities)
    # values, not model instances: a broad query lists a few hundred municipalities
    municipalities = [
        FacetValue(
            code,
            _name(names, lang),
            counts.get(search.facet_key("municipality", code), 0)
            + counts.get(f"{search.REGION_WIDE_PREFIX}{region_id}", 0)
            + nationwide,
            code in selected_municipalities,
        )
        for code, region_id, *names in Municipality.objects.filter(
            code__in=municipality_codes
        ).values_list("code", "region_id", "name_fi", "name_sv", "name_en")
    ]
    return {
        "type": build(
            "type",
            [(t.code, t.name) for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE],
            params.types,
        ),
        "target_group": build(
            "target_group",
            [(t.code, t.name) for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.TARGET_GROUP],
            params.target_groups,
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
