"""Skill recommender on Tori's own development set of job-ad and CV sentences; prints JSON.

Data: skills/devset/skill_sentences.jsonl — Finnish, Swedish and English sentences written by
Tori in the style of job ads and CVs, each labelled with the ESCO skills it expresses, split
into "tune" and "test" halves (see skills/devset/README.md).

Systems, in the same run:
* tori: the production index (skills.index_store.get_index(), as behind
  POST /api/v1/skills/suggest) with the text cleaned by the endpoint's validation, the
  sentence's language given, kinds = skills, top 5 (implied skills included as in production).
  "tori_auto_language" is the same with the language detected from the text (API default).
* naive: character 3–5-gram TF-IDF (sklearn, analyzer="char_wb") of the sentence against the
  imported ESCO skill preferred labels in the sentence's language, cosine, top 5. Skills without
  a label in that language (Swedish: the 512 skills ESCO v1.1 added) are matched by their
  Finnish and English labels instead (best of the two per skill); the output says how many.

Metrics per language and split: RP@5 = hits in the top 5 / min(5, gold skills), averaged,
×100; MRR (reciprocal rank of the first gold skill in the top 5, 0 if none), ×100; p50/p95
latency per sentence of tori (after warm-up).

Run: .venv/bin/python bench/skill_sentences.py  (needs `manage.py import_reference`)
     --failures N   also print N failed sentences per language (tori's RP@5 < 1)
     --split tune|test   only that half (default: both, and all)"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tori.settings.base")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from reference.models import EscoSkill  # noqa: E402
from skills import selectors  # noqa: E402
from skills import text as textlib  # noqa: E402
from skills.engine import SKILL  # noqa: E402
from skills.index_store import get_index  # noqa: E402

DATA = ROOT / "skills" / "devset" / "skill_sentences.jsonl"
K = 5
LANGUAGES = ("fi", "sv", "en")


def load(path=DATA):
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rp_and_rr(predicted: list[str], gold: list[str]) -> tuple[float, float]:
    top = predicted[:K]
    wanted = set(gold)
    hits = sum(1 for uri in top if uri in wanted)
    first = next((i for i, uri in enumerate(top) if uri in wanted), None)
    return hits / min(K, len(wanted)), (0.0 if first is None else 1 / (first + 1))


def tori_predict(index, text: str, language: str | None) -> list[str]:
    cleaned = selectors.validate_text(text)
    lang = language or textlib.detect_language(cleaned)
    return [s.uri for s in index.suggest(cleaned, language=lang, limit=K, kinds=(SKILL,))]


class NaiveCharTfidf:
    """Sentence vs preferred labels, char_wb 3–5-grams, cosine; one or more labels per skill."""

    def __init__(self, labelled: list[tuple[str, str]]):
        self.uris = [uri for uri, _ in labelled]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))
        self.matrix = self.vectorizer.fit_transform([label for _, label in labelled])

    def predict(self, text: str) -> list[str]:
        scores = (self.vectorizer.transform([text]) @ self.matrix.T).toarray()[0]
        found: list[str] = []
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0:
                break
            if self.uris[i] not in found:
                found.append(self.uris[i])
                if len(found) == K:
                    break
        return found


def naive_systems() -> tuple[dict[str, NaiveCharTfidf], dict[str, str]]:
    """Per sentence language, the preferred labels in that language; a skill without one
    (Swedish: the 512 skills ESCO v1.1 added) is represented by its Finnish and English
    labels instead, as the index and the pages fall back to them."""
    rows = list(EscoSkill.objects.values_list("uri", "label_fi", "label_sv", "label_en"))
    column = {"fi": 1, "sv": 2, "en": 3}
    systems, sources = {}, {}
    for lang in LANGUAGES:
        labelled = [(r[0], r[column[lang]]) for r in rows if r[column[lang]]]
        missing = [r for r in rows if not r[column[lang]]]
        labelled += [(r[0], r[column[o]]) for o in ("fi", "en") for r in missing if r[column[o]]]
        sources[lang] = f"label_{lang}" + (
            f" (label_fi+label_en for the {len(missing)} skills without one)" if missing else ""
        )
        systems[lang] = NaiveCharTfidf(labelled)
    return systems, sources


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summarise(rows: list[dict]) -> dict:
    def mean(key):
        return round(100 * sum(r[key] for r in rows) / len(rows), 1)

    times = [r["ms"] for r in rows]
    return {
        "n": len(rows),
        "tori": {
            "rp@5": mean("tori_rp"),
            "mrr": mean("tori_rr"),
            "latency_ms": {
                "p50": round(percentile(times, 0.5), 1),
                "p95": round(percentile(times, 0.95), 1),
            },
        },
        "tori_auto_language": {"rp@5": mean("auto_rp"), "mrr": mean("auto_rr")},
        "naive_char_tfidf": {"rp@5": mean("naive_rp"), "mrr": mean("naive_rr")},
        "language_detected_correctly": mean("detected_ok"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0)
    parser.add_argument("--split", choices=("tune", "test"))
    args = parser.parse_args(argv)

    items = [i for i in load() if not args.split or i["split"] == args.split]
    index = get_index()
    naive, sources = naive_systems()
    for item in items[:5]:  # warm-up
        tori_predict(index, item["text"], item["lang"])

    rows = []
    for item in items:
        started = time.perf_counter()
        predicted = tori_predict(index, item["text"], item["lang"])
        elapsed = (time.perf_counter() - started) * 1000
        auto = tori_predict(index, item["text"], None)
        baseline = naive[item["lang"]].predict(item["text"])
        rows.append(
            {
                **item,
                "predicted": predicted,
                "ms": elapsed,
                "tori_rp": rp_and_rr(predicted, item["skills"])[0],
                "tori_rr": rp_and_rr(predicted, item["skills"])[1],
                "auto_rp": rp_and_rr(auto, item["skills"])[0],
                "auto_rr": rp_and_rr(auto, item["skills"])[1],
                "naive_rp": rp_and_rr(baseline, item["skills"])[0],
                "naive_rr": rp_and_rr(baseline, item["skills"])[1],
                "detected_ok": float(
                    textlib.detect_language(textlib.clean(item["text"])) == item["lang"]
                ),
            }
        )

    results = {}
    for lang in LANGUAGES:
        in_lang = [r for r in rows if r["lang"] == lang]
        if not in_lang:
            continue
        results[lang] = {"all": summarise(in_lang)}
        for split in ("tune", "test"):
            part = [r for r in in_lang if r["split"] == split]
            if part:
                results[lang][split] = summarise(part)
    output = {
        "data": str(DATA.relative_to(ROOT)),
        "sentences": len(rows),
        "k": K,
        "naive_labels": sources,
        "results": results,
    }
    if args.failures:
        labels = dict(EscoSkill.objects.values_list("uri", "label_en"))
        output["failures"] = {
            lang: [
                {
                    "id": r["id"],
                    "text": r["text"],
                    "gold": [labels.get(u, u) for u in r["skills"]],
                    "tori": [labels.get(u, u) for u in r["predicted"]],
                }
                for r in rows
                if r["lang"] == lang and r["tori_rp"] < 1
            ][: args.failures]
            for lang in LANGUAGES
        }
    print(json.dumps(output, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
