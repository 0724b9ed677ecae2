"""Language normalisation for catalogue search — pure functions, no ORM.

Documents and queries go through the same steps, so that a query matches a document when
they share base forms:

* Finnish: Voikko (pyvoikko) base forms plus the parts of compound words, so "hitsaajaksi"
  finds "hitsaaja" and "kehittäjä" finds "ohjelmistokehittäjä";
* Swedish and English: simplemma lemmas ("utbildningar" → "utbildning", "welders" → "welder");
* Swedish compounds: split against simplemma's Swedish dictionary (``swedish_compound``), so
  "svetsare" finds "Svetsarutbildning" and "utvecklare" finds "mjukvaruutvecklare";
* the surface form is always kept, so names and words the analysers don't know still match.

Tokens are lower-case runs of letters and digits only, so nothing typed by a user ever reaches
the database as FTS syntax. Typo tolerance (trigram similarity) is applied by catalog.search
against the vocabulary of indexed tokens, with the pg_trgm formula implemented in
``trigram_similarity`` for databases without pg_trgm.
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("fi", "sv", "en")
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
MIN_PART_LENGTH = 3

_TOKEN = re.compile(r"[^\W_]+")

STOP_WORDS = frozenset(
    # Finnish
    "ja tai sekä on ei se ne että kun jos myös mutta vaan kuin niin sen sitä ovat olla "
    "joka jotka mikä voi voit sinä sinulle hän me te he tämä nämä siitä jossa myös kanssa "
    # Swedish
    "och eller att som är en ett det den de på av för med till om men inte har kan du "
    "vi ni han hon dig sig från när där så också "
    # English
    "and or the a an of for to in on at by with from is are be it this that you your we our "
    "as into can".split()
)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall((text or "").lower())


@lru_cache(maxsize=1)
def _voikko():
    import pyvoikko  # loads a 2-second finite-state dictionary: only when first needed

    return pyvoikko


def _clean(value: str) -> str:
    return value.lower().replace("=", "").replace("-", "").strip()


@lru_cache(maxsize=200_000)
def finnish_analyses(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(base form, compound parts) for each of Voikko's readings with the fewest parts."""
    analyses = _voikko().analyse(word)
    if not analyses:
        return ()
    fewest = min(len(a.COMPOUND_PARTS or ()) for a in analyses)
    readings = []
    for analysis in analyses:
        parts = analysis.COMPOUND_PARTS or ()
        if len(parts) != fewest:
            continue
        base = analysis.BASEFORM or ""
        part_forms = [_clean(p.BASEFORM or p.FORM or "") for p in parts]
        if not parts and "=" in base:  # "maahan=muuttaja": lexicalised compound
            part_forms = [_clean(p) for p in base.split("=")]
        part_forms = tuple(p for p in part_forms if len(p) >= MIN_PART_LENGTH)
        reading = (_clean(base), part_forms if len(part_forms) > 1 else ())
        if reading[0] and reading not in readings:
            readings.append(reading)
    return tuple(readings)


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=lang).lower()


SV_MIN_COMPOUND_LENGTH = 7
SV_MIN_HEAD = 3
SV_MIN_TAIL = 4
SV_MAX_PARTS = 3
# a dictionary word that is one letter plus a suffix is the suffix of the whole word:
# "värderare" is not "värde" + "rare", nor "spinnare" "spin" + "nare"
_SV_SUFFIXES = frozenset(("are", "ande", "ende", "ning", "else", "het", "ing", "erare"))


@lru_cache(maxsize=200_000)
def _sv_known(word: str) -> bool:
    import simplemma

    return simplemma.is_known(word, lang="sv")


def _sv_head_forms(head: str) -> tuple[str, ...]:
    """Dictionary forms of the first part of a Swedish compound, most likely first; empty
    when the part is not a word. Joints: linking -s ("arbets-" → "arbete" via the lemma,
    "informations-" → "information"), -u/-o/-e for -a ("mjukvaru-" → "mjukvara") and the
    agent noun that drops its -e ("svetsar-" → "svetsare")."""
    candidates = []
    if head.endswith("ar") and _sv_known(head + "e"):
        candidates.append(head + "e")
    if head.endswith("s") and len(head) > SV_MIN_HEAD and _sv_known(head[:-1]):
        candidates.append(head[:-1])
    if head[-1] in "uoe" and _sv_known(head[:-1] + "a"):
        candidates.append(head[:-1] + "a")
    if _sv_known(head):
        candidates += [lemma(head, "sv"), head]
    return tuple(dict.fromkeys(c for c in candidates if len(c) >= SV_MIN_HEAD))


