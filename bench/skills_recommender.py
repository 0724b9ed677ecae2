"""Benchmark of the skill recommender on the imported ESCO data; prints JSON.

Evaluation sets built from the data (seeded, reproducible):
* fi_alt_label: Finnish alternative label of an occupation → that occupation. "indexed" uses
  the production index (alt labels are indexed); "held_out" rebuilds the index without the
  queried alt labels, so the label has to be matched by morphology and partial overlap.
* en_alt_label: the same for English (held out).
* fi_description: the first sentence of an occupation's Finnish description → occupation.
* occupation_skills: an occupation's Finnish description → its linked skills (recall@20 of
  skills among the suggestions, held-out occupations' descriptions are never indexed).
Latency: a ~2-page Finnish CV assembled from descriptions, after warm-up, p50/p95.
Baseline: naive case-insensitive substring matching of preferred labels, same queries.

Run: .venv/bin/python bench/skills_recommender.py  (needs `manage.py import_reference`)."""

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tori.settings.base")

import django  # noqa: E402

django.setup()

from skills import index_store  # noqa: E402
from skills.engine import OCCUPATION, SKILL, Concept, SkillIndex  # noqa: E402

SAMPLE = 400
random.seed(20261128)


def evaluate(index, pairs, *, language, k=5, kinds=(SKILL, OCCUPATION)):
    hits, reciprocal = 0, 0.0
    for query, target in pairs:
        uris = [
            s.uri
            for s in index.suggest(query, language=language, limit=k, kinds=kinds, implied=False)
        ]
        if target in uris:
            hits += 1
            reciprocal += 1 / (uris.index(target) + 1)
    return {
        "n": len(pairs),
        "recall@5": round(hits / len(pairs), 3),
        "mrr": round(reciprocal / len(pairs), 3),
    }


def baseline(concepts, pairs, *, language, k=5):
    labels = [(c.uri, (c.labels.get(language) or "").lower()) for c in concepts]
    hits, reciprocal = 0, 0.0
    for query, target in pairs:
        q = query.lower()
        found = [u for u, label in labels if label and (label in q or q in label)]
        found.sort(key=lambda u: 0)
        uris = found[:k]
        if target in uris:
            hits += 1
            reciprocal += 1 / (uris.index(target) + 1)
    return {
        "n": len(pairs),
        "recall@5": round(hits / len(pairs), 3),
        "mrr": round(reciprocal / len(pairs), 3),
    }


def held_out(concepts, language):
    """Concepts minus one alt label per sampled occupation, and the removed (label, uri)."""
    candidates = [
        i for i, c in enumerate(concepts) if c.kind == OCCUPATION and c.alt_labels.get(language)
    ]
    chosen = set(random.sample(candidates, min(SAMPLE, len(candidates))))
    pairs, trimmed = [], []
    for i, c in enumerate(concepts):
        if i in chosen:
            alts = list(c.alt_labels[language])
            label = alts.pop(random.randrange(len(alts)))
            pairs.append((label, c.uri))
            c = Concept(c.uri, c.kind, c.labels, {**c.alt_labels, language: alts})
        trimmed.append(c)
    return trimmed, pairs


def main():
    from reference.models import EscoOccupation

    started = time.perf_counter()
    index_store.reset_index()
    version = index_store.data_version()
    cache = index_store._cache_path(version)
    cache.unlink(missing_ok=True)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = index_store.get_index()
    cold_build = time.perf_counter() - started
    index_store.reset_index()
    started = time.perf_counter()
    index = index_store.get_index()
    cached_load = time.perf_counter() - started
    concepts, links = index_store.load_concepts()

    seen_fi = [
        (a, c.uri) for c in concepts if c.kind == OCCUPATION for a in c.alt_labels.get("fi", [])
    ]
    seen_fi = random.sample(seen_fi, min(SAMPLE, len(seen_fi)))
    results = {"fi_alt_label_indexed": evaluate(index, seen_fi, language="fi")}
    results["fi_alt_label_indexed_baseline"] = baseline(concepts, seen_fi, language="fi")

    for language in ("fi", "en"):
        trimmed, pairs = held_out(concepts, language)
        held_index = SkillIndex.build(trimmed, links, version="bench")
        results[f"{language}_alt_label_held_out"] = evaluate(held_index, pairs, language=language)
        results[f"{language}_alt_label_held_out_baseline"] = baseline(
            concepts, pairs, language=language
        )

    descriptions = list(
        EscoOccupation.objects.exclude(description_fi="").values_list("uri", "description_fi")
    )
    sample = random.sample(descriptions, min(SAMPLE, len(descriptions)))
    first_sentences = [(d.split(". ")[0], u) for u, d in sample]
    results["fi_description_first_sentence"] = evaluate(index, first_sentences, language="fi")
    results["fi_description_first_sentence_baseline"] = baseline(
        concepts, first_sentences, language="fi"
    )

    by_occupation = {}
    for o, s in links:
        by_occupation.setdefault(o, set()).add(s)
    recalls = []
    for uri, description in sample[:100]:
        wanted = by_occupation.get(uri)
        if not wanted:
            continue
        got = {s.uri for s in index.suggest(description, language="fi", limit=20, kinds=(SKILL,))}
        recalls.append(len(got & wanted) / min(len(wanted), 20))
    results["fi_description_to_linked_skills_recall@20"] = round(statistics.mean(recalls), 3)

    # latency: ~2 pages (≈ 900 words) of Finnish CV-like text, 30 different CVs
    texts = [d for _, d in descriptions]
    cvs = []
    for _ in range(30):
        words, parts = 0, []
        while words < 900:
            part = random.choice(texts)
            parts.append(part)
            words += len(part.split())
        cvs.append("\n\n".join(parts))
    for cv in cvs[:3]:
        index.suggest(cv, limit=20)
    timings = []
    for cv in cvs:
        t = time.perf_counter()
        index.suggest(cv, limit=20)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    short = []
    for query, _ in seen_fi[:200]:
        t = time.perf_counter()
        index.suggest(query, limit=10)
        short.append((time.perf_counter() - t) * 1000)
    short.sort()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "data_version": version,
                "concepts": len(index.concepts),
                "labels_indexed": len(index.label_text),
                "build_seconds_cold": round(cold_build, 1),
                "load_seconds_from_cache": round(cached_load, 2),
                "index_memory_mb": round(index.memory_bytes() / 1e6, 1),
                "process_max_rss_mb": round(rss_after / 1024, 1),
                "process_max_rss_mb_before_index": round(rss_before / 1024, 1),
                "cache_file_mb": round(cache.stat().st_size / 1e6, 1),
                "latency_cv_2_pages_ms": {
                    "p50": round(timings[len(timings) // 2], 1),
                    "p95": round(timings[int(len(timings) * 0.95) - 1], 1),
                    "words": 900,
                },
                "latency_short_query_ms": {
                    "p50": round(short[len(short) // 2], 1),
                    "p95": round(short[int(len(short) * 0.95)], 1),
                },
                "quality": results,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
