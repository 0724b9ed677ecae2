"""Reads of job ads, saved ads and saved searches, scoped by the viewer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from catalog.selectors import FacetValue
from jobs import search
from jobs.filters import JobAdFilter
from jobs.models import JobAd, SavedJobAd, SavedJobSearch
from profiles.models import EmployerMembership, EmployerOrganisation
from syndication.selectors import without_duplicates
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.i18n import LocalizedText


class JobAdGone(Exception):
    """The ad existed but its application period is over (expired or closed): 410 Gone."""

    def __init__(self, job_ad: JobAd):
        super().__init__(job_ad.pk)
        self.job_ad = job_ad


@dataclass
class JobSearchResult:
    job_ads: QuerySet
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    params: search.JobSearchParams | None = None


def _card_queryset(queryset):
    return queryset.select_related(
        "organisation", "municipality", "municipality__region", "occupation"
    ).defer("search_vector", "search_document", "facet_keys")


def job_ad_search(*, viewer, filters: Mapping[str, Any] | None = None) -> JobSearchResult:
    """Listed ads (published, deadline not passed) matching the text query and the filters,
    with facet counts. Raises ApplicationError for invalid filters (field-specific message)."""
    listed = without_duplicates(JobAd.objects.listed())  # near-duplicates shown once
    filterset = JobAdFilter(filters or {}, queryset=listed)
    if not filterset.is_valid():
        field_name, errors = next(iter(filterset.errors.items()))
        raise ApplicationError(errors[0], field=field_name)
    params = filterset.search_params()
    queryset = search.apply(
        filterset.qs,
        text_groups=search.text_groups(params.q),
        facet_groups=search.filter_groups(params),
        sort=params.sort,
    )
    counts = search.facet_counts(queryset)
    # every ad has exactly one work-time key, so those counts add up to the total
    total = sum(n for key, n in counts.items() if key.startswith(search.FACET_PREFIX["work_time"]))
    return JobSearchResult(
        job_ads=_card_queryset(queryset),
        total=total,
        facets=_facets(counts, params),
        params=params,
    )


def _facets(counts, params: search.JobSearchParams) -> dict[str, list[FacetValue]]:
    from jobs import codes
    from reference.models import EscoOccupation, Municipality, Region

    def build(facet, choices, selected):
        values = []
        for value, label in choices:
            count = counts.get(search.facet_key(facet, value), 0)
            if count or value in selected:
                # an occupation's LocalizedText keeps its language (marked when a fallback)
                text = label if isinstance(label, LocalizedText) else str(label)
                values.append(FacetValue(str(value), text, count, value in selected))
        return values

    def present(facet, selected):
        prefix = search.FACET_PREFIX[facet]
        return {key[len(prefix) :] for key in counts if key.startswith(prefix)} | set(selected)

    occupation_ids = [v for v in present("occupation", params.occupations) if v.isdigit()]
    occupations = sorted(
        ((str(o.pk), o.label) for o in EscoOccupation.objects.filter(pk__in=occupation_ids)),
        key=lambda pair: pair[1].lower(),
    )
    regions = [
        (r.code, r.name) for r in Region.objects.filter(code__in=present("region", params.regions))
    ]
    municipalities = [
        (m.code, m.name)
        for m in Municipality.objects.filter(
            code__in=present("municipality", params.municipalities)
        )
    ]
    languages = [
        (c, label) for c, label in codes.choices(codes.LANGUAGES) if c in codes.AD_LANGUAGES
    ]
    remote_count = counts.get(search.REMOTE_KEY, 0)
    return {
        "occupation": build("occupation", occupations, params.occupations),
        "region": build("region", regions, params.regions),
        "municipality": build("municipality", municipalities, params.municipalities),
        "work_time": build("work_time", JobAd.WorkTime.choices, params.work_times),
        "continuity": build("continuity", JobAd.Continuity.choices, params.continuities),
        "language": build("language", languages, params.languages),
        "remote": [
            FacetValue(
                "1", str(JobAdFilter.base_filters["remote"].label), remote_count, params.remote
            )
        ]
        if remote_count or params.remote
        else [],
    }


def job_ad_get(*, viewer, job_ad_id: int) -> JobAd:
    """An ad the viewer may see. Raises JobAdGone for expired and closed ads (and published
    ads past their deadline) and Http404 for ads that don't exist or aren't visible."""
    job_ad = (
        JobAd.objects.select_related(
            "organisation", "municipality", "municipality__region", "occupation"
        )
        .prefetch_related("skills")
        .filter(pk=job_ad_id)
        .first()
    )
    if job_ad is None:
        raise Http404
    if job_ad.is_gone:
        raise JobAdGone(job_ad)
    if not perms.can_view_job_ad(viewer, job_ad):
        raise Http404
    return job_ad


def job_ad_list_for_employer(*, viewer, organisation=None) -> QuerySet:
    """Every ad of the viewer's organisations (or of one of them), drafts included."""
    ids = perms.employer_ids(viewer)
    if organisation is not None:
        ids = ids & {organisation.pk}
    return (
        JobAd.objects.of_organisations(ids)
        .select_related("organisation", "municipality")
        .defer("search_vector", "search_document", "facet_keys")
        .order_by("status", "-updated_at", "-pk")
    )


