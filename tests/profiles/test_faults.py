"""Failures after commit (issue 14, point 8): with SMTP down a contact request is saved and
mailed later; with the broker down a profile edit is saved, answers at once with the truth,
and the recommendations refresh waits in the outbox until the broker is back."""

from unittest import mock

import pytest
from django.core import mail
from django.utils import translation

from matching.services import REFRESH_NOTICE
from profiles.models import ContactRequest
from tests.factories import PublishedProfileFactory
from tori.models import PendingTask
from tori.queue import pending_tasks_replay


@pytest.mark.django_db(transaction=True)
def test_contact_request__smtp_down_saves_redirects_and_mails_later(
    client, employer, smtp_down, settings
):
    # given
    profile = PublishedProfileFactory(user__preferred_language="en")
    client.force_login(employer)
    # when
    response = client.post(
        f"/fi/profile/candidates/{profile.public_id}/", {"message": "Tervetuloa"}
    )
    # then
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert (contact.profile, contact.requested_by) == (profile, employer)
    assert mail.outbox == []
    assert PendingTask.objects.get().kwargs["to"] == [profile.user.email]
    # and later
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert pending_tasks_replay() == 1
    assert [m.subject for m in mail.outbox] == ["An employer would like to contact you"]


@pytest.mark.django_db(transaction=True)
def test_introduction_edit__broker_down_saves_and_tells_the_refresh_follows(
    client, jobseeker, broker_down
):
    # given
    client.force_login(jobseeker)
    # when: the broker's port is closed (not eager)
    response = client.post(
        "/fi/profile/introduction/", {"headline": "Kokki", "introduction": "Moi!"}
    )
    # then: saved, redirected, the job recorded, the user told
    assert response.status_code == 302
    assert response["Tori-Postponed"] == "matching.recommendations_refresh_profile"
    profile = jobseeker.jobseeker_profile
    profile.refresh_from_db()
    assert profile.headline == "Kokki"
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs) == (
        "matching.recommendations_refresh_profile",
        {"profile_id": profile.pk},
    )
    page = client.get(response["Location"]).content.decode()
    with translation.override("fi"):
        assert str(REFRESH_NOTICE) in page
    # and when the broker is back, the replay runs the refresh
    broker_down()
    with mock.patch("matching.services.recommendations_refresh") as refresh:
        assert pending_tasks_replay() == 1
    refresh.assert_called_once_with(profile=profile)
    assert PendingTask.objects.exists() is False
