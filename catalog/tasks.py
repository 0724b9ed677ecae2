"""Celery tasks of the catalogue: thin interfaces that load a row and call one service."""

from celery import shared_task
from django.db import OperationalError

from catalog import services
from catalog.models import Service


@shared_task(
    name="catalog.services_mark_outdated",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def services_mark_outdated_task() -> int:
    """Beat, daily: services not confirmed for six months turn outdated."""
    return services.services_mark_outdated()


@shared_task(
    name="catalog.service_outdated_remind",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def service_outdated_remind_task(service_id: int) -> int:
    service = Service.objects.select_related("provider").filter(pk=service_id).first()
    if service is None or service.status != Service.Status.OUTDATED:
        return 0
    return services.service_outdated_remind(service=service)
