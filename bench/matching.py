"""Benchmark of the matching model (matching.scoring) on an evaluation set built from ESCO;
prints JSON. No database: the ESCO files in reference/data/esco are read directly.

Evaluation set (seeded, reproducible): 300 ESCO occupations with at least 10 linked skills.
For each, 4 synthetic jobseekers and 2 job ads:
* jobseeker: seeks the occupation (60 %), a neighbouring occupation of the same ISCO group
  (20 %) or nothing (20 %); holds 40–70 % of the occupation's skills plus 3 random ones, with
  random recency weights; lives in one of 19 regions (a municipality of it); 15 % accept
  remote work; 85 % speak Finnish natively, the rest English (C1) and Finnish (A1).
* job ad: the occupation (10 % left empty), 6–10 of its skills plus one random skill, a
  random municipality, 10 % remote, 70 % require Finnish B2.
Relevance of a (job, jobseeker) pair: 2 = the jobseeker was generated from the ad's
occupation, 1 = from a neighbouring occupation (same ISCO group); 0 when the pair is not
feasible (different region and not remote-with-remote-ok, or the required language missing).
Metrics: NDCG@10 (graded) and recall@10 (grade-2 items found in the top 10 over
min(10, number of grade-2 items)), for jobs → candidates and profiles → jobs.
Baseline: TF-IDF cosine over the same skill and occupation tokens (sklearn), no rules.

Timings: one profile against 100k jobs and 50k services (synthetic arrays at production
sparsity), p50/p95 of 30 runs; and a chunk of 256 profiles against the same, projected to
300k profiles on 2 cores (two single-threaded worker processes).

Run: .venv/bin/python bench/matching.py  (--timings: only the timings, --quality: only the
evaluation set)"""

import csv
import gzip
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # per-core figures

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer  # noqa: E402
from sklearn.preprocessing import normalize  # noqa: E402

from matching import scoring  # noqa: E402

ESCO = ROOT / "reference" / "data" / "esco"
LANGS = ("en", "fi", "sv")
FI, EN = LANGS.index("fi"), LANGS.index("en")
K = 10
rng = random.Random(20261128)


