"""Near-duplicate job ads: pure functions over plain data (no Django).

An ad is reduced to its normalised title, employer and municipality and the character
5-shingles of its title and text. MinHash signatures (64 hash functions) with banding LSH
(16 bands of 4 rows: pairs with a Jaccard similarity of about 0.5 or more meet in some band)
propose candidate pairs, so the work grows with the number of ads, not with its square. A
candidate is confirmed when the two ads are in the same municipality, their employers match
after normalisation, their titles are similar (token-set Jaccard on normalised words, or
one contains the other) and the TF cosine of their shingles reaches the threshold.
Confirmed pairs are joined into groups (union-find)."""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
COSINE_THRESHOLD = 0.6
TITLE_THRESHOLD = 0.5
_MAX_HASH = np.uint64((1 << 32) - 1)
_rng = np.random.default_rng(20_260_601)
_A = _rng.integers(1, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd
_B = _rng.integers(0, (1 << 63) - 1, size=NUM_PERM, dtype=np.uint64)

_TAG = re.compile(r"<[^>]*>")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_GENDER = re.compile(r"\((?:m/n|m/f|n/m|f/m|m/w|h/f|m/k|k/m)\)|\bm/n\b|\bm/f\b", re.IGNORECASE)
LEGAL_FORMS = frozenset(
    "oy oyj ab abp ky tmi ry ltd inc gmbh plc llc as osk osuuskunta kommandiittiyhtiö "
    "avoin yhtiö aktiebolag".split()
)
TITLE_NOISE = frozenset(
    "haemme haetaan etsimme rekrytoimme we are hiring hiring söker vi rekryterar "
    "uusi new ny avoin open tehtävä position job paikka".split()
)


@dataclass(frozen=True)
class AdText:
    key: int
    title: str
    employer: str
    municipality: str
    text: str
    rank: tuple = ()  # smaller is preferred as the canonical ad of a group


def _plain(value: str) -> str:
    value = html.unescape(_TAG.sub(" ", value or ""))
    value = unicodedata.normalize("NFKC", value).lower()
    return _NON_WORD.sub(" ", value).replace("_", " ").strip()


def normalise_title(title: str) -> str:
    words = _plain(_GENDER.sub(" ", title or "")).split()
    return " ".join(w for w in words if w not in TITLE_NOISE)


def normalise_employer(name: str) -> str:
    return " ".join(w for w in _plain(name).split() if w not in LEGAL_FORMS)


def normalise_text(value: str) -> str:
    return " ".join(_plain(value).split())


def minhash(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature: per hash function the smallest multiply-shift hash of the shingles'
    32-bit CRCs (deterministic across processes, unlike Python's salted hash)."""
    values = hashes.astype(np.uint64)
    if values.size == 0:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    with np.errstate(over="ignore"):
        permuted = (values[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return permuted.min(axis=0)


def title_similarity(a: str, b: str) -> float:
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return 0.0
    if a in b or b in a:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def employers_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or a in b or b in a


@dataclass
class _Prepared:
    ad: AdText
    title: str
    employer: str
    hashes: np.ndarray  # sorted unique 32-bit CRCs of the shingles
    counts: np.ndarray  # how often each occurs
    norm: float


def _prepare(ad: AdText) -> _Prepared:
    title = normalise_title(ad.title)
    text = normalise_text(f"{title} {ad.text}")
    if len(text) >= SHINGLE:
        grams = [text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)]
    else:
        grams = [text] if text else []
    raw = np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32, count=len(grams))
    hashes, counts = np.unique(raw, return_counts=True)
    counts = counts.astype(np.float64)
    return _Prepared(
        ad=ad,
        title=title,
        employer=normalise_employer(ad.employer),
        hashes=hashes,
        counts=counts,
        norm=float(np.sqrt((counts * counts).sum())),
    )


def _cosine(a: _Prepared, b: _Prepared) -> float:
    if not a.norm or not b.norm:
        return 0.0
    _common, ia, ib = np.intersect1d(a.hashes, b.hashes, assume_unique=True, return_indices=True)
    return float((a.counts[ia] * b.counts[ib]).sum()) / (a.norm * b.norm)


def is_duplicate(a: _Prepared, b: _Prepared, threshold: float = COSINE_THRESHOLD) -> float:
    """The text similarity when the two ads are duplicates, else 0."""
    if a.ad.municipality != b.ad.municipality or not employers_match(a.employer, b.employer):
        return 0.0
    if title_similarity(a.title, b.title) < TITLE_THRESHOLD:
        return 0.0
    similarity = _cosine(a, b)
    return similarity if similarity >= threshold else 0.0


def candidate_pairs(prepared: list[_Prepared]) -> set[tuple[int, int]]:
    """Index pairs that share a band of their MinHash signatures."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for index, item in enumerate(prepared):
        bands = minhash(item.hashes).reshape(BANDS, ROWS)
        municipality = item.ad.municipality
        for band, rows in enumerate(bands):
            buckets[(band, municipality, rows.tobytes())].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((first, second))
    return pairs


def find_duplicates(
    ads: list[AdText], threshold: float = COSINE_THRESHOLD
) -> list[tuple[int, list[tuple[int, float]]]]:
    """Groups of duplicates as (canonical key, [(duplicate key, similarity), …]); the
    canonical ad of a group is the one with the smallest ``rank`` (then key)."""
    prepared = [_prepare(ad) for ad in ads]
    parent = list(range(len(prepared)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similarity: dict[int, float] = {}
    for first, second in candidate_pairs(prepared):
        score = is_duplicate(prepared[first], prepared[second], threshold)
        if score:
            a, b = root(first), root(second)
            if a != b:
                parent[b] = a
            similarity[first] = max(similarity.get(first, 0.0), score)
            similarity[second] = max(similarity.get(second, 0.0), score)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(prepared)):
        groups[root(index)].append(index)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (prepared[i].ad.rank, prepared[i].ad.key))
        canonical = prepared[members[0]].ad.key
        result.append(
            (
                canonical,
                [(prepared[i].ad.key, round(similarity.get(i, 0.0), 4)) for i in members[1:]],
            )
        )
    result.sort()
    return result
