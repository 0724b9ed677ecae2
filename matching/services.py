"""Writes of the matching app: compute and store recommendations, schedule recomputation
after other apps' writes, and record feedback.

Other apps call only ``recommendations_schedule_refresh(...)``, after their own writes; it
dispatches a task when their transaction commits. The tasks call back into the functions
here, which are idempotent: a subject's rows are replaced as a whole."""

import math
import time
import zlib
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Service
from jobs.models import JobAd
from matching import features, scoring, tasks
from matching.models import Kind, Recommendation, RecommendationFeedback
from profiles.models import EmployerOrganisation, JobseekerProfile
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.queue import enqueue_on_commit

STORED = 20  # recommendations kept per subject and kind (pages show 10)
# Shown when the broker is down and the recomputation waits in the outbox (tori.queue).
REFRESH_NOTICE = gettext_lazy("Saved. Recommendations will be updated shortly.")
PROFILE_CHUNK = 2000  # rows per task in the nightly refresh
JOB_AD_CHUNK = 200
ORGANISATION_CHUNK = 500

SUBJECT_FIELD = {
    JobseekerProfile: "subject_profile",
    JobAd: "subject_job_ad",
    EmployerOrganisation: "subject_organisation",
}


def subject_field(subject) -> str:
    for model, field in SUBJECT_FIELD.items():
        if isinstance(subject, model):
            return field
    raise TypeError(f"Not a recommendation subject: {subject!r}")


# --- feedback lookups (also used by selectors) ----------------------------------------------


def latest_feedback(*, kind: str, field: str, subject_ids: Iterable[int]) -> dict:
    """{subject id: {target id: latest action}} from the feedback of these subjects."""
    target = f"{_target_field(kind)}_id"
    result: dict[int, dict[int, str]] = {}
    rows = (
        RecommendationFeedback.objects.filter(kind=kind, **{f"{field}_id__in": list(subject_ids)})
        .order_by("created_at", "pk")
        .values_list(f"{field}_id", target, "action")
    )
    for subject_id, target_id, action in rows:
        if target_id is not None:
            result.setdefault(subject_id, {})[target_id] = action
    return result


def _dismissed(kind: str, field: str, subject_ids) -> dict[int, set[int]]:
    return {
        subject_id: {t for t, action in actions.items() if action == "dismissed"}
        for subject_id, actions in latest_feedback(
            kind=kind, field=field, subject_ids=subject_ids
        ).items()
    }


def _target_field(kind: str) -> str:
    from matching.models import TARGET_FIELDS

    return TARGET_FIELDS[kind]


# --- storing --------------------------------------------------------------------------------


def _rows(kind: str, field: str, matches: Iterable[scoring.Match], now) -> list:
    target = _target_field(kind)
    return [
        Recommendation(
            kind=kind,
            **{f"{field}_id": match.subject_id, f"{target}_id": match.target_id},
            score=match.score,
            factors=match.factors,
            algorithm_version=scoring.ALGORITHM_VERSION,
            computed_at=now,
        )
        for match in matches
    ]


def _lock_subjects(field: str, subject_ids) -> None:
    """Refreshes of the same subject run one after the other: two workers refreshing one
    profile at once would both delete its rows and then both insert theirs. On PostgreSQL a
    transaction-scoped advisory lock per subject, taken in id order (no deadlock between two
    chunks); unlike a row lock it does not hold up the person saving their profile meanwhile.
    SQLite has a single writer, so there is nothing to do."""
    if connection.vendor != "postgresql":
        return
    ids = sorted({int(i) for i in subject_ids})
    if not ids:
        return
    namespace = zlib.crc32(f"matching.{field}".encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        # PostgreSQL evaluates a volatile function of the output list after the ORDER BY
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, t.id) FROM unnest(%s::integer[]) AS t(id) "
            "ORDER BY t.id",
            [namespace, [i & 0x7FFFFFFF for i in ids]],
        )


