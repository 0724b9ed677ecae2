"""Reads for the open statistics: aggregated, protected tables with no personal data.

The figures do not depend on who asks (they are public), so these selectors take no viewer.
Each returns a JSON-ready dict (the API's and the page's shape, see openstats.api) and is
cached for an hour per dataset, filters, language and k.

What is counted (the page and the OpenAPI descriptions say the same in plain language):

* ``skills-demand`` — for the ESCO skills most in demand: job ads published in the period
  that require the skill (by the ad's municipality), and jobseekers whose profile lists the
  skill at the end of the period (active jobseeker accounts, by home municipality). Job-ad
  counts are about employers, not people, and are not suppressed; jobseeker counts are
  protected per skill over the regions (one line per skill: regions + whole country), and
  the region filter picks a column of that national table, so comparing regions with the
  whole country reveals nothing more.
* ``services`` — published services of the catalogue available in each region (nationwide
  services count in every region) by service type, now. About organisations' public offers,
  so not suppressed; a service may count in several regions, so the totals are distinct
  services, not sums.
* ``enrolments`` — events of people in the period, by the region of the person's home
  municipality (where the demand comes from; services are often remote or cover many
  municipalities) and service type: ``requests`` (enrolment requests sent),
  ``participations`` (joined a group of a service; the participation's municipality) or
  ``referrals`` (expert referrals started). Protected as one table with row, column and grand
  totals; the region filter picks a row of that national table.
* ``outcomes`` — confirmed outcomes of participations (outcome date in the period) and the
  outcomes of completed or interrupted expert referrals that ended in the period (a referral
  whose participation has a confirmed outcome is counted once, through the participation),
  by service type and outcome category. National only: a regional split would be too
  thin to publish and a region filter would let one subtract regions from the country.

Periods are fixed calendar quarters, published only once they have ended, and each table of a
quarter is frozen the first time it is asked for (openstats.models.PublishedTable, written by
openstats.services.table_publish): the protected figures are stored by codes and every later
request renders the stored figures in its language. Quarters never overlap and a published
quarter never changes, so no two published tables can be subtracted from each other to
reveal a small figure — not two overlapping periods, and not the same period before and
after late data arrived (late corrections are therefore not shown). The services table is a
snapshot of today's catalogue (organisations, not people) and stays live.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openstats.disclosure import Figure, protect
from openstats.params import Quarter, StatisticsQuery

CACHE_SECONDS = 60 * 60
TOP_SKILLS = 20
UNKNOWN = "unknown"
NO_TYPE = "none"
TOTAL = "total"
DATASETS = ("skills-demand", "services", "enrolments", "outcomes")


def k_threshold() -> int:
    return int(getattr(settings, "OPEN_STATISTICS_K", 5))


def _stored(fig: Figure) -> list:
    """A protected figure as stored in a PublishedTable: [value or None, suppressed]."""
    return [fig.value, fig.suppressed]


def _from_stored(pair) -> dict:
    value, suppressed = pair
    return {"value": None if suppressed else value, "suppressed": bool(suppressed)}


def _plain(value: int) -> dict:
    return {"value": value, "suppressed": False}


def _regions() -> list[tuple[str, str]]:
    from reference.models import Region

    return [(r.code, r.name) for r in Region.objects.order_by("code")]


def _service_types() -> list[tuple[str, str]]:
    from catalog.models import TaxonomyTerm

    terms = TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE)
    return [(t.code, t.name) for t in terms.order_by("position", "code")]


def _outcome_labels() -> list[tuple[str, str]]:
    from expert.models import Outcome

    return [(value, str(label)) for value, label in Outcome.choices]


def _region_label(code: str | None) -> dict | None:
    if not code:
        return None
    from reference.models import Region

    region = Region.objects.filter(code=code).first()
    return {"code": code, "name": region.name if region else code}


def _envelope(dataset: str, query: StatisticsQuery, generated_at) -> dict:
    return {
        "dataset": dataset,
        "k": k_threshold(),
        "period": query.period.as_dict() if query.period else None,
        "region": _region_label(query.region),
        "measure": query.measure,
        "language": (get_language() or "fi")[:2],
        "generated_at": generated_at.isoformat(timespec="seconds"),
    }


def _protected_matrix(
    *,
    row_keys: list[str],
    col_keys: list[str],
    counts: dict[tuple[str, str], int],
    k: int,
) -> dict:
    """Rows × columns with a total column and a whole-country totals row, protected by
    openstats.disclosure, as stored in a PublishedTable (codes only, no labels)."""
    matrix = [[counts.get((r, c), 0) for c in col_keys] for r in row_keys]
    table = protect(matrix, k=k)
    return {
        "columns": [*col_keys, TOTAL],
        "rows": [
            {"key": key, "cells": [_stored(f) for f in [*cells, total]]}
            for key, cells, total in zip(row_keys, table.cells, table.row_totals, strict=True)
        ],
        "totals": {
            "key": TOTAL,
            "cells": [_stored(f) for f in [*table.column_totals, table.grand_total]],
        },
    }


def _render_matrix(
    stored: dict,
    *,
    row_labels: dict[str, str],
    col_labels: dict[str, str],
    keep_rows: set[str] | None,
) -> dict:
    """A stored table with the labels of the active language; ``keep_rows`` selects rows of
    the stored national table (so a filtered view is a part of the national one)."""
    col_labels = {**col_labels, TOTAL: _("Total")}
    return {
        "columns": [{"key": c, "label": col_labels.get(c, c)} for c in stored["columns"]],
        "rows": [
            {
                "key": row["key"],
                "label": row_labels.get(row["key"], row["key"]),
                "cells": [_from_stored(pair) for pair in row["cells"]],
            }
            for row in stored["rows"]
            if keep_rows is None or row["key"] in keep_rows
        ],
        "totals": {
            "key": TOTAL,
            "label": _("Whole country"),
            "cells": [_from_stored(pair) for pair in stored["totals"]["cells"]],
        },
    }


# --- skills demand ----------------------------------------------------------------------------


def _skills_demand_table(quarter: Quarter, measure: str, k: int) -> dict:
    """Stored shape: ``rows`` of skills (ESCO URI) with ``job_ads`` {region or total: n} and
    ``jobseekers`` {region or total: [value, suppressed]}; an absent key is a published 0.
    Kept are the skills in the top lists of the country or of any region, so each region's
    top lists can be picked out of the stored table."""
    from jobs.models import JobAd
    from profiles.models import ProfileSkill, User
    from reference.models import EscoSkill

    start, end = quarter.aware_bounds()
    region_codes = [code for code, _label in _regions()]
    region_keys = [*region_codes, UNKNOWN]

    ad_counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    through = JobAd.skills.through
    ads = (
        through.objects.filter(
            jobad__published_at__gte=start,
            jobad__published_at__lt=end,
            jobad__status__in=[
                JobAd.Status.PUBLISHED,
                JobAd.Status.EXPIRED,
                JobAd.Status.CLOSED,
            ],
        )
        .values("escoskill_id", "jobad__municipality__region_id")
        .annotate(n=Count("jobad_id", distinct=True))
    )
    for row in ads:
        ad_counts[row["escoskill_id"]][row["jobad__municipality__region_id"] or UNKNOWN] += row["n"]

    people: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    held = (
        ProfileSkill.objects.filter(
            created_at__lt=end,
            profile__user__role=User.Role.JOBSEEKER,
            profile__user__is_active=True,
        )
        .values("skill_id", "profile__home_municipality__region_id")
        .annotate(n=Count("profile_id", distinct=True))
    )
    for row in held:
        people[row["skill_id"]][row["profile__home_municipality__region_id"] or UNKNOWN] += row["n"]

    # jobseekers: one protected line per skill (regions + whole country)
    skill_ids = sorted(set(people))
    matrix = [[people[s].get(code, 0) for code in region_keys] for s in skill_ids]
    table = protect(matrix, k=k, row_totals=True, column_totals=False)
    published: dict[int, dict[str, Figure]] = {}
    for n, s in enumerate(skill_ids):
        figures = {code: table.cells[n][col] for col, code in enumerate(region_keys)}
        figures[TOTAL] = table.row_totals[n]
        published[s] = figures

    candidates = set(ad_counts) | set(people)
    uris = dict(EscoSkill.objects.filter(pk__in=candidates).values_list("pk", "uri"))

    def ads_in(skill_id: int, scope: str) -> int:
        counts = ad_counts.get(skill_id, {})
        return sum(counts.values()) if scope == TOTAL else counts.get(scope, 0)

    def people_in(skill_id: int, scope: str) -> int:
        fig = published.get(skill_id, {}).get(scope)
        return fig.value if fig is not None and fig.value is not None else 0

    chosen: set[int] = set()
    for scope in [TOTAL, *region_codes]:
        by_ads = sorted(candidates, key=lambda s: (-ads_in(s, scope), uris[s]))[:TOP_SKILLS]
        by_people = sorted(candidates, key=lambda s: (-people_in(s, scope), uris[s]))[:TOP_SKILLS]
        chosen |= {s for s in {*by_ads, *by_people} if ads_in(s, scope) or people_in(s, scope)}

    rows = []
    for s in sorted(chosen, key=lambda s: uris[s]):
        job_ads = {scope: ads_in(s, scope) for scope in [*region_keys, TOTAL]}
        jobseekers = {
            scope: _stored(fig)
            for scope, fig in published.get(s, {}).items()
            if fig.suppressed or fig.value
        }
        rows.append(
            {
                "key": uris[s],
                "job_ads": {scope: n for scope, n in job_ads.items() if n},
                "jobseekers": jobseekers,
            }
        )
    return {"rows": rows}


def _render_skills_demand(stored: dict, query: StatisticsQuery) -> dict:
    from reference.models import EscoSkill

    scope = query.region or TOTAL

    def ads(row) -> int:
        return row["job_ads"].get(scope, 0)

    def figure(row) -> dict:
        return _from_stored(row["jobseekers"].get(scope, [0, False]))

    def people(row) -> int:
        return figure(row)["value"] or 0

    rows = stored["rows"]
    by_ads = sorted(rows, key=lambda r: (-ads(r), r["key"]))[:TOP_SKILLS]
    by_people = sorted(rows, key=lambda r: (-people(r), r["key"]))[:TOP_SKILLS]
    chosen = {r["key"]: r for r in [*by_ads, *by_people] if ads(r) or people(r)}
    labels = {s.uri: s.label for s in EscoSkill.objects.filter(uri__in=list(chosen))}
    ordered = sorted(
        chosen.values(), key=lambda r: (-ads(r), -people(r), labels.get(r["key"], r["key"]))
    )
    return {
        "columns": [
            {"key": "job_ads", "label": _("Job ads")},
            {"key": "jobseekers", "label": _("Jobseekers")},
        ],
        "rows": [
            {
                "key": r["key"],
                "label": labels.get(r["key"], r["key"]),
                "cells": [_plain(ads(r)), figure(r)],
            }
            for r in ordered
        ],
        "totals": None,
    }


# --- services (live) ----------------------------------------------------------------------------


def _services(query: StatisticsQuery) -> dict:
    from catalog.models import Service
    from reference.models import Municipality

    regions = _regions()
    region_codes = [code for code, _label in regions]
    types = [*_service_types(), (NO_TYPE, _("No service type"))]
    services = Service.objects.published()
    areas: dict[int, set[str]] = defaultdict(set)
    for service_id, region_id in Service.regions.through.objects.filter(
        service__in=services
    ).values_list("service_id", "region_id"):
        areas[service_id].add(region_id)
    municipality_regions = dict(Municipality.objects.values_list("code", "region_id"))
    for service_id, municipality_id in Service.municipalities.through.objects.filter(
        service__in=services
    ).values_list("service_id", "municipality_id"):
        areas[service_id].add(municipality_regions[municipality_id])

    counts: dict[tuple[str, str], int] = defaultdict(int)
    row_totals: dict[str, int] = defaultdict(int)
    col_totals: dict[str, int] = defaultdict(int)
    total = 0
    for service_id, type_code, nationwide in services.values_list(
        "id", "service_type__code", "is_nationwide"
    ):
        type_key = type_code or NO_TYPE
        where = set(region_codes) if nationwide else (areas.get(service_id) or {UNKNOWN})
        for region in where:
            counts[(region, type_key)] += 1
            row_totals[region] += 1
        col_totals[type_key] += 1
        total += 1

    row_keys = [*regions, (UNKNOWN, _("Area not given"))]
    keep = {query.region} if query.region else None
    rows = []
    for key, label in row_keys:
        if keep is not None and key not in keep:
            continue
        if key == UNKNOWN and not row_totals.get(UNKNOWN):
            continue
        rows.append(
            {
                "key": key,
                "label": label,
                "cells": [_plain(counts.get((key, t), 0)) for t, _label in types]
                + [_plain(row_totals.get(key, 0))],
            }
        )
    return {
        "columns": [{"key": t, "label": label} for t, label in types]
        + [{"key": TOTAL, "label": _("Total")}],
        "rows": rows,
        "totals": {
            "key": TOTAL,
            "label": _("Whole country"),
            "cells": [_plain(col_totals.get(t, 0)) for t, _label in types] + [_plain(total)],
        },
    }


# --- enrolments ---------------------------------------------------------------------------------


def _enrolment_counts(quarter: Quarter, measure: str) -> dict[tuple[str, str], int]:
    from catalog.models import EnrolmentRequest
    from delivery.models import Participation
    from expert.models import Referral

    start, end = quarter.aware_bounds()
    if measure == "participations":
        rows = (
            Participation.objects.filter(
                joined_on__gte=quarter.start, joined_on__lt=quarter.end_exclusive
            )
            .values("municipality__region_id", "group__service__service_type__code")
            .annotate(n=Count("id"))
        )
        keys = ("municipality__region_id", "group__service__service_type__code")
    elif measure == "referrals":
        rows = (
            Referral.objects.filter(started_at__gte=start, started_at__lt=end)
            .values("case__profile__home_municipality__region_id", "service__service_type__code")
            .annotate(n=Count("id"))
        )
        keys = ("case__profile__home_municipality__region_id", "service__service_type__code")
    else:
        rows = (
            EnrolmentRequest.objects.filter(created_at__gte=start, created_at__lt=end)
            .values(
                "user__jobseeker_profile__home_municipality__region_id",
                "service__service_type__code",
            )
            .annotate(n=Count("id"))
        )
        keys = (
            "user__jobseeker_profile__home_municipality__region_id",
            "service__service_type__code",
        )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        counts[(row[keys[0]] or UNKNOWN, row[keys[1]] or NO_TYPE)] += row["n"]
    return counts


def _enrolments_table(quarter: Quarter, measure: str, k: int) -> dict:
    return _protected_matrix(
        row_keys=[code for code, _label in _regions()] + [UNKNOWN],
        col_keys=[code for code, _label in _service_types()] + [NO_TYPE],
        counts=_enrolment_counts(quarter, measure),
        k=k,
    )


def _render_enrolments(stored: dict, query: StatisticsQuery) -> dict:
    return _render_matrix(
        stored,
        row_labels={**dict(_regions()), UNKNOWN: _("Region not known")},
        col_labels={**dict(_service_types()), NO_TYPE: _("No service type")},
        keep_rows={query.region} if query.region else None,
    )


# --- outcomes -----------------------------------------------------------------------------------


def _outcomes_table(quarter: Quarter, measure: str, k: int) -> dict:
    from delivery.models import Participation
    from expert.models import Referral

    start, end = quarter.aware_bounds()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    confirmed = Participation.objects.filter(
        outcome_confirmed_at__isnull=False,
        outcome_date__gte=quarter.start,
        outcome_date__lt=quarter.end_exclusive,
    ).exclude(outcome="")
    for row in confirmed.values("group__service__service_type__code", "outcome").annotate(
        n=Count("id")
    ):
        counts[(row["group__service__service_type__code"] or NO_TYPE, row["outcome"])] += row["n"]
    referrals = (
        Referral.objects.filter(
            status__in=[Referral.Status.COMPLETED, Referral.Status.INTERRUPTED],
            ended_at__gte=start,
            ended_at__lt=end,
        )
        .exclude(outcome="")
        .exclude(participations__outcome_confirmed_at__isnull=False)
    )
    for row in referrals.values("service__service_type__code", "outcome").annotate(
        n=Count("id", distinct=True)
    ):
        counts[(row["service__service_type__code"] or NO_TYPE, row["outcome"])] += row["n"]
    return _protected_matrix(
        row_keys=[code for code, _label in _service_types()] + [NO_TYPE],
        col_keys=[value for value, _label in _outcome_labels()],
        counts=counts,
        k=k,
    )


def _render_outcomes(stored: dict, query: StatisticsQuery) -> dict:
    return _render_matrix(
        stored,
        row_labels={**dict(_service_types()), NO_TYPE: _("No service type")},
        col_labels=dict(_outcome_labels()),
        keep_rows=None,
    )


# what a published table of a quarter holds (codes only), and how it is shown
TABLE_BUILDERS = {
    "skills-demand": _skills_demand_table,
    "enrolments": _enrolments_table,
    "outcomes": _outcomes_table,
}
RENDERERS = {
    "skills-demand": _render_skills_demand,
    "enrolments": _render_enrolments,
    "outcomes": _render_outcomes,
}


def protected_table_compute(*, dataset: str, quarter: Quarter, measure: str, k: int) -> dict:
    """The protected figures of one dataset and quarter, by codes (what is published)."""
    return TABLE_BUILDERS[dataset](quarter, measure, k)


def statistics_get(*, dataset: str, query: StatisticsQuery) -> dict:
    """The protected table of one dataset for the filters, in the active language.

    Quarter datasets serve the published (frozen) table of the quarter, publishing it on the
    first request; the services snapshot is computed live. Rendered results are cached for an
    hour (a published table never changes, so the cache cannot go stale for them)."""
    from openstats.services import table_publish

    if dataset not in DATASETS:
        raise ValueError(dataset)
    lang = (get_language() or "fi")[:2]
    k = k_threshold()
    key = f"openstats:v3:{dataset}:{lang}:{k}:{query.cache_key}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    if dataset == "services":
        result = {**_envelope(dataset, query, timezone.now()), **_services(query)}
    else:
        published = table_publish(
            dataset=dataset, quarter=query.period, measure=query.measure or "", k=k
        )
        result = {
            **_envelope(dataset, query, published.published_at),
            **RENDERERS[dataset](published.table, query),
        }
    cache.set(key, result, CACHE_SECONDS)
    return result
