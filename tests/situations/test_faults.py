"""SMTP down: accessibility feedback is saved, answers with a redirect and is e-mailed later
from the outbox (issue 14, point 8)."""

import pytest
from django.core import mail

from pages.models import AccessibilityFeedback
from tori.models import PendingTask
from tori.queue import pending_tasks_replay

URL = "/en/accessibility/"


@pytest.mark.django_db(transaction=True)
def test_feedback__smtp_down_saves_redirects_and_mails_later(client, smtp_down, settings):
    # when
    response = client.post(URL, {"message": "Contrast", "email": "anna@example.fi"})
    # then
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Contrast"
    assert mail.outbox == []
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs["reply_to"]) == ("tori.send_mail", ["anna@example.fi"])
    # and later, with the SMTP server back
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert pending_tasks_replay() == 1
    assert [m.subject for m in mail.outbox] == [f"Accessibility feedback #{feedback.pk}"]
    assert mail.outbox[0].reply_to == ["anna@example.fi"]