def _replace(kind: str, field: str, subject_ids, per_subject: list[list[scoring.Match]]) -> int:
    """The subjects' rows of this kind become exactly the given matches."""
    now = timezone.now()
    _lock_subjects(field, subject_ids)
    Recommendation.objects.filter(kind=kind, **{f"{field}_id__in": list(subject_ids)}).delete()
    rows = _rows(kind, field, [m for matches in per_subject for m in matches], now)
    # a fan-out of another subject's refresh (_insert) may have added one of these pairs
    # since the delete: it is kept, not a crash
    Recommendation.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def _floors(kind: str, field: str, subject_ids) -> dict[int, float]:
    """A new target enters a subject's list only if it beats the lowest stored score once the
    list is full."""
    floors = {int(s): -math.inf for s in subject_ids}
    stats = (
        Recommendation.objects.filter(kind=kind, **{f"{field}_id__in": list(subject_ids)})
        .values(f"{field}_id")
        .annotate(n=Count("pk"), low=Min("score"))
    )
    for row in stats:
        if row["n"] >= STORED:
            floors[row[f"{field}_id"]] = row["low"]
    return floors


def _insert(kind: str, field: str, per_subject: list[list[scoring.Match]]) -> int:
    rows = _rows(kind, field, [m for matches in per_subject for m in matches], timezone.now())
    # the subject's own refresh may have stored the same pair meanwhile: keep that one
    Recommendation.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def _test_delay() -> None:
    """Lets the worker-loss integration test stop a worker in the middle of a task."""
    delay = getattr(settings, "MATCHING_REFRESH_DELAY_SECONDS", 0)
    if delay:
        time.sleep(delay)


def _active_profiles():
    return JobseekerProfile.objects.filter(user__is_active=True)


def _profile_chunks(queryset, size: int = PROFILE_CHUNK):
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        yield queryset.filter(pk__gte=part[0], pk__lte=part[-1])


# --- refresh --------------------------------------------------------------------------------


def _refresh_profiles(queryset) -> int:
    """Jobs and services for the profiles of ``queryset``."""
    subjects = features.profiles(queryset)
    if subjects.n == 0:
        return 0
    ids = subjects.ids.tolist()
    jobs = scoring.recommend_jobs(
        subjects,
        features.listed_jobs(),
        k=STORED,
        exclude=_dismissed(Kind.JOB, "subject_profile", ids),
    )
    offers = scoring.recommend_services(
        subjects,
        features.published_services(),
        k=STORED,
        exclude=_dismissed(Kind.SERVICE, "subject_profile", ids),
    )
    _test_delay()
    return _replace(Kind.JOB, "subject_profile", ids, jobs) + _replace(
        Kind.SERVICE, "subject_profile", ids, offers
    )


def _candidates_for(job_queryset, people_queryset) -> int:
    """Replace the candidate lists of the listed job ads in ``job_queryset``."""
    jobs = features.jobs_from(job_queryset)
    if jobs.n == 0:
        return 0
    exclude = _dismissed(Kind.CANDIDATE, "subject_job_ad", jobs.ids.tolist())
    best: dict[int, list[scoring.Match]] = {int(j): [] for j in jobs.ids}
    for chunk in _profile_chunks(people_queryset):
        people = features.candidates(chunk)
        for matches in scoring.recommend_candidates(jobs, people, k=STORED, exclude=exclude):
            for match in matches:
                best[match.subject_id].append(match)
    ranked = [
        sorted(matches, key=lambda m: (-m.score, m.target_id))[:STORED] for matches in best.values()
    ]
    return _replace(Kind.CANDIDATE, "subject_job_ad", list(best), ranked)


def _refresh_profile(profile: JobseekerProfile) -> int:
    queryset = _active_profiles().filter(pk=profile.pk)
    if not queryset.exists():
        Recommendation.objects.filter(subject_profile=profile).delete()
        Recommendation.objects.filter(target_profile=profile).delete()
        return 0
    count = _refresh_profiles(queryset)
    # As a candidate: the profile leaves every list, and re-enters those of the listed ads
    # where it now beats the weakest stored candidate (only with a publication consent, and
    # scored only on the sections published to employers).
    Recommendation.objects.filter(target_profile=profile).delete()
    people = features.candidates(queryset)
    if people.n:
        jobs = features.listed_jobs()
        floors = _floors(Kind.CANDIDATE, "subject_job_ad", jobs.ids.tolist())
        exclude = _dismissed(Kind.CANDIDATE, "subject_job_ad", jobs.ids.tolist())
        matches = [
            [m for m in row if m.score > floors.get(m.subject_id, -math.inf)]
            for row in scoring.recommend_candidates(jobs, people, k=1, exclude=exclude)
        ]
        count += _insert(Kind.CANDIDATE, "subject_job_ad", matches)
    return count


