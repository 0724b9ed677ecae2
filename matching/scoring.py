"""The matching model: named factors added up, vectorised over sparse matrices.

PURE module: numpy and scipy only — no ORM, no Django. ``matching.features`` turns rows into
the matrices below; ``matching.services`` stores what comes out.

The rule follows Työmarkkinatori's published one — points for occupation and skill overlap
(skills weighted by how recently they were added), minus points for language, location or
education mismatch — extended with the fit of a service (target group, area, delivery mode,
language, free or paid) and the skills a training teaches that the occupations sought need.

Every factor is a dense (subjects × targets) array of points; the score is their sum. Only the
top ``k`` of each subject are explained: ``factors`` lists each non-zero factor as
``{"code", "points", "detail"}`` with ids (skills, occupations) and codes (municipalities,
regions, languages, target groups) in ``detail``, rendered into words at read time.

Columns: skills and occupations by their database id, municipalities and regions by their
numeric code, languages by ``language_codes`` and target groups by ``TARGET_GROUPS``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

ALGORITHM_VERSION = "tori-match-1"

LANGUAGE_LEVELS = {"A1": 1, "B1": 2, "B2": 3, "C1": 4, "L1": 5}
SPOKEN_LEVEL = LANGUAGE_LEVELS["B1"]  # enough to take part in a service in that language

TARGET_GROUPS = (
    "jobseekers",
    "employers",
    "under30",
    "over55",
    "immigrants",
    "longtermunemployed",
    "partialworkability",
    "students",
    "entrepreneurs",
    "laidoff",
)
GENERAL_GROUP = TARGET_GROUPS.index("jobseekers")
EMPLOYER_GROUP = TARGET_GROUPS.index("employers")

DELIVERY_ONSITE, DELIVERY_REMOTE, DELIVERY_HYBRID = 0, 1, 2
AUDIENCE_JOBSEEKER, AUDIENCE_EMPLOYER = 1, 2

SKILL_CAP = 10  # a job's skill coverage is counted against at most this many skills
GAP_CAP = 3  # a service that teaches three missing skills gets the full gap points
FRESH_DAYS = 14.0  # job ad freshness halves roughly every 10 days

WEIGHTS: dict[str, float] = {
    # person ↔ job (jobs for a person, candidates for a job)
    "occupation": 40.0,
    "occupation_related": 15.0,
    "skills": 40.0,
    "location_municipality": 10.0,
    "location_region": 6.0,
    "remote": 8.0,
    "location_mismatch": -15.0,
    "language_missing": -10.0,
    "language_unknown": -5.0,
    "education_mismatch": -10.0,
    "fresh": 5.0,
    # person or organisation → service
    "skill_gap": 30.0,
    "skills_needed": 30.0,
    "skills_related": 8.0,
    "aims_occupation": 20.0,
    "aims_related_occupation": 8.0,
    "target_group": 15.0,
    "target_group_general": 5.0,
    "target_group_mismatch": -30.0,
    "employer_service": 20.0,
    "area_municipality": 10.0,
    "area_region": 7.0,
    "area_nationwide": 5.0,
    "area_remote": 5.0,
    "area_mismatch": -25.0,
    "delivery_remote": 4.0,
    "language_fit": 5.0,
    "language_mismatch": -20.0,
    "free": 5.0,
}
RELEVANCE = {"occupation", "occupation_related", "skills"}  # a job needs one of these
CHUNK = 256  # at most this many subjects are scored at a time
CELLS = 4_000_000  # … and fewer when there are many targets (16 MB per float32 factor)


def sparse_rows(rows: Sequence[Iterable[int]], n_cols: int, values=None) -> sp.csr_matrix:
    """A CSR matrix with a 1 (or ``values[i][n]``) at each column listed for row ``i``."""
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for i, row in enumerate(rows):
        cols = list(row)
        indices.extend(cols)
        data.extend(values[i] if values is not None else [1.0] * len(cols))
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(rows), n_cols),
    )
    matrix.sum_duplicates()
    return matrix


def recency_weight(age_days: float) -> float:
    """Weight of a skill by how long ago it was added: 1.0 when new, halving every three
    years, never below 0.5."""
    return max(0.5, 0.5 ** (max(age_days, 0.0) / (3 * 365.0)))


@dataclass
class Subjects:
    """Jobseeker profiles, or employer organisations (audience AUDIENCE_EMPLOYER)."""

    ids: np.ndarray
    skills: sp.csr_matrix  # recency weights of the skills held
    occupations: sp.csr_matrix  # occupations sought (for organisations: of their ads)
    occupation_groups: sp.csr_matrix  # ISCO groups of those occupations
    gap: sp.csr_matrix  # skills the occupations need that are missing (organisations: needed)
    municipalities: sp.csr_matrix  # home and wished municipalities
    regions: sp.csr_matrix  # wished regions and the regions of those municipalities
    remote_ok: np.ndarray
    languages: np.ndarray  # (n, L) int8 level 0–5
    target_groups: sp.csr_matrix  # groups the subject belongs to
    language_codes: tuple[str, ...]
    audience: int = AUDIENCE_JOBSEEKER
    education: np.ndarray | None = None  # (n,) int8 rank of the highest education, 0 = unknown

    def __post_init__(self):
        if self.education is None:
            self.education = np.zeros(len(self.ids), dtype=np.int8)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def has_location(self) -> np.ndarray:
        return (self.municipalities.getnnz(axis=1) + self.regions.getnnz(axis=1)) > 0

    def take(self, rows: np.ndarray) -> Subjects:
        return Subjects(
            ids=self.ids[rows],
            skills=self.skills[rows],
            occupations=self.occupations[rows],
            occupation_groups=self.occupation_groups[rows],
            gap=self.gap[rows],
            municipalities=self.municipalities[rows],
            regions=self.regions[rows],
            remote_ok=self.remote_ok[rows],
            languages=self.languages[rows],
            target_groups=self.target_groups[rows],
            language_codes=self.language_codes,
            audience=self.audience,
            education=self.education[rows],
        )


@dataclass
class Jobs:
    ids: np.ndarray
    skills: sp.csr_matrix  # required skills (the occupation's ESCO skills when none given)
    occupations: sp.csr_matrix
    occupation_groups: sp.csr_matrix
    municipalities: sp.csr_matrix
    regions: sp.csr_matrix
    remote: np.ndarray
    languages: np.ndarray  # (n, L) int8 required level, 0 = not required
    age_days: np.ndarray  # days since publication
    language_codes: tuple[str, ...]
    education: np.ndarray | None = None  # (n,) int8 rank of the education required, 0 = none

    def __post_init__(self):
        if self.education is None:
            self.education = np.zeros(len(self.ids), dtype=np.int8)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def skill_counts(self) -> np.ndarray:
        return self.skills.getnnz(axis=1)

    def take(self, rows: np.ndarray) -> Jobs:
        return Jobs(
            ids=self.ids[rows],
            skills=self.skills[rows],
            occupations=self.occupations[rows],
            occupation_groups=self.occupation_groups[rows],
            municipalities=self.municipalities[rows],
            regions=self.regions[rows],
            remote=self.remote[rows],
            languages=self.languages[rows],
            age_days=self.age_days[rows],
            language_codes=self.language_codes,
            education=self.education[rows],
        )


@dataclass
class Services:
    ids: np.ndarray
    skills: sp.csr_matrix  # ESCO skills taught
    occupations: sp.csr_matrix  # occupations aimed at
    occupation_groups: sp.csr_matrix
    municipalities: sp.csr_matrix
    regions: sp.csr_matrix
    nationwide: np.ndarray
    delivery: np.ndarray  # DELIVERY_*
    languages: np.ndarray  # (n, L) bool: languages the service is given in
    free: np.ndarray
    target_groups: sp.csr_matrix
    audience: np.ndarray  # bit mask of AUDIENCE_*
    language_codes: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.ids)


@dataclass
class Match:
    subject_id: int
    target_id: int
    score: float
    factors: list[dict]


# --- factor matrices ------------------------------------------------------------------------


def _overlap(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """(rows of a) × (rows of b) dot products, dense float32. ``b`` is the large target
    matrix: its transpose is built once and reused for every chunk of subjects."""
    return np.asarray((a @ _transposed(b)).toarray(), dtype=np.float32)


_TRANSPOSED: dict[int, tuple[sp.csr_matrix, sp.csr_matrix]] = {}


def _transposed(matrix: sp.csr_matrix) -> sp.csr_matrix:
    entry = _TRANSPOSED.get(id(matrix))
    if entry is not None and entry[0] is matrix:
        return entry[1]
    if len(_TRANSPOSED) >= 64:
        _TRANSPOSED.clear()
    transposed = matrix.T.tocsr()
    _TRANSPOSED[id(matrix)] = (matrix, transposed)
    return transposed


def _points(code: str, mask) -> np.ndarray:
    return np.asarray(mask, dtype=np.float32) * np.float32(WEIGHTS[code])


def _location(
    muni: np.ndarray, reg: np.ndarray, remote: np.ndarray, known: np.ndarray, prefix: str
) -> dict[str, np.ndarray]:
    reg = reg & ~muni
    remote = remote & ~muni & ~reg
    mismatch = known[:, None] & ~(muni | reg | remote)
    return {
        f"{prefix}_municipality": _points(f"{prefix}_municipality", muni),
        f"{prefix}_region": _points(f"{prefix}_region", reg),
        ("remote" if prefix == "location" else "area_remote"): _points(
            "remote" if prefix == "location" else "area_remote", remote
        ),
        f"{prefix}_mismatch": _points(f"{prefix}_mismatch", mismatch),
    }


def job_factors(people: Subjects, jobs: Jobs, *, freshness: bool) -> dict[str, np.ndarray]:
    """Points of each factor for every person × job pair."""
    occupation = _overlap(people.occupations, jobs.occupations) > 0
    related = (_overlap(people.occupation_groups, jobs.occupation_groups) > 0) & ~occupation
    matched = _overlap(people.skills, jobs.skills)
    denominator = np.clip(np.minimum(jobs.skill_counts, SKILL_CAP), 1, None).astype(np.float32)
    factors = {
        "occupation": _points("occupation", occupation),
        "occupation_related": _points("occupation_related", related),
        "skills": np.minimum(matched / denominator[None, :], 1.0) * WEIGHTS["skills"],
    }
    muni = _overlap(people.municipalities, jobs.municipalities) > 0
    reg = _overlap(people.regions, jobs.regions) > 0
    remote = people.remote_ok[:, None] & jobs.remote[None, :]
    factors.update(_location(muni, reg, remote, people.has_location, "location"))
    missing = np.zeros((people.n, jobs.n), dtype=np.float32)
    for column in np.flatnonzero(jobs.languages.any(axis=0)):
        required = jobs.languages[:, column]
        have = people.languages[:, column]
        missing += (required[None, :] > 0) & (have[:, None] < required[None, :])
    knows_any = people.languages.any(axis=1)[:, None]
    factors["language_missing"] = missing * knows_any * WEIGHTS["language_missing"]
    factors["language_unknown"] = missing * ~knows_any * WEIGHTS["language_unknown"]
    # Education: only a known level below the required one counts (unknown is no mismatch).
    highest = people.education[:, None]
    required = jobs.education[None, :]
    factors["education_mismatch"] = _points(
        "education_mismatch", (required > 0) & (highest > 0) & (highest < required)
    )
    if freshness:
        fresh = np.exp(-np.asarray(jobs.age_days, dtype=np.float32) / FRESH_DAYS)
        factors["fresh"] = np.broadcast_to(fresh[None, :] * WEIGHTS["fresh"], missing.shape)
    return factors


def service_factors(subjects: Subjects, services: Services) -> dict[str, np.ndarray]:
    """Points of each factor for every subject × service pair."""
    employer = subjects.audience == AUDIENCE_EMPLOYER
    gap = np.minimum(_overlap(subjects.gap, services.skills) / GAP_CAP, 1.0)
    related_skills = np.minimum(_overlap(subjects.skills, services.skills) / GAP_CAP, 1.0)
    occupation = _overlap(subjects.occupations, services.occupations) > 0
    related = (_overlap(subjects.occupation_groups, services.occupation_groups) > 0) & ~occupation
    factors = {
        ("skills_needed" if employer else "skill_gap"): gap
        * WEIGHTS["skills_needed" if employer else "skill_gap"],
        "aims_occupation": _points("aims_occupation", occupation),
        "aims_related_occupation": _points("aims_related_occupation", related),
    }
    if not employer:
        factors["skills_related"] = related_skills * WEIGHTS["skills_related"]

    # Target groups: a group of the person's own beats "jobseekers in general"; a service
    # only for groups the person is not in gets minus points.
    specific = subjects.target_groups.tolil()
    specific[:, GENERAL_GROUP] = 0
    shared_specific = _overlap(specific.tocsr(), services.target_groups) > 0
    general = np.asarray(services.target_groups[:, GENERAL_GROUP].toarray()).ravel() > 0
    has_groups = services.target_groups.getnnz(axis=1) > 0
    if employer:
        aimed = (services.audience & AUDIENCE_EMPLOYER) > 0
        factors["employer_service"] = np.broadcast_to(
            _points("employer_service", aimed)[None, :], (subjects.n, services.n)
        )
    else:
        general_only = ~shared_specific & general[None, :]
        factors["target_group"] = _points("target_group", shared_specific)
        factors["target_group_general"] = _points("target_group_general", general_only)
        factors["target_group_mismatch"] = _points(
            "target_group_mismatch", has_groups[None, :] & ~shared_specific & ~general[None, :]
        )

    # Area: where the service is available, and whether it can be taken part in remotely.
    remote_delivery = services.delivery == DELIVERY_REMOTE
    muni = _overlap(subjects.municipalities, services.municipalities) > 0
    reg = _overlap(subjects.regions, services.regions) > 0
    nationwide = (services.nationwide & ~remote_delivery)[None, :] & ~muni & ~reg
    has_area = (
        services.nationwide
        | (services.municipalities.getnnz(axis=1) > 0)
        | (services.regions.getnnz(axis=1) > 0)
    )
    area = _location(
        muni,
        reg | nationwide,
        remote_delivery[None, :],
        subjects.has_location,
        "area",
    )
    area["area_region"] = _points("area_region", reg & ~muni)
    area["area_nationwide"] = _points("area_nationwide", nationwide)
    # A service with no area given is not held against anyone.
    area["area_mismatch"] = area["area_mismatch"] * has_area[None, :]
    factors.update(area)
    flexible = services.delivery != DELIVERY_ONSITE
    factors["delivery_remote"] = _points(
        "delivery_remote", subjects.remote_ok[:, None] & flexible[None, :]
    )

    if not employer:
        spoken = (subjects.languages >= SPOKEN_LEVEL).astype(np.float32)
        fit = (spoken @ services.languages.T.astype(np.float32)) > 0
        knows_any = subjects.languages.any(axis=1)[:, None]
        given_in = services.languages.any(axis=1)[None, :]
        factors["language_fit"] = _points("language_fit", fit)
        factors["language_mismatch"] = _points("language_mismatch", knows_any & given_in & ~fit)
        factors["free"] = np.broadcast_to(
            _points("free", services.free)[None, :], (subjects.n, services.n)
        )
    return factors


# --- ranking --------------------------------------------------------------------------------


def top_k(scores: np.ndarray, eligible: np.ndarray, k: int) -> list[np.ndarray]:
    """For each row, the column indices of the ``k`` best eligible scores, best first."""
    masked = np.where(eligible, scores, -np.inf)
    n = masked.shape[1]
    if n == 0 or k <= 0:
        return [np.empty(0, dtype=np.int64) for _ in range(masked.shape[0])]
    if n > k:
        candidates = np.argpartition(-masked, k - 1, axis=1)[:, :k]
    else:
        candidates = np.tile(np.arange(n), (masked.shape[0], 1))
    result = []
    for row, cols in enumerate(candidates):
        values = masked[row, cols]
        order = np.lexsort((cols, -values))  # ties: lower index (older id) first
        cols = cols[order]
        result.append(cols[np.isfinite(masked[row, cols])])
    return result


def _exclusion_mask(
    subject_ids: np.ndarray, target_ids: np.ndarray, exclude: Mapping[int, Iterable[int]] | None
) -> np.ndarray:
    eligible = np.ones((len(subject_ids), len(target_ids)), dtype=bool)
    if not exclude:
        return eligible
    position = {int(t): i for i, t in enumerate(target_ids)}
    for row, subject_id in enumerate(subject_ids):
        cols = [position[t] for t in exclude.get(int(subject_id), ()) if t in position]
        eligible[row, cols] = False
    return eligible


def _row(matrix: sp.csr_matrix, i: int) -> np.ndarray:
    """Column indices of row ``i`` (without building a sub-matrix: this runs per match)."""
    return matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]


def _shared(a: sp.csr_matrix, i: int, b: sp.csr_matrix, j: int) -> list[int]:
    return np.intersect1d(_row(a, i), _row(b, j)).tolist()


def _codes(indices: Iterable[int], width: int) -> list[str]:
    return [str(int(i)).zfill(width) for i in indices]


def _languages(mask: np.ndarray, codes: Sequence[str]) -> list[str]:
    return [codes[c] for c in np.flatnonzero(mask)]


def _factor_list(points: dict[str, float], details: dict) -> list[dict]:
    """Non-zero factors, largest first; ``details`` maps a code to a function giving its
    detail, called only for the factors shown."""
    rows = [
        {
            "code": code,
            "points": round(float(value), 1),
            "detail": details[code]() if code in details else {},
        }
        for code, value in points.items()
        if abs(value) >= 0.05
    ]
    rows.sort(key=lambda row: (-abs(row["points"]), row["code"]))
    return rows


def _skill_detail(a, i, b, j, count_of=None) -> dict:
    shared = _shared(a, i, b, j)
    if count_of is None:
        return {"skills": shared[:8]}
    return {"skills": shared[:8], "count": len(shared), "of": count_of}


def _job_details(people: Subjects, i: int, jobs: Jobs, j: int, candidates: bool) -> dict:
    required = jobs.languages[j]
    related = (people.occupations, i) if candidates else (jobs.occupations, j)
    return {
        "occupation": lambda: {"occupations": _shared(people.occupations, i, jobs.occupations, j)},
        "occupation_related": lambda: {"occupations": _row(*related).tolist()},
        "skills": lambda: _skill_detail(
            people.skills, i, jobs.skills, j, int(jobs.skill_counts[j])
        ),
        "location_municipality": lambda: {
            "municipalities": _codes(_shared(people.municipalities, i, jobs.municipalities, j), 3)
        },
        "location_region": lambda: {
            "regions": _codes(_shared(people.regions, i, jobs.regions, j), 2)
        },
        "location_mismatch": lambda: {"municipalities": _codes(_row(jobs.municipalities, j), 3)},
        "language_missing": lambda: {
            "languages": _languages(
                (required > 0) & (people.languages[i] < required), jobs.language_codes
            )
        },
        "language_unknown": lambda: {"languages": _languages(required > 0, jobs.language_codes)},
        "education_mismatch": lambda: {
            "required": int(jobs.education[j]),
            "highest": int(people.education[i]),
        },
        "fresh": lambda: {"days": int(jobs.age_days[j])},
    }


def _service_details(subjects: Subjects, i: int, services: Services, j: int) -> dict:
    def groups(shared: bool) -> dict:
        if shared:
            found = _shared(subjects.target_groups, i, services.target_groups, j)
        else:
            found = _row(services.target_groups, j).tolist()
        return {"groups": [TARGET_GROUPS[g] for g in found if not shared or g != GENERAL_GROUP]}

    spoken = subjects.languages[i] >= SPOKEN_LEVEL
    return {
        "skill_gap": lambda: _skill_detail(subjects.gap, i, services.skills, j),
        "skills_needed": lambda: _skill_detail(subjects.gap, i, services.skills, j),
        "skills_related": lambda: _skill_detail(subjects.skills, i, services.skills, j),
        "aims_occupation": lambda: {
            "occupations": _shared(subjects.occupations, i, services.occupations, j)
        },
        "aims_related_occupation": lambda: {"occupations": _row(services.occupations, j).tolist()},
        "target_group": lambda: groups(True),
        "target_group_general": lambda: {"groups": [TARGET_GROUPS[GENERAL_GROUP]]},
        "target_group_mismatch": lambda: groups(False),
        "area_municipality": lambda: {
            "municipalities": _codes(
                _shared(subjects.municipalities, i, services.municipalities, j), 3
            )
        },
        "area_region": lambda: {
            "regions": _codes(_shared(subjects.regions, i, services.regions, j), 2)
        },
        "language_fit": lambda: {
            "languages": _languages(spoken & services.languages[j], services.language_codes)
        },
        "language_mismatch": lambda: {
            "languages": _languages(services.languages[j], services.language_codes)
        },
    }


def _rows_per_chunk(n_targets: int) -> int:
    """Rows scored at a time, so that one factor matrix stays near CELLS cells."""
    return max(1, min(CHUNK, CELLS // max(n_targets, 1)))


def _chunks(n: int, size: int = CHUNK):
    for start in range(0, n, size):
        yield np.arange(start, min(start + size, n))


def recommend_jobs(
    people: Subjects,
    jobs: Jobs,
    *,
    k: int = 10,
    exclude: Mapping[int, Iterable[int]] | None = None,
    floors: Mapping[int, float] | None = None,
) -> list[list[Match]]:
    """The best ``k`` jobs for each person; a job must share an occupation or skills, and
    score above the person's floor when ``floors`` is given."""
    result: list[list[Match]] = []
    for rows in _chunks(people.n, _rows_per_chunk(jobs.n)):
        chunk = people.take(rows)
        # Only jobs sharing an occupation, an ISCO group or a skill with someone in the chunk
        # can be recommended: score just those columns (sparse products, no dense pass).
        shared = (
            chunk.occupations @ _transposed(jobs.occupations)
            + chunk.occupation_groups @ _transposed(jobs.occupation_groups)
            + chunk.skills @ _transposed(jobs.skills)
        )
        columns = np.unique(shared.indices)
        candidates = jobs.take(columns)
        factors = job_factors(chunk, candidates, freshness=True)
        result.extend(_rank(chunk, candidates, factors, k, exclude, floors, transpose=False))
    return result


