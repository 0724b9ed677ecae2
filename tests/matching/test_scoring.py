"""The pure scoring model, without a database."""

import numpy as np
import pytest

from matching import scoring

LANGS = ("en", "fi", "sv")
FI, SV = LANGS.index("fi"), LANGS.index("sv")
N_SKILLS, N_OCC, N_GROUPS = 20, 10, 5


def people(rows):
    """rows: dicts with skills, occupations, groups, gap, municipalities, regions, remote_ok,
    languages ({code: level}), target_groups."""
    n = len(rows)
    languages = np.zeros((n, len(LANGS)), dtype=np.int8)
    for i, row in enumerate(rows):
        for code, level in row.get("languages", {}).items():
            languages[i, LANGS.index(code)] = scoring.LANGUAGE_LEVELS[level]
    return scoring.Subjects(
        ids=np.arange(1, n + 1),
        skills=scoring.sparse_rows([r.get("skills", []) for r in rows], N_SKILLS),
        occupations=scoring.sparse_rows([r.get("occupations", []) for r in rows], N_OCC),
        occupation_groups=scoring.sparse_rows([r.get("groups", []) for r in rows], N_GROUPS),
        gap=scoring.sparse_rows([r.get("gap", []) for r in rows], N_SKILLS),
        municipalities=scoring.sparse_rows([r.get("municipalities", []) for r in rows], 1000),
        regions=scoring.sparse_rows([r.get("regions", []) for r in rows], 100),
        remote_ok=np.asarray([r.get("remote_ok", False) for r in rows], dtype=bool),
        languages=languages,
        target_groups=scoring.sparse_rows(
            [
                [scoring.TARGET_GROUPS.index(g) for g in r.get("target_groups", ["jobseekers"])]
                for r in rows
            ],
            len(scoring.TARGET_GROUPS),
        ),
        language_codes=LANGS,
        audience=rows[0].get("audience", scoring.AUDIENCE_JOBSEEKER) if rows else 1,
        education=np.asarray([r.get("education", 0) for r in rows], dtype=np.int8),
    )


def jobs(rows):
    n = len(rows)
    languages = np.zeros((n, len(LANGS)), dtype=np.int8)
    for i, row in enumerate(rows):
        for code, level in row.get("languages", {}).items():
            languages[i, LANGS.index(code)] = scoring.LANGUAGE_LEVELS[level]
    return scoring.Jobs(
        ids=np.arange(101, 101 + n),
        skills=scoring.sparse_rows([r.get("skills", []) for r in rows], N_SKILLS),
        occupations=scoring.sparse_rows([r.get("occupations", []) for r in rows], N_OCC),
        occupation_groups=scoring.sparse_rows([r.get("groups", []) for r in rows], N_GROUPS),
        municipalities=scoring.sparse_rows([r.get("municipalities", []) for r in rows], 1000),
        regions=scoring.sparse_rows([r.get("regions", []) for r in rows], 100),
        remote=np.asarray([r.get("remote", False) for r in rows], dtype=bool),
        languages=languages,
        age_days=np.asarray([r.get("age", 0) for r in rows], dtype=np.float32),
        language_codes=LANGS,
        education=np.asarray([r.get("education", 0) for r in rows], dtype=np.int8),
    )


def services(rows):
    n = len(rows)
    languages = np.zeros((n, len(LANGS)), dtype=bool)
    for i, row in enumerate(rows):
        for code in row.get("languages", ["fi"]):
            languages[i, LANGS.index(code)] = True
    return scoring.Services(
        ids=np.arange(201, 201 + n),
        skills=scoring.sparse_rows([r.get("skills", []) for r in rows], N_SKILLS),
        occupations=scoring.sparse_rows([r.get("occupations", []) for r in rows], N_OCC),
        occupation_groups=scoring.sparse_rows([r.get("groups", []) for r in rows], N_GROUPS),
        municipalities=scoring.sparse_rows([r.get("municipalities", []) for r in rows], 1000),
        regions=scoring.sparse_rows([r.get("regions", []) for r in rows], 100),
        nationwide=np.asarray([r.get("nationwide", False) for r in rows], dtype=bool),
        delivery=np.asarray([r.get("delivery", 0) for r in rows], dtype=np.int8),
        languages=languages,
        free=np.asarray([r.get("free", True) for r in rows], dtype=bool),
        target_groups=scoring.sparse_rows(
            [[scoring.TARGET_GROUPS.index(g) for g in r.get("groups_for", [])] for r in rows],
            len(scoring.TARGET_GROUPS),
        ),
        audience=np.asarray([r.get("audience", 1) for r in rows], dtype=np.int8),
        language_codes=LANGS,
    )