def _refresh_job_ad(job_ad: JobAd) -> int:
    """Candidates for the ad, and the ad in the job lists of the profiles it now suits."""
    Recommendation.objects.filter(target_job_ad=job_ad).delete()
    listed = JobAd.objects.listed().filter(pk=job_ad.pk)
    if not listed.exists():
        Recommendation.objects.filter(subject_job_ad=job_ad).delete()
        return 0
    count = _candidates_for(listed, JobseekerProfile.objects.published())
    jobs = features.jobs_from(listed)
    for chunk in _profile_chunks(_active_profiles()):
        people = features.profiles(chunk)
        ids = people.ids.tolist()
        matches = scoring.recommend_jobs(
            people,
            jobs,
            k=1,
            exclude=_dismissed(Kind.JOB, "subject_profile", ids),
            floors=_floors(Kind.JOB, "subject_profile", ids),
        )
        count += _insert(Kind.JOB, "subject_profile", matches)
    return count


def _refresh_organisations(queryset) -> int:
    subjects = features.organisations(queryset)
    if subjects.n == 0:
        return 0
    ids = subjects.ids.tolist()
    matches = scoring.recommend_services(
        subjects,
        features.published_services(),
        k=STORED,
        exclude=_dismissed(Kind.SERVICE, "subject_organisation", ids),
    )
    return _replace(Kind.SERVICE, "subject_organisation", ids, matches)


def _refresh_service(service: Service) -> int:
    """The service leaves every list, and enters those it now suits."""
    Recommendation.objects.filter(target_service=service).delete()
    published = Service.objects.published().filter(pk=service.pk)
    if not published.exists():
        return 0
    offers = features.services_from(published)
    count = 0
    subject_sets = [
        ("subject_profile", _profile_chunks(_active_profiles()), features.profiles),
        (
            "subject_organisation",
            _profile_chunks(EmployerOrganisation.objects.all()),
            features.organisations,
        ),
    ]
    for field, chunks, load in subject_sets:
        for chunk in chunks:
            subjects = load(chunk)
            ids = subjects.ids.tolist()
            matches = scoring.recommend_services(
                subjects,
                offers,
                k=1,
                exclude=_dismissed(Kind.SERVICE, field, ids),
                floors=_floors(Kind.SERVICE, field, ids),
            )
            count += _insert(Kind.SERVICE, field, matches)
    return count


@transaction.atomic
def recommendations_refresh(
    *,
    profile: JobseekerProfile | None = None,
    job_ad: JobAd | None = None,
    organisation: EmployerOrganisation | None = None,
    service: Service | None = None,
) -> int:
    """Recompute what one changed row affects; returns the number of rows written.

    profile: its jobs and services, and its place in candidate lists (if published);
    job_ad: its candidates, and its place in profiles' job lists (if listed);
    organisation: the services suggested to the employer;
    service: its place in profiles' and organisations' service lists (if published)."""
    given = [x for x in (profile, job_ad, organisation, service) if x is not None]
    if len(given) != 1:
        raise ValueError("Give exactly one of profile, job_ad, organisation, service.")
    if profile is not None:
        return _refresh_profile(profile)
    if job_ad is not None:
        return _refresh_job_ad(job_ad)
    if organisation is not None:
        return _refresh_organisations(EmployerOrganisation.objects.filter(pk=organisation.pk))
    return _refresh_service(service)


CHUNK_KINDS = ("profiles", "job_ads", "organisations")


@transaction.atomic
def recommendations_refresh_chunk(*, kind: str, first_id: int, last_id: int) -> int:
    """Recompute one chunk of the nightly refresh: rows with first_id ≤ id ≤ last_id."""
    if kind == "profiles":
        return _refresh_profiles(_active_profiles().filter(pk__gte=first_id, pk__lte=last_id))
    if kind == "job_ads":
        jobs = JobAd.objects.listed().filter(pk__gte=first_id, pk__lte=last_id)
        return _candidates_for(jobs, JobseekerProfile.objects.published())
    if kind == "organisations":
        return _refresh_organisations(
            EmployerOrganisation.objects.filter(pk__gte=first_id, pk__lte=last_id)
        )
    raise ValueError(f"Unknown chunk kind: {kind}")


