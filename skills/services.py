"""Writes of the skill recommender: suggestion runs and the jobseeker's decisions."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from matching import services as matching_services
from profiles import services as profile_services
from profiles.models import ProfileItemSource, ProfileOccupation, ProfileSkill
from reference.models import EscoOccupation, EscoSkill
from skills import extraction, selectors, tasks
from skills.engine import OCCUPATION, SKILL
from skills.messages import error_message
from skills.models import SkillSuggestionRun
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.queue import enqueue_on_commit

RUN_SUGGESTION_LIMIT = 20
# Shown when the broker is down and the analysis waits in the outbox (tori.queue).
ANALYSIS_NOTICE = _("Saved. Your CV is queued for analysis and will be analysed shortly.")


def _require_recommender(user) -> None:
    if not perms.can_use_skill_recommender(user):
        raise ApplicationError(error_message("not_allowed"), code="not_allowed")


@transaction.atomic
def suggestion_run_create_from_text(
    *, user, text: str, language: str | None = None, ui_language: str = "fi"
) -> SkillSuggestionRun:
    """Analyse typed text straight away (it takes milliseconds) and keep the suggestions."""
    _require_recommender(user)
    result = selectors.skill_suggestions(
        text=text, language=language, ui_language=ui_language, limit=RUN_SUGGESTION_LIMIT
    )
    return SkillSuggestionRun.objects.create(
        user=user,
        source=SkillSuggestionRun.Source.TEXT,
        status=SkillSuggestionRun.Status.DONE,
        language=result["language"],
        text=result["text"],
        result=result["suggestions"],
    )


@transaction.atomic
def suggestion_run_create_from_file(
    *, user, name: str, data: bytes, language: str | None = None, ui_language: str = "fi"
) -> SkillSuggestionRun:
    """Check the upload now (size, type, encryption, zip bomb) and analyse it in a task."""
    _require_recommender(user)
    selectors.validate_language(language)
    try:
        upload = extraction.inspect_upload(name, data)
    except extraction.ExtractionError as error:
        raise ApplicationError(error_message(error.code), field="file", code=error.code) from None
    run = SkillSuggestionRun(
        user=user,
        source=SkillSuggestionRun.Source.FILE,
        status=SkillSuggestionRun.Status.PENDING,
        language=language or "",
        file_name=name[-255:],
    )
    run.file.save(f"cv.{upload.kind}", ContentFile(upload.data), save=False)
    run.save()
    enqueue_on_commit(
        tasks.suggestion_run_analyse_task,
        notice=ANALYSIS_NOTICE,
        run_id=run.pk,
        ui_language=ui_language,
    )
    return run


def suggestion_run_analyse(*, run: SkillSuggestionRun, ui_language: str = "fi") -> None:
    """Extract the CV's text and rank suggestions; always ends in DONE or FAILED and removes
    the uploaded file. Safe to call again: a finished run is left alone."""
    if run.is_finished:
        return
    _set_status(run, SkillSuggestionRun.Status.RUNNING)
    try:
        with run.file.open("rb") as handle:
            data = handle.read()
        text = extraction.extract_text(run.file_name or run.file.name, data)
        result = selectors.skill_suggestions(
            text=text,
            language=run.language or None,
            ui_language=ui_language,
            limit=RUN_SUGGESTION_LIMIT,
        )
    except extraction.ExtractionError as error:
        _finish(run, status=SkillSuggestionRun.Status.FAILED, error_code=error.code)
        return
    except ApplicationError as error:
        _finish(run, status=SkillSuggestionRun.Status.FAILED, error_code=error.code)
        return
    except OSError:
        _finish(run, status=SkillSuggestionRun.Status.FAILED, error_code="failed")
        return
    _finish(
        run,
        status=SkillSuggestionRun.Status.DONE,
        language=result["language"],
        result=result["suggestions"],
    )


@transaction.atomic
def _set_status(run: SkillSuggestionRun, status: str) -> None:
    run.status = status
    run.save(update_fields=["status", "updated_at"])


@transaction.atomic
def _finish(run: SkillSuggestionRun, *, status: str, error_code: str = "", **fields) -> None:
    if run.file:
        run.file.delete(save=False)
    run.status = status
    run.error_code = error_code
    for name, value in fields.items():
        setattr(run, name, value)
    run.save()


@transaction.atomic
def suggestion_decide(*, run: SkillSuggestionRun, uri: str, accept: bool, actor) -> dict:
    """Accept (add to the jobseeker's profile) or reject one suggestion of a run."""
    if not perms.can_edit_suggestion_run(actor, run):
        raise ApplicationError(error_message("not_allowed"), code="not_allowed")
    item = next((s for s in run.result if s["uri"] == uri), None)
    if item is None:
        raise ApplicationError(error_message("unknown_suggestion"), code="unknown_suggestion")
    if accept:
        profile = profile_services.jobseeker_profile_get_or_create(user=run.user)
        evidence = item.get("evidence", "")[:2000]
        if item["kind"] == SKILL:
            skill = EscoSkill.objects.filter(uri=uri).first()
            if skill is None:
                raise ApplicationError(
                    error_message("unknown_suggestion"), code="unknown_suggestion"
                )
            ProfileSkill.objects.get_or_create(
                profile=profile,
                skill=skill,
                defaults={"source": ProfileItemSource.RECOMMENDER, "evidence": evidence},
            )
        elif item["kind"] == OCCUPATION:
            occupation = EscoOccupation.objects.filter(uri=uri).first()
            if occupation is None:
                raise ApplicationError(
                    error_message("unknown_suggestion"), code="unknown_suggestion"
                )
            ProfileOccupation.objects.get_or_create(
                profile=profile,
                occupation=occupation,
                defaults={"source": ProfileItemSource.RECOMMENDER, "evidence": evidence},
            )
    decision = (
        SkillSuggestionRun.Decision.ACCEPTED if accept else SkillSuggestionRun.Decision.REJECTED
    )
    run.decisions = {**run.decisions, uri: decision.value}
    run.save(update_fields=["decisions", "updated_at"])
    if accept:
        matching_services.recommendations_schedule_refresh(profile=profile)
    return {**item, "decision": decision.value}


@transaction.atomic
def profile_item_remove(*, user, kind: str, uri: str) -> None:
    """Remove a skill or occupation from the user's own profile."""
    _require_recommender(user)
    profile = profile_services.jobseeker_profile_get_or_create(user=user)
    if kind == SKILL:
        ProfileSkill.objects.filter(profile=profile, skill__uri=uri).delete()
    elif kind == OCCUPATION:
        ProfileOccupation.objects.filter(profile=profile, occupation__uri=uri).delete()
    matching_services.recommendations_schedule_refresh(profile=profile)