def codes(match):
    return {f["code"]: f["points"] for f in match.factors}


def test_recommend_jobs__occupation_and_skills_rank_first_with_explanations():
    # given
    person = people(
        [
            {
                "skills": [1, 2, 3],
                "occupations": [4],
                "municipalities": [837],
                "regions": [6],
                "languages": {"fi": "L1"},
            }
        ]
    )
    ads = jobs(
        [
            {"skills": [1, 2], "occupations": [4], "municipalities": [837], "regions": [6]},
            {"skills": [1], "occupations": [5], "municipalities": [837], "regions": [6]},
            {"skills": [9], "occupations": [7], "municipalities": [837], "regions": [6]},
        ]
    )
    # when
    [matches] = scoring.recommend_jobs(person, ads, k=10)
    # then
    assert [m.target_id for m in matches] == [101, 102]  # the third shares nothing
    first = codes(matches[0])
    assert first["occupation"] == 40.0
    assert first["skills"] == 40.0  # both required skills held, recency weight 1
    assert first["location_municipality"] == 10.0
    assert first["fresh"] == 5.0
    assert matches[0].score == 95.0
    skills = next(f for f in matches[0].factors if f["code"] == "skills")
    assert skills["detail"] == {"skills": [1, 2], "count": 2, "of": 2}
    assert codes(matches[1])["skills"] == 40.0


def test_recommend_jobs__recency_weight_lowers_skill_points():
    # given: the same skill held recently (weight 1.0) or long ago (weight 0.5)
    weights = [[1.0], [scoring.recency_weight(10 * 365)]]
    person = people([{"skills": [1]}, {"skills": [1]}])
    person.skills = scoring.sparse_rows([[1], [1]], N_SKILLS, weights)
    ads = jobs([{"skills": [1]}])
    # when
    result = scoring.recommend_jobs(person, ads)
    # then
    assert codes(result[0][0])["skills"] == 40.0
    assert codes(result[1][0])["skills"] == 20.0


def test_recommend_jobs__language_and_location_mismatch_subtract_points():
    # given
    person = people(
        [{"skills": [1], "municipalities": [91], "regions": [1], "languages": {"fi": "B1"}}]
    )
    ads = jobs(
        [
            {
                "skills": [1],
                "municipalities": [837],
                "regions": [6],
                "languages": {"fi": "C1", "sv": "B1"},
            }
        ]
    )
    # when
    [[match]] = scoring.recommend_jobs(person, ads)
    # then
    points = codes(match)
    assert points["location_mismatch"] == -15.0
    assert points["language_missing"] == -20.0
    missing = next(f for f in match.factors if f["code"] == "language_missing")
    assert missing["detail"] == {"languages": ["fi", "sv"]}


@pytest.mark.parametrize(
    ("highest", "required", "penalty"),
    [
        (3, 6, -10.0),  # upper secondary, a bachelor's level job: mismatch
        (6, 6, None),  # the level required
        (7, 6, None),  # above it
        (0, 6, None),  # no education in the profile: unknown is not a mismatch
        (3, 0, None),  # no requirement
    ],
)
def test_recommend_jobs__education_below_the_required_level_subtracts_points(
    highest, required, penalty
):
    # given (education ranks as in profiles.codes.education_rank)
    person = people([{"skills": [1], "education": highest}])
    ads = jobs([{"skills": [1], "education": required}])
    # when
    [[match]] = scoring.recommend_jobs(person, ads)
    # then
    assert codes(match).get("education_mismatch") == penalty
    if penalty is not None:
        factor = next(f for f in match.factors if f["code"] == "education_mismatch")
        assert factor["detail"] == {"required": required, "highest": highest}
        assert match.score == pytest.approx(40.0 + penalty + 5.0)  # skills + penalty + fresh