def organisation_list_for_user(*, viewer) -> QuerySet:
    return EmployerOrganisation.objects.filter(pk__in=perms.employer_ids(viewer)).order_by("name")


def organisation_get(*, viewer, organisation_id: int) -> EmployerOrganisation:
    organisation = EmployerOrganisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not perms.can_view_employer_organisation(viewer, organisation):
        raise Http404
    return organisation


def organisation_members(*, viewer, organisation) -> QuerySet:
    """Active members of the organisation, for its own members."""
    if not perms.can_view_employer_organisation(viewer, organisation):
        return EmployerMembership.objects.none()
    return (
        EmployerMembership.objects.active()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__email")
    )


def organisation_membership_requests(*, viewer, organisation) -> QuerySet:
    """Sign-ups waiting for approval, oldest first; for the organisation's administrators."""
    if not perms.can_manage_employer_members(viewer, organisation):
        return EmployerMembership.objects.none()
    return (
        EmployerMembership.objects.pending()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("requested_at", "pk")
    )


def organisation_membership_get(*, viewer, organisation, membership_id: int):
    """A pending or active membership of an organisation the viewer is a member of (404
    otherwise: other organisations' memberships do not exist for the viewer)."""
    if not perms.can_view_employer_organisation(viewer, organisation):
        raise Http404
    membership = (
        EmployerMembership.objects.filter(
            pk=membership_id,
            organisation=organisation,
            status__in=[EmployerMembership.Status.PENDING, EmployerMembership.Status.ACTIVE],
        )
        .select_related("user", "organisation")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def saved_job_ad_list(*, viewer) -> QuerySet:
    """The viewer's saved ads that are still listed, newest saved first."""
    if not perms.can_save_job_ads(viewer):
        return SavedJobAd.objects.none()
    listed = JobAd.objects.listed().values("pk")
    return (
        SavedJobAd.objects.filter(user=viewer, job_ad__in=listed)
        .select_related("job_ad", "job_ad__organisation", "job_ad__municipality")
        .order_by("-created_at", "-pk")
    )


def saved_job_ad_ids(*, viewer) -> set[int]:
    if not perms.can_save_job_ads(viewer):
        return set()
    return set(SavedJobAd.objects.filter(user=viewer).values_list("job_ad_id", flat=True))


def saved_search_list(*, viewer) -> QuerySet:
    if not perms.can_save_job_searches(viewer):
        return SavedJobSearch.objects.none()
    return SavedJobSearch.objects.filter(user=viewer).order_by("-created_at", "-pk")


def saved_search_get(*, viewer, saved_search_id: int) -> SavedJobSearch:
    saved = SavedJobSearch.objects.filter(pk=saved_search_id).first()
    if saved is None or not perms.can_manage_saved_job_search(viewer, saved):
        raise Http404
    return saved


def employer_services(*, viewer) -> dict[str, Any]:
    """Catalogue services for employers: recruitment help and staff training (the catalogue's
    own search, so only published services, in the catalogue's order)."""
    from catalog.selectors import service_search

    return {
        code: service_search(viewer=viewer, filters={"type": [code], "sort": "newest"})
        for code in ("recruitment", "stafftraining")
    }
