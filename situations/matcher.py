"""Free text → life-situation packages, with the words that carried each match.

Pure Python over plain data (no Django), built on the skill recommender's language machinery:
``skills.text`` cleans, normalises and detects fi/sv/en, and ``skills.engine``'s simplemma
lemmatiser turns inflected forms ("työttömäksi", "flyttade") into base forms. Each package is
a small document of its curated keywords and example phrases in all three languages; terms
are weighted with TF-IDF across the packages (a word many packages share, such as "työ",
counts for little), and a text's score for a package is the cosine between the two vectors.
A query word also matches a package term through a shared stem of six or more letters
("opiskelu" ~ "opiskelupaikka"), with half the weight.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from skills import text as textlib
from skills.engine import FUNCTION_WORDS, _lemma

MAX_CHARS = 2000  # longer texts are read up to this many characters
MIN_SCORE = 0.08
PREFIX = 6
EXTRA_STOPWORDS = frozenset(
    "minä mä olen oon oli olin on ei en että se tämä nyt kun niin vähän aivan "
    "jag är var har inte det jag en mig min mitt nu "
    "i am was have has not it is my me now just so very want would like".split()
)


@dataclass(frozen=True)
class Package:
    key: int
    phrases: dict[str, list[str]]  # language → keywords and example phrases


@dataclass
class Match:
    key: int
    score: float
    matched: list[tuple[str, str]] = field(default_factory=list)  # (user's word, package term)

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(word for word, _term in self.matched))


@dataclass
class Result:
    language: str
    recognised: bool  # the text had words of fi, sv or en that the packages know
    truncated: bool
    matches: list[Match]


def _terms(phrase: str, lang: str) -> list[tuple[str, str]]:
    """(surface word, lemma) pairs of a phrase, function words dropped."""
    pairs = []
    for word in textlib.normalise(phrase).split():
        if len(word) < 2 or word in FUNCTION_WORDS or word in EXTRA_STOPWORDS:
            continue
        lemma = _lemma(word, lang) if len(word) > 2 else word
        if lemma in FUNCTION_WORDS or lemma in EXTRA_STOPWORDS:
            continue
        pairs.append((word, lemma))
    return pairs


class SituationIndex:
    def __init__(self, packages: list[Package]):
        self.keys = [p.key for p in packages]
        self.vectors: list[dict[str, float]] = []
        document_terms = []
        for package in packages:
            counts: Counter[str] = Counter()
            for lang, phrases in package.phrases.items():
                for phrase in phrases:
                    counts.update({lemma for _w, lemma in _terms(phrase, lang)})
            document_terms.append(counts)
        n = len(packages)
        df: Counter[str] = Counter()
        for counts in document_terms:
            df.update(counts.keys())
        self.idf = {term: math.log((1 + n) / (1 + d)) + 1 for term, d in df.items()}
        for counts in document_terms:
            vector = {t: (1 + math.log(c)) * self.idf[t] for t, c in counts.items()}
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            self.vectors.append({t: w / norm for t, w in vector.items()})
        self.by_prefix: dict[str, set[str]] = {}
        for term in self.idf:
            if len(term) >= PREFIX:
                self.by_prefix.setdefault(term[:PREFIX], set()).add(term)

    def _lookup(self, word: str, lemma: str, language: str) -> list[tuple[str, float]]:
        """Package terms a query word stands for, with the weight of the link. The lemma of
        the detected language comes first; short texts are easily misdetected ("en päässyt"
        looks Swedish), so the other languages' lemmas are tried next."""
        others = [_lemma(word, lang) for lang in textlib.LANGUAGES if lang != language]
        candidates = list(dict.fromkeys([lemma, word, *others]))
        for candidate in candidates:
            if candidate in self.idf:
                return [(candidate, 1.0)]
        for candidate in candidates:
            if len(candidate) >= PREFIX and candidate[:PREFIX] in self.by_prefix:
                return [(term, 0.5) for term in sorted(self.by_prefix[candidate[:PREFIX]])]
        return []

    def match(self, raw: str, limit: int = 4) -> Result:
        cleaned = textlib.clean(raw or "")
        truncated = len(cleaned) > MAX_CHARS
        cleaned = cleaned[:MAX_CHARS]
        language = textlib.detect_language(cleaned)
        query: dict[str, float] = {}
        evidence: dict[str, list[tuple[str, str]]] = {}
        for word, lemma in _terms(cleaned, language):
            for term, weight in self._lookup(word, lemma, language):
                query[term] = max(query.get(term, 0.0), weight * self.idf[term])
                evidence.setdefault(term, []).append((word, term))
        norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        matches = []
        for key, vector in zip(self.keys, self.vectors, strict=True):
            shared = [t for t in query if t in vector]
            if not shared:
                continue
            score = sum(vector[t] * query[t] / norm for t in shared)
            if score < MIN_SCORE:
                continue
            matched = [pair for t in shared for pair in evidence[t]]
            matches.append(Match(key=key, score=round(score, 4), matched=matched))
        matches.sort(key=lambda m: (-m.score, self.keys.index(m.key)))
        return Result(
            language=language,
            recognised=bool(query),
            truncated=truncated,
            matches=matches[:limit],
        )