def recommend_candidates(
    jobs: Jobs, people: Subjects, *, k: int = 10, exclude: Mapping[int, Iterable[int]] | None = None
) -> list[list[Match]]:
    """The best ``k`` people for each job (pass only consenting profiles in ``people``)."""
    result: list[list[Match]] = []
    for rows in _chunks(jobs.n, _rows_per_chunk(people.n)):
        chunk = jobs.take(rows)
        factors = job_factors(people, chunk, freshness=False)
        result.extend(_rank(people, chunk, factors, k, exclude, None, transpose=True))
    return result


def _floor_mask(subject_ids, total, floors) -> np.ndarray:
    if not floors:
        return np.ones(total.shape, dtype=bool)
    limit = np.asarray([floors.get(int(s), -np.inf) for s in subject_ids], dtype=np.float32)
    return total > limit[:, None]


def _rank(people: Subjects, jobs: Jobs, factors, k, exclude, floors, *, transpose: bool):
    total = sum(factors.values())
    relevant = sum(factors[code] for code in RELEVANCE) > 0
    if transpose:  # rows are jobs, columns people
        subject_ids, target_ids = jobs.ids, people.ids
        total, relevant = total.T, relevant.T
    else:
        subject_ids, target_ids = people.ids, jobs.ids
    eligible = (
        relevant
        & _exclusion_mask(subject_ids, target_ids, exclude)
        & _floor_mask(subject_ids, total, floors)
    )
    matches = []
    for row, cols in enumerate(top_k(total, eligible, k)):
        row_matches = []
        for col in cols:
            i, j = (col, row) if transpose else (row, col)
            points = {code: factors[code][i, j] for code in factors}
            details = _job_details(people, i, jobs, j, candidates=transpose)
            row_matches.append(
                Match(
                    subject_id=int(subject_ids[row]),
                    target_id=int(target_ids[col]),
                    score=round(float(total[row, col]), 2),
                    factors=_factor_list(points, details),
                )
            )
        matches.append(row_matches)
    return matches


