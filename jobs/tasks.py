"""Celery tasks of the jobs app: thin interfaces that load rows and call one service."""

from celery import shared_task
from django.db import OperationalError

from jobs import services
from jobs.models import SavedJobSearch


@shared_task(
    name="jobs.job_ads_expire",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def job_ads_expire_task() -> int:
    """Beat, hourly: published ads past their application deadline become expired."""
    return services.job_ads_expire()


@shared_task(
    name="jobs.saved_search_alerts_schedule",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def saved_search_alerts_schedule_task() -> int:
    """Beat, daily: queue one alert task per saved search with alerts on."""
    return services.saved_search_alerts_schedule()


@shared_task(
    name="jobs.saved_search_alert_send",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def saved_search_alert_send_task(saved_search_id: int) -> int:
    saved_search = SavedJobSearch.objects.filter(pk=saved_search_id).first()
    if saved_search is None:
        return 0
    return services.saved_search_alert_send(saved_search=saved_search)
