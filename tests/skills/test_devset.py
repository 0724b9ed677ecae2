"""The skill-sentence development set is well-formed, and the bench scores as documented."""

import csv
import gzip
import importlib.util
import io
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "skills" / "devset" / "skill_sentences.jsonl"
ESCO_SKILLS = ROOT / "reference" / "data" / "esco" / "skills.csv.gz"


@pytest.fixture(scope="module")
def items():
    with DATA.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_every_line_has_the_documented_fields(items):
    allowed = {"id", "lang", "kind", "split", "text", "skills", "note"}
    for item in items:
        assert set(item) - allowed == set(), item["id"]
        assert {"id", "lang", "kind", "split", "text", "skills"} <= set(item), item
        assert item["lang"] in ("fi", "sv", "en"), item["id"]
        assert item["kind"] in ("job_ad", "cv"), item["id"]
        assert item["split"] in ("tune", "test"), item["id"]
        assert item["id"].startswith(item["lang"] + "-"), item["id"]
        assert item["text"] == item["text"].strip(), item["id"]
        assert len(item["text"]) >= 10, item["id"]
        assert 1 <= len(item["skills"]) <= 4, item["id"]
        assert len(set(item["skills"])) == len(item["skills"]), item["id"]


def test_sizes_per_language(items):
    counts = Counter(item["lang"] for item in items)
    assert counts["fi"] >= 120
    assert counts["sv"] >= 90
    assert counts["en"] >= 120
    assert len(items) >= 330
    kinds = Counter((item["lang"], item["kind"]) for item in items)
    for lang in ("fi", "sv", "en"):
        assert kinds[(lang, "job_ad")] >= 30, lang
        assert kinds[(lang, "cv")] >= 30, lang


def test_ids_and_texts_are_unique(items):
    assert len({item["id"] for item in items}) == len(items)
    texts = Counter(item["text"].casefold() for item in items)
    assert [text for text, n in texts.items() if n > 1] == []


def test_splits_are_halves_per_language(items):
    for lang in ("fi", "sv", "en"):
        splits = Counter(item["split"] for item in items if item["lang"] == lang)
        assert abs(splits["tune"] - splits["test"]) <= 1, (lang, splits)


def test_every_skill_uri_is_an_esco_skill_in_the_repository(items):
    with gzip.open(ESCO_SKILLS, "rb") as handle:
        known = {row["uri"] for row in csv.DictReader(io.TextIOWrapper(handle, "utf-8"))}
    unknown = {uri for item in items for uri in item["skills"] if uri not in known}
    assert unknown == set()


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_skill_sentences", ROOT / "bench" / "skill_sentences.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rp_at_5_and_reciprocal_rank():
    bench = _bench()
    assert bench.rp_and_rr(["a", "x", "b"], ["a", "b"]) == (1.0, 1.0)
    assert bench.rp_and_rr(["x", "y", "b"], ["a", "b"]) == (0.5, 1 / 3)
    assert bench.rp_and_rr(["x", "y", "z", "w", "v", "a"], ["a"]) == (0.0, 0.0)
    gold = ["a", "b", "c", "d", "e", "f", "g"]  # more gold than k: divided by 5
    assert bench.rp_and_rr(["a", "b", "x", "y", "z"], gold) == (0.4, 1.0)


def test_naive_baseline_ranks_labels_by_character_ngrams():
    bench = _bench()
    naive = bench.NaiveCharTfidf(
        [("u1", "operate forklift"), ("u2", "bake goods"), ("u3", "käyttää haarukkatrukkia")]
    )
    assert naive.predict("I operated a forklift")[0] == "u1"
    assert naive.predict("zzzz qqqq") == []
