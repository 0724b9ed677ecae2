from celery import shared_task
from django.db import OperationalError

from skills import services
from skills.models import SkillSuggestionRun


@shared_task(
    name="skills.suggestion_run_analyse",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def suggestion_run_analyse_task(run_id: int, ui_language: str = "fi") -> None:
    run = SkillSuggestionRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    services.suggestion_run_analyse(run=run, ui_language=ui_language)
