"""ORM → the plain arrays of ``matching.scoring``.

Each loader takes a queryset and reads it with a handful of ``values_list`` queries (no
per-row queries), so the cost is a few queries per chunk whatever its size. Skills and
occupations become columns by database id, municipalities and regions by numeric code,
ISCO groups and languages through small vocabularies built here.

Targets (listed job ads, published services) change far less often than they are read, so
they are kept in a per-process cache keyed by (row count, highest id, latest update, day)."""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
from django.db.models import Count, Max
from django.utils import timezone

from catalog.models import LANGUAGE_CODES as SERVICE_LANGUAGE_CODES
from catalog.models import Service
from jobs.models import JobAd
from matching import scoring
from profiles import codes as profile_codes
from profiles.models import (
    Education,
    JobseekerProfile,
    ProfileLanguage,
    ProfileOccupation,
    ProfileSection,
    ProfileSkill,
)
from reference.models import EscoOccupation, EscoSkill, IscoGroup, OccupationSkill

N_MUNICIPALITIES = 1000
N_REGIONS = 100
LANGUAGE_CODES = tuple(sorted(set(profile_codes.LANGUAGE_CODES) | set(SERVICE_LANGUAGE_CODES)))
LANGUAGE_INDEX = {code: i for i, code in enumerate(LANGUAGE_CODES)}
TARGET_GROUP_INDEX = {code: i for i, code in enumerate(scoring.TARGET_GROUPS)}
EMPLOYER_SERVICE_TYPES = {"recruitment", "stafftraining"}
CACHE_SECONDS = 300

_cache: dict[str, tuple[tuple, float, object]] = {}


def _cached(name: str, key: tuple, build):
    entry = _cache.get(name)
    now = time.monotonic()
    if entry is not None and entry[0] == key and now - entry[1] < CACHE_SECONDS:
        return entry[2]
    value = build()
    _cache[name] = (key, now, value)
    return value


def clear_cache() -> None:
    _cache.clear()