def read(name):
    with gzip.open(ESCO / name, "rt", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def load_esco():
    occupations = {row["uri"]: row.get("isco_group", "") for row in read("occupations.csv.gz")}
    skills: dict[str, int] = {}
    occupation_skills = defaultdict(list)
    for row in read("occupation_skills.csv.gz"):
        sid = skills.setdefault(row["skill_uri"], len(skills))
        occupation_skills[row["occupation_uri"]].append(sid)
    ids = {uri: i for i, uri in enumerate(occupations)}
    groups = {}
    for uri, group in occupations.items():
        groups.setdefault(group, []).append(ids[uri])
    group_index = {g: i for i, g in enumerate(groups)}
    return {
        "occupation_ids": ids,
        "group_of": {ids[u]: group_index[g] for u, g in occupations.items()},
        "members": {group_index[g]: m for g, m in groups.items()},
        "skills_of": {ids[u]: s for u, s in occupation_skills.items()},
        "n_skills": len(skills),
        "n_occupations": len(ids),
        "n_groups": len(groups),
    }


def regions_and_municipalities():
    return {r: [r * 10 + k for k in range(5)] for r in range(1, 20)}


def build(esco):
    places = regions_and_municipalities()
    eligible = [o for o, s in esco["skills_of"].items() if len(s) >= 10]
    chosen = rng.sample(sorted(eligible), 300)
    people, jobs = [], []
    for occupation in chosen:
        skills = esco["skills_of"][occupation]
        group = esco["group_of"][occupation]
        neighbours = [o for o in esco["members"][group] if o != occupation]
        for _ in range(4):
            roll = rng.random()
            if roll < 0.6 or (roll < 0.8 and not neighbours):
                sought = [occupation]
            elif roll < 0.8:
                sought = [rng.choice(neighbours)]
            else:
                sought = []
            held = rng.sample(skills, max(1, int(len(skills) * rng.uniform(0.4, 0.7))))
            held += [rng.randrange(esco["n_skills"]) for _ in range(3)]
            region = rng.randrange(1, 20)
            finnish = rng.random() < 0.85
            people.append(
                {
                    "true": occupation,
                    "occupations": sought,
                    "skills": sorted(set(held)),
                    "region": region,
                    "municipality": rng.choice(places[region]),
                    "remote_ok": rng.random() < 0.15,
                    "languages": {FI: 5} if finnish else {EN: 4, FI: 1},
                }
            )
        for _ in range(2):
            region = rng.randrange(1, 20)
            required = rng.sample(skills, min(len(skills), rng.randint(6, 10)))
            required.append(rng.randrange(esco["n_skills"]))
            jobs.append(
                {
                    "true": occupation,
                    "occupation": occupation if rng.random() < 0.9 else None,
                    "skills": sorted(set(required)),
                    "region": region,
                    "municipality": rng.choice(places[region]),
                    "remote": rng.random() < 0.1,
                    "finnish": 3 if rng.random() < 0.7 else 0,
                }
            )
    return people, jobs


def subjects_from(people, esco):
    n = len(people)
    languages = np.zeros((n, len(LANGS)), dtype=np.int8)
    for i, p in enumerate(people):
        for column, level in p["languages"].items():
            languages[i, column] = level
    weights = [[rng.uniform(0.5, 1.0) for _ in p["skills"]] for p in people]
    occupations = [p["occupations"] for p in people]
    return scoring.Subjects(
        ids=np.arange(n),
        skills=scoring.sparse_rows([p["skills"] for p in people], esco["n_skills"], weights),
        occupations=scoring.sparse_rows(occupations, esco["n_occupations"]),
        occupation_groups=scoring.sparse_rows(
            [[esco["group_of"][o] for o in occ] for occ in occupations], esco["n_groups"]
        ),
        gap=scoring.sparse_rows([[] for _ in people], esco["n_skills"]),
        municipalities=scoring.sparse_rows([[p["municipality"]] for p in people], 1000),
        regions=scoring.sparse_rows([[p["region"]] for p in people], 100),
        remote_ok=np.asarray([p["remote_ok"] for p in people]),
        languages=languages,
        target_groups=scoring.sparse_rows([[0]] * n, len(scoring.TARGET_GROUPS)),
        language_codes=LANGS,
    )


def jobs_from(jobs, esco):
    n = len(jobs)
    languages = np.zeros((n, len(LANGS)), dtype=np.int8)
    languages[:, FI] = [j["finnish"] for j in jobs]
    occupations = [[j["occupation"]] if j["occupation"] is not None else [] for j in jobs]
    return scoring.Jobs(
        ids=np.arange(n),
        skills=scoring.sparse_rows([j["skills"] for j in jobs], esco["n_skills"]),
        occupations=scoring.sparse_rows(occupations, esco["n_occupations"]),
        occupation_groups=scoring.sparse_rows(
            [[esco["group_of"][o] for o in occ] for occ in occupations], esco["n_groups"]
        ),
        municipalities=scoring.sparse_rows([[j["municipality"]] for j in jobs], 1000),
        regions=scoring.sparse_rows([[j["region"]] for j in jobs], 100),
        remote=np.asarray([j["remote"] for j in jobs]),
        languages=languages,
        age_days=np.asarray([rng.randrange(30) for _ in jobs], dtype=np.float32),
        language_codes=LANGS,
    )


def relevance(job, person, esco) -> int:
    feasible = (job["region"] == person["region"] or (job["remote"] and person["remote_ok"])) and (
        person["languages"].get(FI, 0) >= job["finnish"]
    )
    if not feasible:
        return 0
    if job["true"] == person["true"]:
        return 2
    return 1 if esco["group_of"][job["true"]] == esco["group_of"][person["true"]] else 0


def ndcg_recall(rankings, grades):
    """rankings: list of ranked index lists; grades: list of {index: grade}."""
    ndcgs, recalls = [], []
    for ranked, grade in zip(rankings, grades, strict=True):
        ideal = sorted(grade.values(), reverse=True)[:K]
        if not ideal or ideal[0] == 0:
            continue
        dcg = sum((2 ** grade.get(t, 0) - 1) / np.log2(r + 2) for r, t in enumerate(ranked[:K]))
        idcg = sum((2**g - 1) / np.log2(r + 2) for r, g in enumerate(ideal))
        ndcgs.append(dcg / idcg)
        top = {t for t, g in grade.items() if g == 2}
        if top:
            recalls.append(len(top & set(ranked[:K])) / min(K, len(top)))
    return {
        "ndcg@10": round(float(np.mean(ndcgs)), 3),
        "recall@10": round(float(np.mean(recalls)), 3),
        "queries": len(ndcgs),
    }


def tfidf_rankings(query_matrix, doc_matrix):
    transformer = TfidfTransformer().fit(
        __import__("scipy.sparse", fromlist=["vstack"]).vstack([query_matrix, doc_matrix])
    )
    q = normalize(transformer.transform(query_matrix))
    d = normalize(transformer.transform(doc_matrix))
    scores = (q @ d.T).toarray()
    return [list(np.argsort(-row, kind="stable")[:K]) for row in scores]


def tokens(skills, occupations, esco):
    import scipy.sparse as sp

    return sp.hstack([skills > 0, occupations]).tocsr().astype(np.float32)


def quality(esco):
    people, jobs = build(esco)
    subjects = subjects_from(people, esco)
    ads = jobs_from(jobs, esco)
    grade_by_job = [
        {i: relevance(job, person, esco) for i, person in enumerate(people)} for job in jobs
    ]
    grade_by_person = [
        {j: relevance(job, person, esco) for j, job in enumerate(jobs)} for person in people
    ]
    model_candidates = [
        [m.target_id for m in row] for row in scoring.recommend_candidates(ads, subjects, k=K)
    ]
    model_jobs = [[m.target_id for m in row] for row in scoring.recommend_jobs(subjects, ads, k=K)]
    person_tokens = tokens(subjects.skills, subjects.occupations, esco)
    job_tokens = tokens(ads.skills, ads.occupations, esco)
    return {
        "evaluation_set": {"occupations": 300, "jobseekers": len(people), "job_ads": len(jobs)},
        "jobs_to_candidates": {
            "model": ndcg_recall(model_candidates, grade_by_job),
            "tfidf_baseline": ndcg_recall(tfidf_rankings(job_tokens, person_tokens), grade_by_job),
        },
        "profiles_to_jobs": {
            "model": ndcg_recall(model_jobs, grade_by_person),
            "tfidf_baseline": ndcg_recall(
                tfidf_rankings(person_tokens, job_tokens), grade_by_person
            ),
        },
    }


def synthetic_targets(esco, n_jobs=100_000, n_services=50_000):
    """Random arrays at production sparsity (timing only)."""
    gen = np.random.default_rng(7)
    s, o = esco["n_skills"], esco["n_occupations"]

    def rows(n, per, width):
        return [gen.integers(0, width, gen.integers(1, per + 1)).tolist() for _ in range(n)]

    job_occ = [[int(x)] for x in gen.integers(0, o, n_jobs)]
    jobs = scoring.Jobs(
        ids=np.arange(n_jobs),
        skills=scoring.sparse_rows(rows(n_jobs, 12, s), s),
        occupations=scoring.sparse_rows(job_occ, o),
        occupation_groups=scoring.sparse_rows(
            [[esco["group_of"][x[0]]] for x in job_occ], esco["n_groups"]
        ),
        municipalities=scoring.sparse_rows([[int(x)] for x in gen.integers(10, 200, n_jobs)], 1000),
        regions=scoring.sparse_rows([[int(x)] for x in gen.integers(1, 20, n_jobs)], 100),
        remote=gen.random(n_jobs) < 0.1,
        languages=np.where(gen.random((n_jobs, len(LANGS))) < 0.3, 3, 0).astype(np.int8),
        age_days=gen.integers(0, 60, n_jobs).astype(np.float32),
        language_codes=LANGS,
    )
    services = scoring.Services(
        ids=np.arange(n_services),
        skills=scoring.sparse_rows(rows(n_services, 8, s), s),
        occupations=scoring.sparse_rows(rows(n_services, 2, o), o),
        occupation_groups=scoring.sparse_rows(
            rows(n_services, 2, esco["n_groups"]), esco["n_groups"]
        ),
        municipalities=scoring.sparse_rows(rows(n_services, 3, 1000), 1000),
        regions=scoring.sparse_rows(rows(n_services, 1, 100), 100),
        nationwide=gen.random(n_services) < 0.2,
        delivery=gen.integers(0, 3, n_services).astype(np.int8),
        languages=gen.random((n_services, len(LANGS))) < 0.5,
        free=gen.random(n_services) < 0.7,
        target_groups=scoring.sparse_rows(rows(n_services, 2, len(scoring.TARGET_GROUPS)), 10),
        audience=gen.integers(1, 4, n_services).astype(np.int8),
        language_codes=LANGS,
    )
    return jobs, services


def timings(esco):
    jobs, services = synthetic_targets(esco)
    people, _jobs = build(esco)
    subjects = subjects_from(people, esco)
    subjects.gap = subjects.skills.copy()
    one = subjects.take(np.arange(1))
    for _ in range(3):  # warm-up
        scoring.recommend_jobs(one, jobs, k=20)
        scoring.recommend_services(one, services, k=20)
    samples = []
    for i in range(30):
        single = subjects.take(np.arange(i, i + 1))
        start = time.perf_counter()
        scoring.recommend_jobs(single, jobs, k=20)
        scoring.recommend_services(single, services, k=20)
        samples.append((time.perf_counter() - start) * 1000)
    chunk = subjects.take(np.arange(256))
    start = time.perf_counter()
    scoring.recommend_jobs(chunk, jobs, k=20)
    middle = time.perf_counter()
    scoring.recommend_services(chunk, services, k=20)
    per_profile = (time.perf_counter() - start) / 256
    jobs_part = (middle - start) / 256
    samples.sort()
    return {
        "one_profile_vs_100k_jobs_50k_services_ms": {
            "p50": round(statistics.median(samples), 1),
            "p95": round(samples[int(0.95 * len(samples)) - 1], 1),
        },
        "batch_per_profile_ms": round(per_profile * 1000, 2),
        "batch_per_profile_ms_jobs": round(jobs_part * 1000, 2),
        "batch_per_profile_ms_services": round((per_profile - jobs_part) * 1000, 2),
        "projected_full_refresh_300k_profiles_2_cores_min": round(
            per_profile * 300_000 / 2 / 60, 1
        ),
    }


def main():
    esco = load_esco()
    result = {"algorithm_version": scoring.ALGORITHM_VERSION}
    if "--timings" not in sys.argv:
        result.update(quality(esco))
    if "--quality" not in sys.argv:
        result["timings"] = timings(esco)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
