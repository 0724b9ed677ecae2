"""SMTP down: an expert's decision is saved, answers with a redirect and its e-mail is sent
later from the outbox (issue 14, point 8)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from eservices.models import EserviceItem
from tests.expert.conftest import sign_in
from tori.mail import MAIL_NOTICE
from tori.models import PendingTask
from tori.queue import pending_tasks_replay


@pytest.mark.django_db(transaction=True)
def test_eservice_decide__smtp_down_saves_redirects_and_mails_later(
    client, world, expert, smtp_down, settings
):
    # given
    item = world["item"]
    # when: the SMTP server refuses connections
    response = sign_in(client, expert).post(
        reverse("expert:item-decide", kwargs={"item_id": item.pk}),
        {"decision": "rejected", "reason": "Työsuhde jatkuu."},
    )
    # then: the decision is saved and the expert is told the mail follows
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.decided_by) == (EserviceItem.Status.REJECTED, expert)
    assert mail.outbox == []
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs["to"]) == ("tori.send_mail", [world["profile"].user.email])
    page = client.get(response["Location"]).content.decode()
    with translation.override("fi"):
        assert str(MAIL_NOTICE) in page
    # and when the SMTP server is back, the replay sends it
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert pending_tasks_replay() == 1
    assert [m.to for m in mail.outbox] == [[world["profile"].user.email]]
    assert item.reference in mail.outbox[0].subject
    assert PendingTask.objects.exists() is False