def test_recommend_candidates__education_mismatch_ranks_the_candidate_lower():
    candidates = people([{"skills": [1], "education": 4}, {"skills": [1], "education": 8}])
    ads = jobs([{"skills": [1], "education": 7}])
    [matches] = scoring.recommend_candidates(ads, candidates, k=5)
    assert [m.target_id for m in matches] == [2, 1]
    assert codes(matches[1])["education_mismatch"] == -10.0
    assert "education_mismatch" not in codes(matches[0])


def test_recommend_jobs__remote_job_fits_a_person_who_wants_remote_work():
    person = people([{"skills": [1], "municipalities": [91], "remote_ok": True}])
    ads = jobs([{"skills": [1], "municipalities": [837], "remote": True}])
    [[match]] = scoring.recommend_jobs(person, ads)
    assert codes(match)["remote"] == 8.0
    assert "location_mismatch" not in codes(match)


def test_recommend_jobs__profile_without_skills_or_occupations_gets_nothing_not_an_error():
    person = people([{"municipalities": [837]}])
    ads = jobs([{"skills": [1], "occupations": [4], "municipalities": [837]}])
    assert scoring.recommend_jobs(person, ads) == [[]]


def test_recommend_jobs__job_without_occupation_or_skills_is_never_relevant():
    person = people([{"skills": [1], "occupations": [4]}])
    ads = jobs([{}])
    assert scoring.recommend_jobs(person, ads) == [[]]


def test_recommend_jobs__excluded_and_below_floor_targets_are_left_out():
    person = people([{"skills": [1, 2]}])
    ads = jobs([{"skills": [1, 2]}, {"skills": [1]}, {"skills": [2, 9]}])
    [matches] = scoring.recommend_jobs(person, ads, exclude={1: {101}})
    assert [m.target_id for m in matches] == [102, 103]
    [matches] = scoring.recommend_jobs(person, ads, floors={1: 44.0})
    assert [m.target_id for m in matches] == [101, 102]


def test_recommend_candidates__ranks_people_for_each_job():
    # given
    candidates = people([{"skills": [1]}, {"skills": [1, 2], "occupations": [4]}, {}])
    ads = jobs([{"skills": [1, 2], "occupations": [4]}, {"skills": [7]}])
    # when
    result = scoring.recommend_candidates(ads, candidates, k=5)
    # then
    assert [m.target_id for m in result[0]] == [2, 1]
    assert result[0][0].subject_id == 101
    assert "fresh" not in codes(result[0][0])
    assert result[1] == []


def test_top_k__returns_best_first_and_handles_fewer_targets_than_k():
    scores = np.array([[1.0, 5.0, 3.0, 4.0]], dtype=np.float32)
    eligible = np.array([[True, True, True, False]])
    assert scoring.top_k(scores, eligible, 2)[0].tolist() == [1, 2]
    assert scoring.top_k(scores, eligible, 10)[0].tolist() == [1, 2, 0]
    assert scoring.top_k(np.zeros((1, 0)), np.zeros((1, 0), dtype=bool), 3)[0].tolist() == []


