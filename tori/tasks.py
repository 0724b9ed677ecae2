import logging
import smtplib

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import connection

from tori import mail, queue

logger = logging.getLogger(__name__)


@shared_task(name="tori.healthcheck", ignore_result=False)
def healthcheck_task() -> dict:
    """Proves a worker is alive and reaches the database (used by monitoring and tests)."""
    from profiles.models import User

    return {"database": connection.vendor, "users": User.objects.count()}


@shared_task(bind=True, name="tori.send_mail", max_retries=8)
def send_mail_task(
    self,
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one rendered e-mail. SMTP failures are retried with a growing delay capped below
    the broker's visibility timeout (TORI_TASK_RETRY_DELAY_MAX); when the retries run out the
    message goes to the outbox (tori.models.PendingTask) and is replayed from there. In eager
    mode the error propagates and the enqueueing helper records it instead."""
    message = {
        "subject": subject,
        "body": body,
        "to": to,
        "reply_to": reply_to or [],
        "headers": headers or {},
    }
    try:
        mail.mail_send(**message)
    except (smtplib.SMTPException, OSError) as error:
        if self.request.is_eager:
            raise
        if self.request.retries >= self.max_retries:
            logger.warning("E-mail %r to %s postponed to the outbox: %r", subject, to, error)
            queue.pending_task_record(name=self.name, kwargs=message, error=repr(error))
            return
        delay = min(30 * 2**self.request.retries, settings.TORI_TASK_RETRY_DELAY_MAX)
        raise self.retry(exc=error, countdown=delay) from None


@shared_task(name="tori.pending_tasks_replay")
def pending_tasks_replay_task() -> int:
    """Beat, every minute, and once when a worker starts: queue the outbox again."""
    return queue.pending_tasks_replay()


@worker_ready.connect
def _replay_when_a_worker_starts(sender=None, **kwargs) -> None:
    """A worker that just started means the broker is reachable: replay the outbox soon."""
    try:
        pending_tasks_replay_task.delay()
    except Exception:  # noqa: BLE001 - the beat schedule replays it anyway
        logger.exception("Could not queue the outbox replay at worker start")
