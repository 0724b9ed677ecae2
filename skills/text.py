"""Pure text helpers for the recommender: normalisation, sentence segmentation and language
detection for Finnish, Swedish and English. No Django imports."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LANGUAGES = ("fi", "sv", "en")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?;:•·])\s+|\n\s*\n|\n(?=\s*[-*•·–])|\s*[•·]\s*|\n")

# Frequent function words; a few dozen per language separate fi/sv/en reliably.
_STOPWORDS = {
    "fi": set(
        "ja on ei ole olen oli olin että se ne ovat kanssa sekä myös mutta tai kun jos joka "
        "jotka mitä minä minun me te he hän siitä sen sitä niin kuin vain tämä tässä nyt "
        "olla ollut olleet vuotta vuoden työ työssä työt osaan osaaminen kokemus kokemusta "
        "hyvin paljon erityisesti lisäksi toiminut työskennellyt".split()
    ),
    "sv": set(
        "och är att det som en ett på för med av till den har jag vi inte om men eller kan "
        "var de sig från vid även mina min mitt också under arbetat arbete erfarenhet år "
        "inom bland annat samt där här när hos utan ska skulle".split()
    ),
    "en": set(
        "and the of to in a is for on with as at by an be this that from have has i my we "
        "our are was were it or not also worked working experience years year skills "
        "including such other which their".split()
    ),
}
_LETTER_HINTS = {"fi": set("äö"), "sv": set("åäö"), "en": set()}


@dataclass(frozen=True)
class Segment:
    """A sentence-like piece of the input with its offset in the normalised text."""

    text: str
    start: int


def clean(text: str) -> str:
    """NFKC, drop control characters (keep newlines), collapse runs of spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def has_words(text: str) -> bool:
    """True when the text has at least one word of two or more letters."""
    return any(len(w) >= 2 for w in words(text))


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces; hyphens split compounds' parts."""
    return " ".join(
        w.replace("-", " ").replace("'", "").replace("’", "") for w in words(text.lower())
    )


def segments(text: str, max_words: int = 24, stride: int = 16) -> list[Segment]:
    """Split into sentences and list items; long sentences become overlapping windows so that
    each piece of evidence stays short."""
    result: list[Segment] = []
    position = 0
    for part in _SENTENCE_END.split(text):
        if not part:
            continue
        start = text.find(part, position)
        position = start + len(part) if start >= 0 else position
        part = part.strip()
        if not has_words(part):
            continue
        tokens = list(_WORD.finditer(part))
        if len(tokens) <= max_words:
            result.append(Segment(part, max(start, 0)))
            continue
        for first in range(0, len(tokens), stride):
            window = tokens[first : first + max_words]
            begin, end = window[0].start(), window[-1].end()
            result.append(Segment(part[begin:end], max(start, 0) + begin))
            if first + max_words >= len(tokens):
                break
    return result


def detect_language(text: str, default: str = "fi") -> str:
    """fi, sv or en by function-word counts, with å/ä/ö as a tie-breaker."""
    tokens = [w.lower() for w in words(text[:20000])]
    if not tokens:
        return default
    scores = {lang: sum(1 for t in tokens if t in stop) for lang, stop in _STOPWORDS.items()}
    letters = set(text[:20000].lower())
    if "å" in letters:
        scores["sv"] += 0.5
    elif letters & _LETTER_HINTS["fi"]:
        scores["fi"] += 0.5
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default
