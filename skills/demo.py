"""Demo step for `make run`: build (or load) the recommender index once so the first
suggestion request is fast. The index is cached under var/skill-index/."""

import time

from reference.models import EscoSkill
from skills.index_store import get_index


def load() -> list[str]:
    if not EscoSkill.objects.exists():
        return ["Skill recommender: no ESCO data imported, index not built."]
    started = time.monotonic()
    index = get_index()
    seconds = time.monotonic() - started
    return [
        f"Skill recommender index ready: {len(index.concepts):,} concepts, "
        f"{len(index.label_text):,} labels ({seconds:.1f} s)."
    ]
