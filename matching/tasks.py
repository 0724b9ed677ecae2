"""Celery tasks of the matching app: thin interfaces that load a row by id and call one
service. Every task is idempotent (a recomputation replaces rows), so a redelivery after a
lost worker (acks_late + reject_on_worker_lost) is harmless."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from catalog.models import Service
from jobs.models import JobAd
from matching import services
from profiles.models import EmployerOrganisation, JobseekerProfile

RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_backoff_max": settings.TORI_TASK_RETRY_DELAY_MAX,  # below the visibility timeout
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="matching.recommendations_refresh_profile", **RETRY)
def recommendations_refresh_profile_task(profile_id: int) -> int:
    profile = JobseekerProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        return 0
    return services.recommendations_refresh(profile=profile)


@shared_task(name="matching.recommendations_refresh_job_ad", **RETRY)
def recommendations_refresh_job_ad_task(job_ad_id: int) -> int:
    job_ad = JobAd.objects.filter(pk=job_ad_id).first()
    if job_ad is None:
        return 0
    return services.recommendations_refresh(job_ad=job_ad)


@shared_task(name="matching.recommendations_refresh_organisation", **RETRY)
def recommendations_refresh_organisation_task(organisation_id: int) -> int:
    organisation = EmployerOrganisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    return services.recommendations_refresh(organisation=organisation)


@shared_task(name="matching.recommendations_refresh_service", **RETRY)
def recommendations_refresh_service_task(service_id: int) -> int:
    service = Service.objects.filter(pk=service_id).first()
    if service is None:
        return 0
    return services.recommendations_refresh(service=service)


@shared_task(name="matching.recommendations_refresh_chunk", **RETRY)
def recommendations_refresh_chunk_task(kind: str, first_id: int, last_id: int) -> int:
    """One chunk of the nightly refresh (ids first_id..last_id of profiles, listed job ads or
    organisations)."""
    return services.recommendations_refresh_chunk(kind=kind, first_id=first_id, last_id=last_id)


@shared_task(name="matching.recommendations_refresh_all", **RETRY)
def recommendations_refresh_all_task() -> int:
    """Beat, nightly: prune and queue the chunks of a full refresh."""
    return services.recommendations_schedule_full_refresh()
