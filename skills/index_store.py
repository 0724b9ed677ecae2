"""The process-wide recommender index: built from the ESCO tables once per data version,
cached on disk under var/skill-index/ (or settings.SKILLS_INDEX_DIR), kept in memory per
process."""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.db.models.functions import Length

from reference.models import EscoOccupation, EscoSkill, OccupationSkill
from skills.engine import INDEX_FORMAT, OCCUPATION, SKILL, Concept, SkillIndex

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: SkillIndex | None = None
_checked_at = 0.0
RECHECK_SECONDS = 60  # a re-import elsewhere is noticed within a minute


def data_version() -> str:
    """Changes whenever the imported ESCO rows change in count, ids or label lengths (in
    every language the index holds, Swedish skill labels included)."""
    skills = EscoSkill.objects.aggregate(
        n=Count("id"),
        top=Max("id"),
        fi=Sum(Length("label_fi")),
        sv=Sum(Length("label_sv")),
        en=Sum(Length("label_en")),
    )
    occupations = EscoOccupation.objects.aggregate(
        n=Count("id"),
        top=Max("id"),
        fi=Sum(Length("label_fi")),
        sv=Sum(Length("label_sv")),
        en=Sum(Length("label_en")),
        alt=Sum(Length("alt_labels_fi")),
        alt_sv=Sum(Length("alt_labels_sv")),
        alt_en=Sum(Length("alt_labels_en")),
    )
    links = OccupationSkill.objects.aggregate(n=Count("id"), top=Max("id"))
    parts = [
        INDEX_FORMAT,
        sorted(skills.items()),
        sorted(occupations.items()),
        sorted(links.items()),
    ]
    raw = "|".join(str(part) for part in parts)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def load_concepts() -> tuple[list[Concept], list[tuple[str, str]]]:
    concepts = [
        Concept(uri=uri, kind=SKILL, labels={"fi": fi, "en": en, "sv": sv})
        for uri, fi, en, sv in EscoSkill.objects.order_by("id").values_list(
            "uri", "label_fi", "label_en", "label_sv"
        )
    ]
    for row in EscoOccupation.objects.order_by("id").values_list(
        "uri", "label_fi", "label_sv", "label_en", "alt_labels_fi", "alt_labels_sv", "alt_labels_en"
    ):
        uri, fi, sv, en, alt_fi, alt_sv, alt_en = row
        concepts.append(
            Concept(
                uri=uri,
                kind=OCCUPATION,
                labels={"fi": fi, "sv": sv, "en": en},
                alt_labels={"fi": _split(alt_fi), "sv": _split(alt_sv), "en": _split(alt_en)},
            )
        )
    links = list(
        OccupationSkill.objects.order_by("id").values_list("occupation__uri", "skill__uri")
    )
    return concepts, links


def _cache_path(version: str) -> Path:
    directory = getattr(settings, "SKILLS_INDEX_DIR", None) or (
        Path(settings.BASE_DIR) / "var" / "skill-index"
    )
    return Path(directory) / f"skill-index-{version}.pickle"


def get_index() -> SkillIndex:
    """The index for the current data: read from the disk cache or built once per process and
    data version; the version is re-checked at most once a minute."""
    global _loaded, _checked_at
    now = time.monotonic()
    if _loaded is not None and now - _checked_at < RECHECK_SECONDS:
        return _loaded
    with _lock:
        version = data_version()
        _checked_at = now
        if _loaded is None or _loaded.version != version:
            _loaded = _load_or_build(version)
        return _loaded


def reset_index() -> None:
    """Forget the in-memory index (after an ESCO import, or in tests)."""
    global _loaded, _checked_at
    with _lock:
        _loaded = None
        _checked_at = 0.0


def _load_or_build(version: str) -> SkillIndex:
    path = _cache_path(version)
    if path.exists():
        try:
            with path.open("rb") as handle:
                index = pickle.load(handle)  # noqa: S301 - our own cache file under var/
            if isinstance(index, SkillIndex) and index.version == version:
                return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
            logger.warning("Rebuilding unreadable skill index cache %s: %s", path, error)
    concepts, links = load_concepts()
    index = SkillIndex.build(concepts, links, version=version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
        for old in path.parent.glob("skill-index-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("Could not cache the skill index at %s: %s", path, error)
    return index
