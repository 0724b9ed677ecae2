"""Reads of the skill recommender: suggestions for a text, runs and the profile's items."""

from __future__ import annotations

from django.db.models import QuerySet

from profiles.models import JobseekerProfile, ProfileOccupation, ProfileSkill
from reference.models import EscoOccupation, EscoSkill
from skills import text as textlib
from skills.engine import OCCUPATION, SKILL
from skills.extraction import MAX_TEXT_CHARS
from skills.index_store import get_index
from skills.messages import error_message
from skills.models import SkillSuggestionRun
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.i18n import LocalizedText

MAX_LIMIT = 50


def validate_language(language: str | None) -> str | None:
    if language in (None, ""):
        return None
    if language not in textlib.LANGUAGES:
        raise ApplicationError(
            error_message("unsupported_language"), field="language", code="unsupported_language"
        )
    return language


def validate_text(text: str | None) -> str:
    """The cleaned text, or ApplicationError(field="text") with a translated message."""
    if text is None or not text.strip():
        raise ApplicationError(error_message("empty_text"), field="text", code="empty_text")
    if len(text) > MAX_TEXT_CHARS:
        raise ApplicationError(error_message("text_too_long"), field="text", code="text_too_long")
    cleaned = textlib.clean(text)
    if not textlib.has_words(cleaned):
        raise ApplicationError(error_message("no_words"), field="text", code="no_words")
    return cleaned


def skill_suggestions(
    *, text: str, language: str | None = None, ui_language: str = "fi", limit: int = 10
) -> dict:
    """{"language", "text", "suggestions": [{"uri", "kind", "label", "score", "evidence",
    "matched_words", "implied_by"}]} for free text; raises ApplicationError on bad input."""
    cleaned = validate_text(text)
    language = validate_language(language) or textlib.detect_language(cleaned)
    limit = max(1, min(int(limit), MAX_LIMIT))
    ui_language = ui_language if ui_language in textlib.LANGUAGES else "fi"
    suggestions = get_index().suggest(
        cleaned, language=language, ui_language=ui_language, limit=limit
    )
    return {
        "language": language,
        "text": cleaned,
        "suggestions": [s.as_dict() for s in suggestions],
    }


def suggestion_run_list(*, viewer) -> QuerySet[SkillSuggestionRun]:
    if not perms.can_use_skill_recommender(viewer):
        return SkillSuggestionRun.objects.none()
    return SkillSuggestionRun.objects.filter(user=viewer)


def suggestion_run_get(*, viewer, run_id: int) -> SkillSuggestionRun | None:
    run = SkillSuggestionRun.objects.filter(pk=run_id).select_related("user").first()
    if run is None or not perms.can_view_suggestion_run(viewer, run):
        return None
    return run


def suggestion_run_is_queued(*, run: SkillSuggestionRun) -> bool:
    """Whether the run's analysis waits in the outbox (the broker was down when the CV was
    uploaded): the page then says "queued" instead of showing an analysis in progress."""
    from tori.queue import pending_task_exists

    return run.status == SkillSuggestionRun.Status.PENDING and pending_task_exists(
        name="skills.suggestion_run_analyse", run_id=run.pk
    )


def suggestion_items(*, run: SkillSuggestionRun) -> list[dict]:
    """The run's suggestions with the jobseeker's decision so far (None = undecided), labelled
    in the active language."""
    return localized_items(
        [{**item, "decision": run.decisions.get(item["uri"])} for item in run.result]
    )


def localized_items(items: list[dict]) -> list[dict]:
    """Stored suggestions with their "label" in the active language (a LocalizedText that knows
    when it fell back to another language): a run keeps the labels of the language it was made
    in, and the ESCO data may have gained labels since."""
    uris = {
        kind: [i["uri"] for i in items if i.get("kind") == kind] for kind in (SKILL, OCCUPATION)
    }
    labels = {
        **{s.uri: s.label for s in EscoSkill.objects.filter(uri__in=uris[SKILL])},
        **{o.uri: o.label for o in EscoOccupation.objects.filter(uri__in=uris[OCCUPATION])},
    }
    return [
        {
            **item,
            "label": labels.get(item["uri"])
            or LocalizedText(item.get("label", ""), item.get("label_language", "")),
        }
        for item in items
    ]


def profile_items(*, viewer, profile_user) -> dict:
    """Skills and occupations in `profile_user`'s jobseeker profile, if `viewer` may see it."""
    empty = {"skills": [], "occupations": []}
    profile = JobseekerProfile.objects.filter(user=profile_user).first()
    if profile is None or not perms.can_view_jobseeker_profile(viewer, profile):
        return empty
    skills = (
        ProfileSkill.objects.filter(profile=profile)
        .select_related("skill")
        .order_by("-created_at", "-id")
    )
    occupations = (
        ProfileOccupation.objects.filter(profile=profile)
        .select_related("occupation")
        .order_by("-created_at", "-id")
    )
    return {
        "skills": [
            {
                "uri": s.skill.uri,
                "kind": SKILL,
                "label": s.skill.label,
                "evidence": s.evidence,
                "source": s.get_source_display(),
            }
            for s in skills
        ],
        "occupations": [
            {
                "uri": o.occupation.uri,
                "kind": OCCUPATION,
                "label": o.occupation.label,
                "evidence": o.evidence,
                "source": o.get_source_display(),
            }
            for o in occupations
        ],
    }