@lru_cache(maxsize=200_000)
def swedish_compound(word: str, max_parts: int = SV_MAX_PARTS) -> tuple[tuple[str, ...], ...]:
    """The parts of a Swedish compound word, each part as its forms (canonical form first),
    or () for a word that does not split into dictionary words. Of the cuts into two
    dictionary words the most balanced one wins ("maskin" + "förare", not "mask" +
    "införare"); at a linking -s the -s goes with the first part ("nyhets" + "ankare", not
    "nyhet" + "sankare"). The parts may split again, up to ``max_parts`` parts."""
    if len(word) < SV_MIN_COMPOUND_LENGTH or max_parts < 2 or not word.isalpha():
        return ()
    best: tuple[tuple[int, int], tuple[tuple[str, ...], ...]] | None = None
    for cut in range(SV_MIN_HEAD, len(word) - SV_MIN_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if not _sv_known(tail) or tail[1:] in _SV_SUFFIXES:
            continue
        if tail.startswith("s") and len(tail) > SV_MIN_TAIL and _sv_known(tail[1:]):
            continue  # the next cut puts the linking -s with the first part
        forms = _sv_head_forms(head)
        head_parts = (forms,) if forms else swedish_compound(head, max_parts - 1)
        if not head_parts:
            continue
        score = (min(len(head), len(tail)), len(tail))
        if best is None or score > best[0]:
            best = (score, head_parts + ((tail,),))
    if best is None:
        return ()
    *head_parts, (tail,) = best[1]
    tail_parts = swedish_compound(tail, max_parts - len(head_parts)) or (
        tuple(dict.fromkeys([lemma(tail, "sv"), tail])),
    )
    return (*head_parts, *tail_parts)
    for cut in range(SV_MIN_HEAD, len(word) - SV_MIN_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if not _sv_known(tail):
            continue
        if tail.startswith("s") and _sv_known(tail[1:]) and len(tail) > SV_MIN_TAIL:
            continue  # the next cut puts the linking -s with the first part
        if tail[1:] in _SV_SUFFIXES:
            continue
        forms = _sv_head_forms(head)
        if forms:
            head_parts: tuple[tuple[str, ...], ...] = (forms,)
        else:
            head_parts = swedish_compound(head, max_parts - 1)
            if not head_parts:
                continue
        tail_parts = swedish_compound(tail, max_parts - len(head_parts)) or (
            tuple(dict.fromkeys([lemma(tail, "sv"), tail])),
        )
        return (*head_parts, *tail_parts)
    return ()


def word_forms(word: str, lang: str) -> set[str]:
    """Every index token for one word of a document written in `lang`."""
    forms = {word}
    if lang == "fi":
        for base, parts in finnish_analyses(word):
            forms.add(base)
            forms.update(parts)
    else:
        forms.add(lemma(word, lang))
    if lang == "sv":
        for part in swedish_compound(word):
            forms.update(part)
    return {f for f in forms if f}


def document_tokens(text: str, lang: str) -> list[str]:
    """The normalised search document of a text, as ordered unique tokens."""
    seen: dict[str, None] = {}
    for word in tokenize(text):
        if word in STOP_WORDS:
            continue
        for form in sorted(word_forms(word, lang)):
            seen.setdefault(form, None)
    return list(seen)


def query_groups(query: str) -> list[list[tuple[str, ...]]]:
    """A query as AND-ed groups (one per word) of OR-ed alternatives; an alternative is a
    tuple of tokens that must all be present (the parts of a Finnish or Swedish compound)."""
    groups: list[list[tuple[str, ...]]] = []
    for word in tokenize(query[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]:
        if word in STOP_WORDS:
            continue
        alternatives: list[tuple[str, ...]] = [(word,)]
        for base, parts in finnish_analyses(word):
            alternatives.append((base,))
            if parts:
                alternatives.append(parts)
        for lang in ("sv", "en"):
            alternatives.append((lemma(word, lang),))
        parts = swedish_compound(word)
        if parts:
            alternatives.append(tuple(forms[0] for forms in parts))
        unique = list(dict.fromkeys(a for a in alternatives if all(a)))
        if unique not in groups:
            groups.append(unique)
    return groups


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams / all trigrams of the two words."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
