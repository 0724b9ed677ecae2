"""The recommender core: free text → ranked ESCO skills and occupations with evidence.

Pure Python over plain data (no Django): `SkillIndex.build(concepts, links)` makes the
index, `index.suggest(text, ...)` ranks. Two lexical channels are fused:

* characters — TF-IDF over character 3–5-grams inside words. Inflected Finnish forms
  ("hitsaajana") and compounds ("ohjelmistokehittäjä" ⊃ "kehittäjä") share most n-grams
  with the label, so they match without a dictionary lookup per word.
* lemmas — words lemmatised with simplemma (fi/sv/en) and Finnish compounds split at
  known lemmas of the label vocabulary; precise where the character channel is fuzzy.

A label's score in a segment is how much of the label's weight the segment covers, damped
for labels much shorter or longer than what matched; a concept's score is its best label in
its best segment. The segment and the words that carried the match are the evidence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from skills import text as textlib

INDEX_FORMAT = 7  # bump whenever the index layout or build parameters change
SKILL = "skill"
OCCUPATION = "occupation"


@dataclass(frozen=True)
class Concept:
    uri: str
    kind: str  # SKILL or OCCUPATION
    labels: dict[str, str]  # preferred label per language
    alt_labels: dict[str, list[str]] = field(default_factory=dict)

    def label(self, language: str) -> str:
        return self.label_in(language)[0]

    def label_in(self, language: str) -> tuple[str, str]:
        """(label, its language): `language`, else Finnish, English, Swedish (as tori.i18n)."""
        for lang in (language, "fi", "en", "sv"):
            if self.labels.get(lang):
                return self.labels[lang], lang
        return self.uri, ""


@dataclass
class Suggestion:
    uri: str
    kind: str
    label: str
    score: float
    evidence: str
    matched_words: list[str]
    implied_by: str | None = None
    label_language: str = ""

    def as_dict(self) -> dict:
        return {
            "uri": self.uri,
            "kind": self.kind,
            "label": self.label,
            "label_language": self.label_language,
            "score": round(self.score, 4),
            "evidence": self.evidence,
            "matched_words": self.matched_words,
            "implied_by": self.implied_by,
        }


@functools.lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


class _Lemmatiser:
    """Lemmas per language plus Finnish compound splitting against a known-lemma vocabulary."""

    def __init__(self, vocabulary: set[str] | None = None):
        self.vocabulary = vocabulary or set()

    def tokens(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        for word in textlib.normalise(text).split():
            if word in FUNCTION_WORDS:
                continue
            lemma = _lemma(word, lang) if len(word) > 2 else word
            out.append(lemma)
            if lang == "fi" and len(lemma) >= 8:
                out.extend(self._compound_heads(lemma))
        return out

    def _compound_heads(self, lemma: str) -> list[str]:
        # "ohjelmistokehittäjä" → "kehittäjä" when that is a lemma in the label vocabulary
        heads = []
        for cut in range(3, len(lemma) - 3):
            tail = lemma[cut:]
            if tail in self.vocabulary:
                heads.append(tail)
                break
        return heads


FUNCTION_WORDS = frozenset(
    "ja sekä tai eli myös kuten the and or of for in on to with a an as by at from "
    "och eller av för i på till med att som en ett".split()
)


def _analyzer_identity(tokens):
    return tokens


class SkillIndex:
    """Label matrices for both channels plus what is needed to explain a match."""

    def __init__(self):
        self.concepts: list[Concept] = []
        self.label_concept: np.ndarray = np.zeros(0, dtype=np.int32)
        self.label_lang: list[str] = []
        self.label_text: list[str] = []
        self.label_preferred: np.ndarray = np.zeros(0, dtype=bool)
        self.occupation_skills: dict[int, list[int]] = {}
        self.char_vectorizer = None  # sklearn TfidfVectorizer
        self.lemma_vectorizer = None
        # squared L2-normalised label weights, label-major (for candidate rows) and transposed
        self.char_weights = None
        self.char_weights_t = None
        self.lemma_weights = None
        self.lemma_weights_t = None
        self.label_chars: np.ndarray = np.zeros(0, dtype=np.int32)
        self.label_lang_code: np.ndarray = np.zeros(0, dtype=np.int8)
        self.concept_by_uri: dict[str, int] = {}
        self.lemmatiser = _Lemmatiser()
        self.version = ""

    # --- building -------------------------------------------------------------------------
    @classmethod
    def build(
        cls, concepts: list[Concept], links: list[tuple[str, str]], version: str = ""
    ) -> SkillIndex:
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: only when building

        index = cls()
        index.version = version
        index.concepts = list(concepts)
        by_uri = {c.uri: i for i, c in enumerate(index.concepts)}
        label_concept, preferred = [], []
        for i, concept in enumerate(index.concepts):
            seen: set[tuple[str, str]] = set()
            entries = [(lang, label, True) for lang, label in concept.labels.items()]
            entries += [
                (lang, label, False)
                for lang, labels in concept.alt_labels.items()
                for label in labels
            ]
            for lang, label, is_preferred in entries:
                norm = textlib.normalise(label)
                if not norm or (lang, norm) in seen:
                    continue
                seen.add((lang, norm))
                label_concept.append(i)
                preferred.append(is_preferred)
                index.label_lang.append(lang)
                index.label_text.append(norm)
        index.label_concept = np.asarray(label_concept, dtype=np.int32)
        index.label_preferred = np.asarray(preferred, dtype=bool)
        index.label_chars = np.asarray([len(t) for t in index.label_text], dtype=np.int32)
        index.label_lang_code = np.asarray(
            [textlib.LANGUAGES.index(lang) for lang in index.label_lang], dtype=np.int8
        )
        index.concept_by_uri = by_uri
        if not index.label_text:
            return index  # no ESCO data imported yet: an empty index suggests nothing

        index.char_vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            dtype=np.float32,
            lowercase=False,
            max_df=CHAR_MAX_DF if len(index.label_text) > 1000 else 1.0,
        )
        char_matrix = index.char_vectorizer.fit_transform(index.label_text)
        index.char_weights = _squared(char_matrix)
        index.char_weights_t = index.char_weights.T.tocsr()

        # Finnish lemma vocabulary for compound splitting: heads of at least four letters.
        plain = _Lemmatiser()
        label_lemmas = [
            plain.tokens(t, lang)
            for t, lang in zip(index.label_text, index.label_lang, strict=True)
        ]
        index.lemmatiser = _Lemmatiser(
            {
                w
                for tokens, lang in zip(label_lemmas, index.label_lang, strict=True)
                if lang == "fi"
                for w in tokens
                if len(w) >= 4
            }
        )
        label_lemmas = [
            index.lemmatiser.tokens(t, lang)
            for t, lang in zip(index.label_text, index.label_lang, strict=True)
        ]
        index.lemma_vectorizer = TfidfVectorizer(
            analyzer=_analyzer_identity,
            sublinear_tf=True,
            dtype=np.float32,
        )
        lemma_matrix = index.lemma_vectorizer.fit_transform(label_lemmas)
        index.lemma_weights = _squared(lemma_matrix)
        index.lemma_weights_t = index.lemma_weights.T.tocsr()

        occupation_skills: dict[int, list[int]] = {}
        for occupation_uri, skill_uri in links:
            o, s = by_uri.get(occupation_uri), by_uri.get(skill_uri)
            if o is not None and s is not None:
                occupation_skills.setdefault(o, []).append(s)
        index.occupation_skills = occupation_skills
        return index

    def memory_bytes(self) -> int:
        total = 0
        if not self.label_text:
            return total
        for matrix in (
            self.char_weights,
            self.char_weights_t,
            self.lemma_weights,
            self.lemma_weights_t,
        ):
            total += matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
        total += sum(len(t) for t in self.label_text) * 2
        total += len(self.char_vectorizer.vocabulary_) * 80
        total += len(self.lemma_vectorizer.vocabulary_) * 80
        total += sum(len(c.uri) + sum(len(v) for v in c.labels.values()) for c in self.concepts) * 2
        return total

    # --- ranking --------------------------------------------------------------------------
    def suggest(
        self,
        text: str,
        *,
        language: str | None = None,
        ui_language: str = "fi",
        limit: int = 10,
        kinds: tuple[str, ...] = (SKILL, OCCUPATION),
        implied: bool = True,
    ) -> list[Suggestion]:
        if not self.label_text:
            return []
        cleaned = textlib.clean(text)
        lang = language or textlib.detect_language(cleaned)
        pieces = textlib.segments(cleaned)
        if not pieces:
            return []
        seg_texts = [textlib.normalise(p.text) for p in pieces]
        rows, cols, values = self._segment_scores(seg_texts, lang)

        # Best (score, label, segment) per concept; other segments that mention it add a little.
        results: dict[int, tuple[float, int, int]] = {}
        mentions: dict[int, set[int]] = {}
        for entry in np.argsort(-values, kind="stable"):
            label_idx, seg_idx = int(cols[entry]), int(rows[entry])
            concept_idx = int(self.label_concept[label_idx])
            mentions.setdefault(concept_idx, set()).add(seg_idx)
            if concept_idx not in results:
                results[concept_idx] = (float(values[entry]), label_idx, seg_idx)

        ranked = []
        for concept_idx, (value, label_idx, seg_idx) in results.items():
            bonus = min(len(mentions[concept_idx]) - 1, 3) * 0.02
            ranked.append((min(value + bonus, 1.0), concept_idx, label_idx, seg_idx))
        ranked.sort(key=lambda r: (-r[0], r[1]))

        def make(score, concept_idx, label_idx, seg_idx):
            concept = self.concepts[concept_idx]
            label, label_language = concept.label_in(ui_language)
            return Suggestion(
                uri=concept.uri,
                kind=concept.kind,
                label=label,
                label_language=label_language,
                score=score,
                evidence=pieces[seg_idx].text,
                matched_words=self._matched_words(pieces[seg_idx].text, label_idx),
            )

        direct: list[Suggestion] = []
        for r in ranked:
            if len(direct) >= limit:
                break
            if self.concepts[r[1]].kind in kinds:
                direct.append(make(*r))
        if implied and SKILL in kinds:
            occupations: list[Suggestion] = []
            for r in ranked[: limit * 2]:
                if len(occupations) == 2 or r[0] < IMPLY_SCORE:
                    break
                if self.concepts[r[1]].kind == OCCUPATION:
                    occupations.append(make(*r))
            direct += self._implied_skills(occupations, {s.uri for s in direct}, ui_language, limit)
            direct.sort(key=lambda s: (-s.score, s.implied_by is not None, s.label))
        return direct[:limit]

    def _segment_scores(self, seg_texts: list[str], lang: str):
        """(segment, label, score) triples with score ≥ MIN_SCORE, as three arrays."""
        char_q = self.char_vectorizer.transform(seg_texts)
        char_q.data[:] = 1.0
        lemma_tokens = [self.lemmatiser.tokens(t, lang) for t in seg_texts]
        lemma_q = self.lemma_vectorizer.transform(lemma_tokens)
        lemma_q.data[:] = 1.0
        # A segment covers at most what the whole text covers, so labels the whole text
        # covers too little can be skipped before the per-segment product (exact pruning).
        doc = (
            (char_q.max(axis=0) @ self.char_weights_t) * CHAR_WEIGHT
            + (lemma_q.max(axis=0) @ self.lemma_weights_t) * (1 - CHAR_WEIGHT)
        ).tocsr()
        candidates = doc.indices[doc.data >= MIN_SCORE]
        combined = (
            (char_q @ self.char_weights[candidates].T) * CHAR_WEIGHT
            + (lemma_q @ self.lemma_weights[candidates].T) * (1 - CHAR_WEIGHT)
        ).tocoo()
        keep = combined.data >= MIN_SCORE  # every factor below is at most 1
        rows, cols, values = combined.row[keep], candidates[combined.col[keep]], combined.data[keep]
        # A typed phrase must also be mostly covered by the label: damp big length gaps.
        seg_chars = np.asarray([len(t) for t in seg_texts], dtype=np.float32)[rows]
        label_chars = self.label_chars[cols].astype(np.float32)
        ratio = np.minimum(seg_chars, label_chars) / np.maximum(seg_chars, label_chars)
        values = values * (0.85 + 0.15 * ratio)
        lang_code = textlib.LANGUAGES.index(lang) if lang in textlib.LANGUAGES else -1
        values = values * np.where(self.label_lang_code[cols] == lang_code, 1.0, 0.97)
        values = values * np.where(self.label_preferred[cols], 1.0, 0.98)
        keep = values >= MIN_SCORE
        return rows[keep], cols[keep], values[keep].astype(np.float32)

    def _matched_words(self, segment: str, label_idx: int) -> list[str]:
        """Words of the segment that share most of their character n-grams with the label."""
        label_grams = set(self._grams(self.label_text[label_idx]))
        matched = []
        for word in textlib.words(segment):
            if len(word) < 3:
                continue
            grams = self._grams(textlib.normalise(word))
            if grams and sum(g in label_grams for g in grams) / len(grams) >= 0.5:
                matched.append(word)
        return matched

    def _grams(self, text: str) -> tuple[str, ...]:
        cache = self.__dict__.setdefault("_gram_cache", {})
        grams = cache.get(text)
        if grams is None:
            if len(cache) > 50_000:
                cache.clear()
            grams = cache[text] = tuple(self.char_vectorizer.build_analyzer()(text))
        return grams

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_gram_cache", None)
        return state

    def _implied_skills(
        self, occupations: list[Suggestion], taken: set[str], ui_language: str, limit: int
    ) -> list[Suggestion]:
        """Skills linked in ESCO to the (at most two) clearly recognised occupations."""
        out: list[Suggestion] = []
        for occupation in occupations:
            skill_ids = self.occupation_skills.get(self.concept_by_uri[occupation.uri], [])
            for skill_idx in skill_ids[:IMPLIED_PER_OCCUPATION]:
                skill = self.concepts[skill_idx]
                if skill.uri in taken:
                    continue
                taken.add(skill.uri)
                label, label_language = skill.label_in(ui_language)
                out.append(
                    Suggestion(
                        uri=skill.uri,
                        kind=SKILL,
                        label=label,
                        label_language=label_language,
                        score=occupation.score * IMPLIED_FACTOR,
                        evidence=occupation.evidence,
                        matched_words=occupation.matched_words,
                        implied_by=occupation.uri,
                    )
                )
        return out


MIN_SCORE = 0.35
IMPLY_SCORE = 0.6
IMPLIED_FACTOR = 0.5
IMPLIED_PER_OCCUPATION = 8
CHAR_WEIGHT = 0.45
CHAR_MAX_DF = 0.02  # n-grams in more labels than this carry little and cost the most


def _squared(matrix):
    matrix = matrix.tocsr(copy=True)
    matrix.data = matrix.data**2
    return matrix
