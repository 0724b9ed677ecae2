"""Reads of the syndication app."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from jobs.models import JobAd
from syndication.models import JobAdSource, PartnerAuthorisation, PartnerClient, PartnerJobAd
from tori import permissions as perms


def without_duplicates(queryset: QuerySet) -> QuerySet:
    """Listings show each ad once: near-duplicates of another ad are left out."""
    return queryset.filter(duplicate_link__isnull=True)


def also_published_at(*, viewer, job_ad: JobAd) -> list[dict]:
    """Where else this ad (or its near-duplicates) is published: [{"name", "url"}], one entry
    per address, for the detail page's "also published at" links."""
    canonical_id = (
        JobAd.objects.filter(pk=job_ad.pk)
        .values_list("duplicate_link__canonical_id", flat=True)
        .first()
    ) or job_ad.pk
    group = Q(job_ad_id=canonical_id) | Q(job_ad__duplicate_link__canonical_id=canonical_id)
    sources = (
        JobAdSource.objects.filter(group, gone_at__isnull=True)
        .exclude(original_url="")
        .select_related("feed")
        .order_by("feed__name", "pk")
    )
    links: dict[str, dict] = {}
    for source in sources:
        links.setdefault(
            source.original_url, {"name": source.feed.name, "url": source.original_url}
        )
    return list(links.values())


def job_ad_feed(*, viewer, modified_since: datetime.datetime | None = None) -> QuerySet:
    """Tori's own ads for partner platforms, oldest change first (stable paging). Without
    `modified_since`: the listed ads. With it: every non-draft ad changed since then, so that
    partners also learn of ads that expired or were closed. Ads imported from partner feeds
    and near-duplicates are left out, so that no ad travels back to where it came from."""
    queryset = JobAd.objects.filter(sources__isnull=True, duplicate_link__isnull=True)
    if modified_since is None:
        queryset = queryset.listed()
    else:
        queryset = queryset.filter(
            status__in=[JobAd.Status.PUBLISHED, JobAd.Status.EXPIRED, JobAd.Status.CLOSED],
            updated_at__gte=modified_since,
        )
    return (
        queryset.select_related("organisation", "municipality", "occupation")
        .prefetch_related("skills")
        .defer("search_vector", "search_document", "facet_keys")
        .order_by("updated_at", "pk")
    )


def partner_organisation_list(*, partner: PartnerClient) -> QuerySet:
    from profiles.models import EmployerOrganisation

    return EmployerOrganisation.objects.filter(
        pk__in=perms.partner_organisation_ids(partner)
    ).order_by("name", "pk")


def partner_job_ad_list(*, partner: PartnerClient) -> QuerySet:
    """The partner's ads for the employers that still authorise it."""
    return (
        JobAd.objects.filter(
            partner_link__partner=partner,
            organisation_id__in=perms.partner_organisation_ids(partner),
        )
        .select_related("organisation", "municipality", "occupation", "partner_link")
        .prefetch_related("skills")
        .defer("search_vector", "search_document", "facet_keys")
        .order_by("-updated_at", "-pk")
    )


def partner_job_ad_get(*, partner: PartnerClient, external_id: str) -> JobAd:
    link = (
        PartnerJobAd.objects.select_related("job_ad", "job_ad__organisation")
        .filter(partner=partner, external_id=external_id)
        .first()
    )
    if link is None or not perms.can_partner_edit_job_ad(partner, link.job_ad):
        raise Http404
    return link.job_ad


def organisation_partners(*, viewer, organisation) -> dict:
    """For the organisation's partner page: who is authorised and who could be."""
    if not perms.can_view_employer_organisation(viewer, organisation):
        return {"authorised": [], "available": []}
    authorised = list(
        PartnerAuthorisation.objects.filter(organisation=organisation)
        .select_related("partner", "authorised_by")
        .order_by("partner__name")
    )
    taken = {a.partner_id for a in authorised}
    available = list(PartnerClient.objects.filter(is_active=True).exclude(pk__in=taken))
    return {"authorised": authorised, "available": available}