def test_recommend_services__training_closing_the_skill_gap_in_the_area_ranks_first():
    # given: the person seeks occupation 4 which needs skills 5, 6, 7 they lack
    person = people(
        [
            {
                "skills": [1],
                "occupations": [4],
                "gap": [5, 6, 7],
                "municipalities": [837],
                "regions": [6],
                "languages": {"fi": "L1"},
                "target_groups": ["jobseekers", "under30"],
            }
        ]
    )
    offers = services(
        [
            {
                "skills": [5, 6, 7],
                "occupations": [4],
                "municipalities": [837],
                "groups_for": ["under30"],
            },
            {"skills": [9], "regions": [1], "groups_for": ["jobseekers"]},
            {"nationwide": True, "groups_for": ["immigrants"]},
            {"audience": scoring.AUDIENCE_EMPLOYER, "nationwide": True},
        ]
    )
    # when
    [matches] = scoring.recommend_services(person, offers, k=10)
    # then
    assert [m.target_id for m in matches] == [201]
    points = codes(matches[0])
    assert points == {
        "skill_gap": 30.0,
        "aims_occupation": 20.0,
        "target_group": 15.0,
        "area_municipality": 10.0,
        "language_fit": 5.0,
        "free": 5.0,
    }
    gap = next(f for f in matches[0].factors if f["code"] == "skill_gap")
    assert gap["detail"] == {"skills": [5, 6, 7]}


def test_recommend_services__service_without_area_is_neutral_and_remote_fits_anywhere():
    person = people([{"municipalities": [91], "regions": [1], "languages": {"fi": "L1"}}])
    offers = services([{"groups_for": ["jobseekers"]}, {"delivery": scoring.DELIVERY_REMOTE}])
    [matches] = scoring.recommend_services(person, offers)
    by_id = {m.target_id: codes(m) for m in matches}
    assert by_id[201] == {"target_group_general": 5.0, "language_fit": 5.0, "free": 5.0}
    assert by_id[202] == {"area_remote": 5.0, "language_fit": 5.0, "free": 5.0}


def test_recommend_services__language_the_person_does_not_speak_subtracts_points():
    person = people([{"languages": {"en": "C1", "fi": "A1"}, "regions": [6]}])
    offers = services(
        [{"languages": ["fi"], "regions": [6]}, {"languages": ["en"], "regions": [6]}]
    )
    [matches] = scoring.recommend_services(person, offers)
    assert [m.target_id for m in matches] == [202]


def test_recommend_services__employers_get_only_services_meant_for_employers():
    organisation = people(
        [
            {
                "gap": [3, 4],
                "municipalities": [837],
                "regions": [6],
                "target_groups": ["employers"],
                "audience": scoring.AUDIENCE_EMPLOYER,
            }
        ]
    )
    offers = services(
        [
            {"skills": [3, 4], "audience": scoring.AUDIENCE_EMPLOYER, "regions": [6]},
            {"skills": [3, 4], "audience": scoring.AUDIENCE_JOBSEEKER, "regions": [6]},
        ]
    )
    [matches] = scoring.recommend_services(organisation, offers)
    assert [m.target_id for m in matches] == [201]
    assert codes(matches[0]) == {
        "employer_service": 20.0,
        "skills_needed": pytest.approx(20.0),
        "area_region": 7.0,
    }


def test_recommend__empty_inputs_give_empty_lists():
    assert scoring.recommend_jobs(people([]), jobs([{}])) == []
    assert scoring.recommend_services(people([{}]), services([])) == [[]]
    assert scoring.recommend_candidates(jobs([]), people([{}])) == []


