"""E-mail leaves through one Celery task (`tori.send_mail`), never inside a request: a slow or
down SMTP server then cannot turn a saved write into an error. Callers render the message in
the recipient's language and queue it after commit with `mail_send_after_commit`."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext_lazy as _

from tori.queue import Dispatch, enqueue_on_commit

MAIL_NOTICE = _("Saved. The e-mail notification will be sent shortly.")


def mail_send_after_commit(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    notice=MAIL_NOTICE,
) -> Dispatch:
    from tori.tasks import send_mail_task

    return enqueue_on_commit(
        send_mail_task,
        notice=notice,
        subject=str(subject),
        body=str(body),
        to=list(to),
        reply_to=list(reply_to or []),
        headers=dict(headers or {}),
    )


def mail_send(
    *, subject: str, body: str, to: list[str], reply_to: list[str], headers: dict[str, str]
) -> None:
    """Hand one rendered message to the configured mailer (raises on SMTP errors)."""
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        to,
        reply_to=reply_to or None,
        headers=headers or None,
    ).send()