def recommendations_prune() -> int:
    """Delete rows whose target can no longer be shown (the selectors hide them anyway)."""
    today = timezone.localdate()
    deleted = 0
    for queryset in (
        Recommendation.objects.filter(kind=Kind.SERVICE).exclude(
            target_service__status=Service.Status.PUBLISHED
        ),
        Recommendation.objects.filter(kind=Kind.JOB).exclude(
            target_job_ad__in=JobAd.objects.listed(today=today)
        ),
        Recommendation.objects.filter(kind=Kind.CANDIDATE).exclude(
            target_profile__in=JobseekerProfile.objects.published()
        ),
        Recommendation.objects.filter(kind=Kind.CANDIDATE).exclude(
            subject_job_ad__in=JobAd.objects.listed(today=today)
        ),
    ):
        deleted += queryset.delete()[0]
    return deleted


def _ranges(ids: list[int], size: int) -> list[tuple[int, int]]:
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


@transaction.atomic
def recommendations_schedule_full_refresh() -> int:
    """The nightly refresh: prune, then one task per chunk of profiles, listed job ads and
    organisations. Returns the number of tasks queued."""
    recommendations_prune()
    plan = [
        ("profiles", _active_profiles(), PROFILE_CHUNK),
        ("job_ads", JobAd.objects.listed(), JOB_AD_CHUNK),
        ("organisations", EmployerOrganisation.objects.all(), ORGANISATION_CHUNK),
    ]
    queued = 0
    for kind, queryset, size in plan:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        for first_id, last_id in _ranges(ids, size):
            enqueue_on_commit(
                tasks.recommendations_refresh_chunk_task,
                kind=kind,
                first_id=first_id,
                last_id=last_id,
            )
            queued += 1
    return queued


def recommendations_schedule_refresh(
    *,
    profile: JobseekerProfile | None = None,
    job_ad: JobAd | None = None,
    organisation: EmployerOrganisation | None = None,
    service: Service | None = None,
) -> None:
    """Called by other apps after a write: recompute after the transaction commits."""
    if profile is not None:
        enqueue_on_commit(
            tasks.recommendations_refresh_profile_task, notice=REFRESH_NOTICE, profile_id=profile.pk
        )
    if job_ad is not None:
        enqueue_on_commit(
            tasks.recommendations_refresh_job_ad_task, notice=REFRESH_NOTICE, job_ad_id=job_ad.pk
        )
        # The employer's service suggestions follow from its listed ads.
        organisation = organisation or job_ad.organisation
    if organisation is not None:
        enqueue_on_commit(
            tasks.recommendations_refresh_organisation_task,
            notice=REFRESH_NOTICE,
            organisation_id=organisation.pk,
        )
    if service is not None:
        enqueue_on_commit(
            tasks.recommendations_refresh_service_task, notice=REFRESH_NOTICE, service_id=service.pk
        )


# --- feedback -------------------------------------------------------------------------------


@transaction.atomic
def feedback_record(*, user, recommendation: Recommendation, action: str):
    """'Save' or 'Not for me'. A dismissed target is left out of the subject's lists from now
    on (at read time at once, and at every recomputation); the signal is kept for evaluation
    even after the recommendation itself is recomputed away."""
    if not perms.can_give_recommendation_feedback(user, recommendation.subject):
        raise ApplicationError(
            _("You cannot give feedback on this recommendation."), code="forbidden"
        )
    if action not in RecommendationFeedback.Action.values:
        raise ApplicationError(_("Unknown action."), field="action")
    target = _target_field(recommendation.kind)
    feedback = RecommendationFeedback.objects.create(
        kind=recommendation.kind,
        subject_profile_id=recommendation.subject_profile_id,
        subject_job_ad_id=recommendation.subject_job_ad_id,
        subject_organisation_id=recommendation.subject_organisation_id,
        **{f"{target}_id": getattr(recommendation, f"{target}_id")},
        user=user,
        action=action,
        score=recommendation.score,
        factors=recommendation.factors,
        algorithm_version=recommendation.algorithm_version,
    )
    return feedback