def random_instance(seed, audience):
    """Subjects and services with small vocabularies, so that every kind of overlap occurs."""
    gen = np.random.default_rng(seed)

    def rows(n, most, width):
        return [
            gen.choice(width, gen.integers(0, most + 1), replace=False).tolist() for _ in range(n)
        ]

    n, m = 300, 200  # more subjects than one chunk of scoring.CHUNK
    groups = len(scoring.TARGET_GROUPS)
    subjects = scoring.Subjects(
        ids=np.arange(1, n + 1),
        skills=scoring.sparse_rows(rows(n, 5, N_SKILLS), N_SKILLS, None)
        .multiply(gen.uniform(0.5, 1.0, (n, N_SKILLS)))
        .tocsr()
        .astype(np.float32),
        occupations=scoring.sparse_rows(rows(n, 2, N_OCC), N_OCC),
        occupation_groups=scoring.sparse_rows(rows(n, 2, N_GROUPS), N_GROUPS),
        gap=scoring.sparse_rows(rows(n, 4, N_SKILLS), N_SKILLS),
        municipalities=scoring.sparse_rows(rows(n, 2, 8), 8),
        regions=scoring.sparse_rows(rows(n, 1, 4), 4),
        remote_ok=gen.random(n) < 0.3,
        languages=gen.choice([0, 1, 2, 5], (n, len(LANGS)), p=[0.5, 0.2, 0.1, 0.2]).astype(np.int8),
        target_groups=scoring.sparse_rows(rows(n, 3, groups), groups),
        language_codes=LANGS,
        audience=audience,
    )
    offers = scoring.Services(
        ids=np.arange(1001, 1001 + m),
        skills=scoring.sparse_rows(rows(m, 4, N_SKILLS), N_SKILLS),
        occupations=scoring.sparse_rows(rows(m, 2, N_OCC), N_OCC),
        occupation_groups=scoring.sparse_rows(rows(m, 1, N_GROUPS), N_GROUPS),
        municipalities=scoring.sparse_rows(rows(m, 2, 8), 8),
        regions=scoring.sparse_rows(rows(m, 1, 4), 4),
        nationwide=gen.random(m) < 0.2,
        delivery=gen.integers(0, 3, m).astype(np.int8),
        languages=gen.random((m, len(LANGS))) < 0.4,
        free=gen.random(m) < 0.6,
        target_groups=scoring.sparse_rows(rows(m, 2, groups), groups),
        audience=gen.integers(1, 4, m).astype(np.int8),
        language_codes=LANGS,
    )
    return subjects, offers


def dense_reference(subjects, offers, k, exclude, floors):
    """Every factor as a dense array, the k best eligible columns by a full sort."""
    factors = scoring.service_factors(subjects, offers)
    total = sum(factors.values())
    eligible = ((offers.audience & subjects.audience) > 0)[None, :] & (total > 0)
    result = []
    for i, subject_id in enumerate(subjects.ids):
        row = eligible[i] & ~np.isin(offers.ids, list(exclude.get(int(subject_id), ())))
        row &= total[i] > np.float32(floors.get(int(subject_id), -np.inf))
        cols = np.flatnonzero(row)
        cols = cols[np.lexsort((cols, -total[i, cols]))][:k]
        result.append(
            [
                (
                    int(offers.ids[j]),
                    round(float(total[i, j]), 2),  # as Match.score
                    {c: float(v[i, j]) for c, v in factors.items() if abs(v[i, j]) >= 0.05},
                )
                for j in cols
            ]
        )
    return result


@pytest.mark.parametrize("audience", [scoring.AUDIENCE_JOBSEEKER, scoring.AUDIENCE_EMPLOYER])
@pytest.mark.parametrize("seed", [1, 2])
def test_recommend_services__equals_a_dense_reference_on_a_random_instance(seed, audience):
    # given
    subjects, offers = random_instance(seed, audience)
    gen = np.random.default_rng(seed + 100)
    exclude = {int(s): set(gen.choice(offers.ids, 5).tolist()) for s in subjects.ids[::3]}
    floors = {int(s): float(gen.uniform(0, 40)) for s in subjects.ids[1::4]}
    k = 7
    # when
    result = scoring.recommend_services(subjects, offers, k=k, exclude=exclude, floors=floors)
    # then
    expected = dense_reference(subjects, offers, k, exclude, floors)
    assert sum(len(row) for row in expected) > len(expected)  # not a trivially empty instance
    for matches, reference in zip(result, expected, strict=True):
        assert [m.target_id for m in matches] == [target for target, _, _ in reference]
        assert np.allclose([m.score for m in matches], [score for _, score, _ in reference])
        for match, (_, _, points) in zip(matches, reference, strict=True):
            got = {f["code"]: f["points"] for f in match.factors}
            assert got.keys() == points.keys()
            assert np.allclose([got[c] for c in points], [round(v, 1) for v in points.values()])