def _service_pair_factors(
    subjects: Subjects,
    rows: np.ndarray,
    services: Services,
    cols: np.ndarray,
    overlap: Mapping[str, np.ndarray],
    masks: Mapping[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """``service_factors`` for the pairs (``rows[p]``, ``cols[p]``) only, as 1-D arrays.

    ``overlap`` holds the sparse products at those pairs (``_SERVICE_OVERLAPS``), ``masks``
    the per-row and per-column arrays of ``_service_masks``. The arithmetic (float32, the same
    operations in the same order) is that of ``service_factors``, so every value, and the sum
    of the factors, is bit for bit the same as in the dense arrays."""
    employer = subjects.audience == AUDIENCE_EMPLOYER
    gap = np.minimum(overlap["gap"] / GAP_CAP, 1.0)
    related_skills = np.minimum(overlap["skills"] / GAP_CAP, 1.0)
    occupation = overlap["occupations"] > 0
    related = (overlap["occupation_groups"] > 0) & ~occupation
    factors = {
        ("skills_needed" if employer else "skill_gap"): gap
        * WEIGHTS["skills_needed" if employer else "skill_gap"],
        "aims_occupation": _points("aims_occupation", occupation),
        "aims_related_occupation": _points("aims_related_occupation", related),
    }
    if not employer:
        factors["skills_related"] = related_skills * WEIGHTS["skills_related"]

    shared_specific = (masks["specific"][rows] & masks["target_groups"][cols]) != 0
    general = masks["general"][cols]
    if employer:
        factors["employer_service"] = _points("employer_service", masks["aimed"][cols])
    else:
        general_only = ~shared_specific & general
        factors["target_group"] = _points("target_group", shared_specific)
        factors["target_group_general"] = _points("target_group_general", general_only)
        factors["target_group_mismatch"] = _points(
            "target_group_mismatch", masks["has_groups"][cols] & ~shared_specific & ~general
        )

    remote_delivery = masks["remote_delivery"][cols]
    muni = overlap["municipalities"] > 0
    reg = overlap["regions"] > 0
    nationwide = masks["nationwide"][cols] & ~muni & ~reg
    near = (reg | nationwide) & ~muni
    remote = remote_delivery & ~muni & ~near
    mismatch = masks["has_location"][rows] & ~(muni | near | remote)
    factors["area_municipality"] = _points("area_municipality", muni)
    factors["area_region"] = _points("area_region", reg & ~muni)
    factors["area_remote"] = _points("area_remote", remote)
    factors["area_mismatch"] = _points("area_mismatch", mismatch) * masks["has_area"][cols]
    factors["area_nationwide"] = _points("area_nationwide", nationwide)
    factors["delivery_remote"] = _points(
        "delivery_remote", masks["remote_ok"][rows] & masks["flexible"][cols]
    )

    if not employer:
        fit = (masks["spoken"][rows] & masks["given"][cols]).any(axis=1)
        knows_any = masks["knows_any"][rows]
        given_in = masks["given_in"][cols]
        factors["language_fit"] = _points("language_fit", fit)
        factors["language_mismatch"] = _points("language_mismatch", knows_any & given_in & ~fit)
        factors["free"] = _points("free", masks["free"][cols])
    return factors


# Subject matrix × service matrix products that make up the sparse part of a service's score.
_SERVICE_OVERLAPS = (
    ("gap", "skills"),
    ("skills", "skills"),
    ("occupations", "occupations"),
    ("occupation_groups", "occupation_groups"),
    ("municipalities", "municipalities"),
    ("regions", "regions"),
)


def _bits(matrix: sp.csr_matrix) -> np.ndarray:
    """Each row's non-zero columns as a bit mask (for the ten target groups)."""
    coo = matrix.tocoo()
    keep = coo.data != 0
    bits = np.zeros(matrix.shape[0], dtype=np.int64)
    np.bitwise_or.at(bits, coo.row[keep], np.left_shift(1, coo.col[keep].astype(np.int64)))
    return bits


def _service_masks(subjects: Subjects, services: Services) -> dict[str, np.ndarray]:
    specific = subjects.target_groups.tolil()
    specific[:, GENERAL_GROUP] = 0
    remote_delivery = services.delivery == DELIVERY_REMOTE
    return {
        # subjects (rows)
        "specific": _bits(specific.tocsr()),
        "has_location": subjects.has_location,
        "remote_ok": np.asarray(subjects.remote_ok, dtype=bool),
        "spoken": subjects.languages >= SPOKEN_LEVEL,
        "knows_any": subjects.languages.any(axis=1),
        # services (columns)
        "target_groups": _bits(services.target_groups),
        "general": np.asarray(services.target_groups[:, GENERAL_GROUP].toarray()).ravel() > 0,
        "has_groups": services.target_groups.getnnz(axis=1) > 0,
        "aimed": (services.audience & AUDIENCE_EMPLOYER) > 0,
        "remote_delivery": remote_delivery,
        "nationwide": services.nationwide & ~remote_delivery,
        "has_area": (
            services.nationwide
            | (services.municipalities.getnnz(axis=1) > 0)
            | (services.regions.getnnz(axis=1) > 0)
        ),
        "flexible": services.delivery != DELIVERY_ONSITE,
        "given": np.asarray(services.languages, dtype=bool),
        "given_in": services.languages.any(axis=1),
        "free": np.asarray(services.free, dtype=bool),
    }


def _service_class_keys(masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """One row per subject of everything besides the sparse products that its service
    points depend on: subjects with equal keys score a service the same unless they share
    skills, occupations or places with it."""
    return np.column_stack(
        [
            masks["specific"],
            masks["has_location"],
            masks["remote_ok"],
            masks["knows_any"],
            masks["spoken"].reshape(len(masks["specific"]), -1),
        ]
    ).astype(np.int64)


class _SparseScores:
    """The products of ``_SERVICE_OVERLAPS`` for a chunk of subjects, on the union of their
    non-zero (row, column) pairs, kept as sorted linear keys ``row * n_services + col``."""

    def __init__(self, chunk: Subjects, services: Services):
        self.width = services.n
        products = {
            name: getattr(chunk, left) @ _transposed(getattr(services, right))
            for name, right in _SERVICE_OVERLAPS
            for left in [name]
        }
        keyed = {}
        for name, product in products.items():
            product = product.tocsr()
            product.sort_indices()
            rows = np.repeat(np.arange(product.shape[0], dtype=np.int64), np.diff(product.indptr))
            keyed[name] = (rows * self.width + product.indices, product.data.astype(np.float32))
        self.keys = np.unique(np.concatenate([keys for keys, _ in keyed.values()] + [[]])).astype(
            np.int64
        )
        self.values = {}
        for name, (keys, data) in keyed.items():
            values = np.zeros(len(self.keys), dtype=np.float32)
            values[np.searchsorted(self.keys, keys)] = data
            self.values[name] = values

    def at(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """The products at arbitrary pairs (zero where a pair is not stored)."""
        keys = rows.astype(np.int64) * self.width + cols
        found = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        hit = (self.keys[found] == keys) if len(self.keys) else np.zeros(len(keys), dtype=bool)
        return {
            name: np.where(hit, values[found] if len(values) else 0, 0).astype(np.float32)
            for name, values in self.values.items()
        }


def _positions(by_id: np.ndarray | None, sorted_ids, wanted: Iterable[int]) -> np.ndarray:
    """Columns of the ``wanted`` ids among the targets (``by_id`` sorts their ids into
    ``sorted_ids``)."""
    wanted = np.asarray(list(wanted), dtype=np.int64)
    if by_id is None or not len(wanted) or not len(sorted_ids):
        return np.empty(0, dtype=np.int64)
    found = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
    return by_id[found][sorted_ids[found] == wanted]


def recommend_services(
    subjects: Subjects,
    services: Services,
    *,
    k: int = 10,
    exclude: Mapping[int, Iterable[int]] | None = None,
    floors: Mapping[int, float] | None = None,
) -> list[list[Match]]:
    """The best ``k`` services for each subject, among services meant for its audience and
    with a positive score (above the subject's floor when ``floors`` is given); equal scores
    rank the lower column (older service) first.

    No dense (subjects × services) array is built. A service that shares no skill,
    occupation, ISCO group, municipality or region with a subject scores what it scores for
    every subject of the same "class" (target groups, location known, remote wish, languages):
    that row of points is computed and sorted once per class. A subject's ranking then merges
    the exactly scored pairs it shares something with and the head of its class's order."""
    if subjects.n == 0:
        return []
    if services.n == 0 or k <= 0:
        return [[] for _ in range(subjects.n)]
    audience = (services.audience & subjects.audience) > 0
    by_id = np.argsort(services.ids, kind="stable") if exclude else None
    sorted_ids = services.ids[by_id] if by_id is not None else None
    all_cols = np.arange(services.n)
    classes: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}  # key → (points, ranked columns)
    result: list[list[Match]] = []
    for rows in _chunks(subjects.n):
        chunk = subjects.take(rows)
        masks = _service_masks(chunk, services)
        keys = _service_class_keys(masks)
        scores = _SparseScores(chunk, services)
        pair_rows = scores.keys // services.n
        pair_cols = scores.keys % services.n
        factors = _service_pair_factors(chunk, pair_rows, services, pair_cols, scores.values, masks)
        pair_total = sum(factors.values())
        starts = np.searchsorted(pair_rows, np.arange(chunk.n + 1))
        limits = np.full(chunk.n, -np.inf, dtype=np.float32)
        if floors:
            limits = np.asarray([floors.get(int(s), -np.inf) for s in chunk.ids], dtype=np.float32)

        chosen_rows, chosen_cols = [], []
        for row in range(chunk.n):
            key = keys[row].tobytes()
            if key not in classes:
                base = sum(
                    _service_pair_factors(
                        chunk,
                        np.full(services.n, row),
                        services,
                        all_cols,
                        {name: np.zeros(services.n, dtype=np.float32) for name in scores.values},
                        masks,
                    ).values()
                )
                ranked = np.flatnonzero(audience & (base > 0))
                ranked = ranked[np.lexsort((ranked, -base[ranked]))]
                classes[key] = (base, ranked)
            base, ranked = classes[key]
            excluded = _positions(by_id, sorted_ids, (exclude or {}).get(int(chunk.ids[row]), ()))
            start, end = starts[row], starts[row + 1]
            cols, total = pair_cols[start:end], pair_total[start:end]
            keep = audience[cols] & (total > 0) & (total > limits[row])
            keep &= ~np.isin(cols, excluded)
            cols, total = cols[keep], total[keep]
            head = ranked[: k + (end - start) + len(excluded)]
            head = head[~np.isin(head, pair_cols[start:end]) & ~np.isin(head, excluded)]
            head = head[base[head] > limits[row]]
            cols = np.concatenate([cols, head])
            total = np.concatenate([total, base[head]])
            best = cols[np.lexsort((cols, -total))[:k]]
            chosen_rows.append(np.full(len(best), row))
            chosen_cols.append(best)

        rows_k = np.concatenate(chosen_rows).astype(np.int64)
        cols_k = np.concatenate(chosen_cols).astype(np.int64)
        points = _service_pair_factors(
            chunk, rows_k, services, cols_k, scores.at(rows_k, cols_k), masks
        )
        total_k = sum(points.values())
        offset = 0
        for row, best in enumerate(chosen_cols):
            row_matches = []
            for q in range(offset, offset + len(best)):
                col = int(cols_k[q])
                row_matches.append(
                    Match(
                        subject_id=int(chunk.ids[row]),
                        target_id=int(services.ids[col]),
                        score=round(float(total_k[q]), 2),
                        factors=_factor_list(
                            {code: values[q] for code, values in points.items()},
                            _service_details(chunk, row, services, col),
                        ),
                    )
                )
            offset += len(best)
            result.append(row_matches)
    return result
