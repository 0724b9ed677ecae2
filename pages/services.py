"""Writes of the pages app: accessibility feedback, e-mailed to the platform after commit."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.sanitize import clean_text
from pages.forms import MAX_MESSAGE_LENGTH
from pages.models import AccessibilityFeedback
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit


@transaction.atomic
def accessibility_feedback_create(
    *, user, message: str, email: str = "", page_url: str = "", language: str = "fi"
) -> AccessibilityFeedback:
    """Store the feedback and e-mail it to the platform's accessibility contact."""
    message = clean_text(message or "")
    if not message:
        raise ApplicationError(_("Write your feedback."), field="message")
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": MAX_MESSAGE_LENGTH},
            field="message",
        )
    feedback = AccessibilityFeedback.objects.create(
        message=message,
        email=(email or "").strip()[:254],
        page_url=clean_text(page_url or "")[:500],
        language=language if language in ("fi", "sv", "en") else "fi",
        user=user if perms.is_signed_in(user) else None,
    )
    _feedback_mail(feedback)
    return feedback


def _feedback_mail(feedback: AccessibilityFeedback) -> None:
    """Queue the feedback to the accessibility contact, sent after commit."""
    body = "\n".join(
        [
            feedback.message,
            "",
            f"Page: {feedback.page_url or '-'}",
            f"Reply to: {feedback.email or '-'}",
            f"Language: {feedback.language}",
            f"Received: {feedback.created_at.isoformat()}",
        ]
    )
    mail_send_after_commit(
        subject=f"Accessibility feedback #{feedback.pk}",
        body=body,
        to=[settings.TORI_ACCESSIBILITY_EMAIL],
        reply_to=[feedback.email] if feedback.email else None,
    )


@transaction.atomic
def accessibility_feedback_mark_handled(
    *, actor, feedback: AccessibilityFeedback, now=None
) -> bool:
    """A platform administrator marks the feedback answered; returns whether it changed."""
    from django.utils import timezone

    if not perms.is_platform_admin(actor):
        raise ApplicationError(_("Only platform administrators handle feedback."), code="forbidden")
    if feedback.handled_at is not None:
        return False
    feedback.handled_at = now or timezone.now()
    feedback.save(update_fields=["handled_at"])
    return True
