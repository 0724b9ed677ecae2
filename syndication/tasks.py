"""Celery tasks of the syndication app: each feed is imported by its own task, so one broken
or slow feed never stops the others."""

from celery import shared_task
from django.db import OperationalError

from syndication import services
from syndication.models import PartnerFeed


@shared_task(name="syndication.feeds_import_schedule")
def feeds_import_schedule_task() -> int:
    """Beat, hourly: queue one import task per enabled feed."""
    return services.feeds_import_schedule()


@shared_task(
    name="syndication.feed_import",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def feed_import_task(feed_id: int) -> str:
    feed = PartnerFeed.objects.filter(pk=feed_id, enabled=True).first()
    if feed is None:
        return ""
    return services.feed_import(feed=feed).status


@shared_task(
    name="syndication.duplicates_detect",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def duplicates_detect_task() -> int:
    """Beat, hourly: link near-duplicate listed ads to their canonical ad."""
    return services.duplicates_detect()