class Reference:
    """Dimensions and the occupation → skills matrix, shared by every loader."""

    def __init__(self):
        self.n_skills = (EscoSkill.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.n_occupations = (EscoOccupation.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.group_index = {
            code: i
            for i, code in enumerate(
                IscoGroup.objects.order_by("code").values_list("code", flat=True)
            )
        }
        self.n_groups = max(len(self.group_index), 1)
        self.occupation_group = dict(
            EscoOccupation.objects.filter(isco_group__isnull=False).values_list(
                "pk", "isco_group_id"
            )
        )
        by_occupation: dict[int, list[int]] = defaultdict(list)
        for occupation_id, skill_id in OccupationSkill.objects.values_list(
            "occupation_id", "skill_id"
        ):
            by_occupation[occupation_id].append(skill_id)
        self.occupation_skills = scoring.sparse_rows(
            [by_occupation.get(o, []) for o in range(self.n_occupations)], self.n_skills
        )

    def groups(self, occupation_ids) -> list[int]:
        found = {self.occupation_group.get(o) for o in occupation_ids}
        return sorted(self.group_index[g] for g in found if g in self.group_index)


def reference() -> Reference:
    skills = EscoSkill.objects.aggregate(m=Max("pk"), n=Count("pk"))
    occupations = EscoOccupation.objects.aggregate(m=Max("pk"), n=Count("pk"))
    key = (
        skills["m"],
        skills["n"],
        occupations["m"],
        occupations["n"],
        OccupationSkill.objects.count(),
    )
    return _cached("reference", key, Reference)


def _level(code: str) -> int:
    return scoring.LANGUAGE_LEVELS.get(code, 0)


def _municipality(code) -> list[int]:
    return [int(code)] if code and str(code).isdigit() else []


def _region(code) -> list[int]:
    return [int(code)] if code and str(code).isdigit() else []


# --- jobseeker profiles ---------------------------------------------------------------------

# A profile as a candidate for employers' ads is built only from the sections its owner
# published to employers; each candidate factor names data of one section. The home
# municipality and the situation belong to no published section and never count.
CANDIDATE_FACTOR_SECTIONS = {
    "occupation": ProfileSection.OCCUPATIONS,
    "occupation_related": ProfileSection.OCCUPATIONS,
    "skills": ProfileSection.SKILLS,
    "location_municipality": ProfileSection.WISHES,
    "location_region": ProfileSection.WISHES,
    "remote": ProfileSection.WISHES,
    "location_mismatch": ProfileSection.WISHES,
    "language_missing": ProfileSection.LANGUAGES,
    "education_mismatch": ProfileSection.EDUCATION,
}
# Candidate factors that name only the job ad's own data
CANDIDATE_FACTORS_OF_THE_AD = {"language_unknown", "fresh"}


def candidate_factor_shown(code: str, published_sections) -> bool:
    """May an employer see this factor of a candidate who published these sections? Unknown
    codes are not shown."""
    if code in CANDIDATE_FACTORS_OF_THE_AD:
        return True
    section = CANDIDATE_FACTOR_SECTIONS.get(code)
    return section is not None and section in published_sections


def profiles(queryset, ref: Reference | None = None) -> scoring.Subjects:
    """Subjects for the profiles of ``queryset`` (ordered by id) with everything in them: for
    the jobseeker's own recommendations only."""
    return _profiles(queryset, ref, as_candidates=False)


def candidates(queryset, ref: Reference | None = None) -> scoring.Subjects:
    """The published profiles of ``queryset`` as employers may see them: each built only from
    the sections its owner published (an unpublished profile is left out)."""
    return _profiles(queryset.published(), ref, as_candidates=True)


def _profiles(queryset, ref: Reference | None, *, as_candidates: bool) -> scoring.Subjects:
    ref = ref or reference()
    today = timezone.localdate()
    rows = list(
        queryset.order_by("pk").values_list(
            "pk",
            "home_municipality_id",
            "home_municipality__region_id",
            "remote_ok",
            "under_30",
            "immigrant",
            "partial_work_ability",
            "unemployed_since",
            "published_sections",
        )
    )
    ids = [row[0] for row in rows]
    position = {pk: i for i, pk in enumerate(ids)}
    n = len(ids)

    def shown(section: str):
        """The profiles of ``queryset`` whose data of this section counts."""
        if not as_candidates:
            return queryset
        # JSON containment is not available on SQLite: match the quoted name in the list
        return queryset.filter(published_sections__icontains=f'"{section}"')

    skills: list[list[int]] = [[] for _ in range(n)]
    weights: list[list[float]] = [[] for _ in range(n)]
    for profile_id, skill_id, created_at in ProfileSkill.objects.filter(
        profile__in=shown(ProfileSection.SKILLS)
    ).values_list("profile_id", "skill_id", "created_at"):
        if skill_id < ref.n_skills:
            skills[position[profile_id]].append(skill_id)
            age = (today - timezone.localdate(created_at)).days
            weights[position[profile_id]].append(scoring.recency_weight(age))
    occupations: list[list[int]] = [[] for _ in range(n)]
    for profile_id, occupation_id in ProfileOccupation.objects.filter(
        profile__in=shown(ProfileSection.OCCUPATIONS)
    ).values_list("profile_id", "occupation_id"):
        if occupation_id < ref.n_occupations:
            occupations[position[profile_id]].append(occupation_id)
    if as_candidates:  # the home municipality is in no section published to employers
        municipalities: list[list[int]] = [[] for _ in range(n)]
        regions: list[list[int]] = [[] for _ in range(n)]
    else:
        municipalities = [_municipality(row[1]) for row in rows]
        regions = [_region(row[2]) for row in rows]
    with_wishes = shown(ProfileSection.WISHES)
    through = JobseekerProfile.wish_municipalities.through
    for profile_id, code, region in through.objects.filter(
        jobseekerprofile__in=with_wishes
    ).values_list("jobseekerprofile_id", "municipality_id", "municipality__region_id"):
        municipalities[position[profile_id]] += _municipality(code)
        regions[position[profile_id]] += _region(region)
    through = JobseekerProfile.wish_regions.through
    for profile_id, code in through.objects.filter(jobseekerprofile__in=with_wishes).values_list(
        "jobseekerprofile_id", "region_id"
    ):
        regions[position[profile_id]] += _region(code)
    languages = np.zeros((n, len(LANGUAGE_CODES)), dtype=np.int8)
    for profile_id, language, level in ProfileLanguage.objects.filter(
        profile__in=shown(ProfileSection.LANGUAGES)
    ).values_list("profile_id", "language", "level"):
        if language in LANGUAGE_INDEX:
            languages[position[profile_id], LANGUAGE_INDEX[language]] = _level(level)
    education = np.zeros(n, dtype=np.int8)
    for profile_id, level in Education.objects.filter(
        profile__in=shown(ProfileSection.EDUCATION)
    ).values_list("profile_id", "level"):
        i = position[profile_id]
        education[i] = max(education[i], profile_codes.education_rank(level))
    groups = []
    for row in rows:
        member = ["jobseekers"]
        if not as_candidates:  # the situation is never published to employers
            if row[4]:
                member.append("under30")
            if row[5]:
                member.append("immigrants")
            if row[6]:
                member.append("partialworkability")
            if row[7] is not None and (today - row[7]).days >= 365:
                member.append("longtermunemployed")
        groups.append([TARGET_GROUP_INDEX[g] for g in member])
    return _subjects(
        ref,
        ids=ids,
        skills=skills,
        weights=weights,
        occupations=occupations,
        municipalities=municipalities,
        regions=regions,
        remote_ok=[
            row[3] and (not as_candidates or ProfileSection.WISHES in (row[8] or []))
            for row in rows
        ],
        languages=languages,
        groups=groups,
        audience=scoring.AUDIENCE_JOBSEEKER,
        education=education,
    )


def _subjects(
    ref,
    *,
    ids,
    skills,
    weights,
    occupations,
    municipalities,
    regions,
    remote_ok,
    languages,
    groups,
    audience,
    gap=None,
    education=None,
) -> scoring.Subjects:
    skill_matrix = scoring.sparse_rows(skills, ref.n_skills, weights)
    occupation_matrix = scoring.sparse_rows(occupations, ref.n_occupations)
    if gap is None:
        needed = (occupation_matrix @ ref.occupation_skills) > 0
        held = skill_matrix > 0
        gap = (needed.astype(np.float32) - needed.multiply(held).astype(np.float32)).tocsr()
        gap.eliminate_zeros()
    return scoring.Subjects(
        ids=np.asarray(ids, dtype=np.int64),
        skills=skill_matrix,
        occupations=occupation_matrix,
        occupation_groups=scoring.sparse_rows([ref.groups(o) for o in occupations], ref.n_groups),
        gap=gap,
        municipalities=scoring.sparse_rows(municipalities, N_MUNICIPALITIES),
        regions=scoring.sparse_rows(regions, N_REGIONS),
        remote_ok=np.asarray(remote_ok, dtype=bool),
        languages=languages,
        target_groups=scoring.sparse_rows(groups, len(scoring.TARGET_GROUPS)),
        language_codes=LANGUAGE_CODES,
        audience=audience,
        education=education,
    )


# --- job ads --------------------------------------------------------------------------------


def _job_rows(queryset, ref: Reference):
    rows = list(
        queryset.order_by("pk").values_list(
            "pk",
            "occupation_id",
            "municipality_id",
            "municipality__region_id",
            "remote",
            "language_requirements",
            "published_at",
            "organisation_id",
            "education_level",
        )
    )
    position = {row[0]: i for i, row in enumerate(rows)}
    explicit: list[list[int]] = [[] for _ in rows]
    through = JobAd.skills.through
    for job_id, skill_id in through.objects.filter(jobad__in=queryset).values_list(
        "jobad_id", "escoskill_id"
    ):
        if skill_id < ref.n_skills:
            explicit[position[job_id]].append(skill_id)
    skills = []
    for row, own in zip(rows, explicit, strict=True):
        if own or row[1] is None or row[1] >= ref.n_occupations:
            skills.append(own)
        else:  # no skills given: the occupation's ESCO skills stand in for them
            skills.append(ref.occupation_skills[row[1]].indices.tolist())
    return rows, skills


def jobs_from(queryset, ref: Reference | None = None) -> scoring.Jobs:
    ref = ref or reference()
    rows, skills = _job_rows(queryset, ref)
    now = timezone.now()
    occupations = [
        [row[1]] if row[1] is not None and row[1] < ref.n_occupations else [] for row in rows
    ]
    languages = np.zeros((len(rows), len(LANGUAGE_CODES)), dtype=np.int8)
    for i, row in enumerate(rows):
        for requirement in row[5] or []:
            code = requirement.get("language") if isinstance(requirement, dict) else None
            if code in LANGUAGE_INDEX:
                languages[i, LANGUAGE_INDEX[code]] = _level(requirement.get("level", ""))
    return scoring.Jobs(
        ids=np.asarray([row[0] for row in rows], dtype=np.int64),
        skills=scoring.sparse_rows(skills, ref.n_skills),
        occupations=scoring.sparse_rows(occupations, ref.n_occupations),
        occupation_groups=scoring.sparse_rows([ref.groups(o) for o in occupations], ref.n_groups),
        municipalities=scoring.sparse_rows(
            [_municipality(row[2]) for row in rows], N_MUNICIPALITIES
        ),
        regions=scoring.sparse_rows([_region(row[3]) for row in rows], N_REGIONS),
        remote=np.asarray([row[4] for row in rows], dtype=bool),
        languages=languages,
        age_days=np.asarray(
            [max((now - row[6]).days, 0) if row[6] else 0 for row in rows], dtype=np.float32
        ),
        language_codes=LANGUAGE_CODES,
        education=np.asarray([profile_codes.education_rank(row[8]) for row in rows], dtype=np.int8),
    )


def listed_jobs() -> scoring.Jobs:
    """Every listed job ad (published, deadline not passed), cached per process."""
    queryset = JobAd.objects.listed()
    key = (
        timezone.localdate(),
        *queryset.aggregate(n=Count("pk"), m=Max("pk"), u=Max("updated_at")).values(),
    )
    ref = reference()
    return _cached("jobs", (id(ref), *key), lambda: jobs_from(queryset, ref))


# --- services -------------------------------------------------------------------------------


def services_from(queryset, ref: Reference | None = None) -> scoring.Services:
    ref = ref or reference()
    rows = list(
        queryset.order_by("pk").values_list(
            "pk", "delivery_mode", "is_nationwide", "languages", "is_free", "service_type__code"
        )
    )
    position = {row[0]: i for i, row in enumerate(rows)}
    n = len(rows)

    def related(field: str, column: str, convert, extra: str | None = None):
        lists: list[list[int]] = [[] for _ in range(n)]
        through = getattr(Service, field).through
        fields = ["service_id", column] + ([extra] if extra else [])
        for values in through.objects.filter(service__in=queryset).values_list(*fields):
            lists[position[values[0]]] += convert(values)
        return lists

    skills = related("esco_skills", "escoskill_id", lambda v: [v[1]] if v[1] < ref.n_skills else [])
    occupations = related(
        "esco_occupations",
        "escooccupation_id",
        lambda v: [v[1]] if v[1] < ref.n_occupations else [],
    )
    municipalities = related("municipalities", "municipality_id", lambda v: _municipality(v[1]))
    regions = related("regions", "region_id", lambda v: _region(v[1]))
    groups = related(
        "target_groups",
        "taxonomyterm_id",
        lambda v: [TARGET_GROUP_INDEX[v[2]]] if v[2] in TARGET_GROUP_INDEX else [],
        extra="taxonomyterm__code",
    )
    languages = np.zeros((n, len(LANGUAGE_CODES)), dtype=bool)
    audience = np.zeros(n, dtype=np.int8)
    for i, row in enumerate(rows):
        for code in row[3] or []:
            if code in LANGUAGE_INDEX:
                languages[i, LANGUAGE_INDEX[code]] = True
        for_employers = row[5] in EMPLOYER_SERVICE_TYPES or scoring.EMPLOYER_GROUP in groups[i]
        for_jobseekers = row[5] not in EMPLOYER_SERVICE_TYPES and (
            not groups[i] or any(g != scoring.EMPLOYER_GROUP for g in groups[i])
        )
        audience[i] = (scoring.AUDIENCE_EMPLOYER if for_employers else 0) | (
            scoring.AUDIENCE_JOBSEEKER if for_jobseekers else 0
        )
    delivery = {
        Service.DeliveryMode.ON_SITE: scoring.DELIVERY_ONSITE,
        Service.DeliveryMode.REMOTE: scoring.DELIVERY_REMOTE,
        Service.DeliveryMode.HYBRID: scoring.DELIVERY_HYBRID,
    }
    return scoring.Services(
        ids=np.asarray([row[0] for row in rows], dtype=np.int64),
        skills=scoring.sparse_rows(skills, ref.n_skills),
        occupations=scoring.sparse_rows(occupations, ref.n_occupations),
        occupation_groups=scoring.sparse_rows([ref.groups(o) for o in occupations], ref.n_groups),
        municipalities=scoring.sparse_rows(municipalities, N_MUNICIPALITIES),
        regions=scoring.sparse_rows(regions, N_REGIONS),
        nationwide=np.asarray([row[2] for row in rows], dtype=bool),
        delivery=np.asarray(
            [delivery.get(row[1], scoring.DELIVERY_ONSITE) for row in rows], dtype=np.int8
        ),
        languages=languages,
        free=np.asarray([row[4] for row in rows], dtype=bool),
        target_groups=scoring.sparse_rows(groups, len(scoring.TARGET_GROUPS)),
        audience=audience,
        language_codes=LANGUAGE_CODES,
    )


def published_services() -> scoring.Services:
    queryset = Service.objects.published()
    key = queryset.aggregate(n=Count("pk"), m=Max("pk"), u=Max("updated_at")).values()
    ref = reference()
    return _cached("services", (id(ref), *key), lambda: services_from(queryset, ref))


# --- employer organisations -----------------------------------------------------------------


def organisations(queryset, ref: Reference | None = None) -> scoring.Subjects:
    """Employer organisations described by their listed job ads: the occupations and skills
    the ads ask for and where the jobs are."""
    ref = ref or reference()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    position = {pk: i for i, pk in enumerate(ids)}
    n = len(ids)
    rows, skills = _job_rows(JobAd.objects.listed().filter(organisation__in=queryset), ref)
    occupations: list[list[int]] = [[] for _ in range(n)]
    needed: list[list[int]] = [[] for _ in range(n)]
    municipalities: list[list[int]] = [[] for _ in range(n)]
    regions: list[list[int]] = [[] for _ in range(n)]
    for row, job_skills in zip(rows, skills, strict=True):
        i = position[row[7]]
        if row[1] is not None and row[1] < ref.n_occupations:
            occupations[i].append(row[1])
        needed[i] += job_skills
        municipalities[i] += _municipality(row[2])
        regions[i] += _region(row[3])
    unique = [sorted(set(s)) for s in needed]
    gap = scoring.sparse_rows(unique, ref.n_skills)
    return _subjects(
        ref,
        ids=ids,
        skills=unique,
        weights=None,
        occupations=[sorted(set(o)) for o in occupations],
        municipalities=[sorted(set(m)) for m in municipalities],
        regions=[sorted(set(r)) for r in regions],
        remote_ok=[False] * n,
        languages=np.zeros((n, len(LANGUAGE_CODES)), dtype=np.int8),
        groups=[[scoring.EMPLOYER_GROUP]] * n,
        audience=scoring.AUDIENCE_EMPLOYER,
        gap=gap,
    )
