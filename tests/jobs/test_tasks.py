import datetime
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone, translation

from jobs import services, tasks
from jobs.models import JobAd, JobAlertDelivery, SavedJobSearch
from tests.factories import JobAdFactory, JobseekerUserFactory, SavedJobSearchFactory

pytestmark = pytest.mark.django_db


def saved_earlier(**kwargs):
    saved = SavedJobSearchFactory(**kwargs)
    SavedJobSearch.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    saved.refresh_from_db()
    return saved


def test_job_ads_expire_task__expires_past_deadline():
    due = JobAdFactory(past_deadline=True)
    assert tasks.job_ads_expire_task() == 1
    due.refresh_from_db()
    assert due.status == JobAd.Status.EXPIRED


def test_saved_search_alerts_schedule__dispatches_after_commit(django_capture_on_commit_callbacks):
    on = saved_earlier()
    saved_earlier(alerts_enabled=False)
    with (
        mock.patch.object(tasks.saved_search_alert_send_task, "delay") as delay,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        assert tasks.saved_search_alerts_schedule_task() == 1
    assert delay.call_count == 0
    for callback in callbacks:
        callback()
    delay.assert_called_once_with(saved_search_id=on.pk)


def test_saved_search_alert__sends_once_in_the_users_language(django_capture_on_commit_callbacks):
    # given
    user = JobseekerUserFactory(preferred_language="sv", email="anna@example.fi")
    saved = saved_earlier(user=user, name="Svetsning", filters={"q": "hitsaaja"})
    match = JobAdFactory(title_fi="Hitsaaja", title_sv="Svetsare", title_en="Welder")
    JobAdFactory(title_fi="Kokki", title_sv="Kock", title_en="Cook")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.saved_search_alert_send_task(saved.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = tasks.saved_search_alert_send_task(saved.pk)
    # then
    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.fi"]
    with translation.override("sv"):
        from django.utils.translation import gettext

        assert gettext("Stop alerts for this search:") in message.body
    assert "Svetsare" in message.body
    assert "Hitsaaja" not in message.body
    assert f"/sv/jobs/{match.pk}/" in message.body
    assert "anna" not in message.extra_headers["List-Unsubscribe"]
    assert list(JobAlertDelivery.objects.values_list("saved_search_id", "job_ad_id")) == [
        (saved.pk, match.pk)
    ]


def test_saved_search_alert__english_user_gets_english(django_capture_on_commit_callbacks):
    user = JobseekerUserFactory(preferred_language="en")
    saved = saved_earlier(user=user, name="Welding", filters={"q": "welder"})
    JobAdFactory(title_fi="Hitsaaja", title_en="Welder")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.saved_search_alert_send_task(saved.pk)
    assert mail.outbox[0].subject == "New job for your search “Welding”"
    assert "Stop alerts for this search:" in mail.outbox[0].body


def test_saved_search_alert__ads_published_before_the_search_are_not_sent(
    django_capture_on_commit_callbacks,
):
    JobAdFactory(title_fi="Hitsaaja", published_at=timezone.now() - datetime.timedelta(days=3))
    saved = saved_earlier()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.saved_search_alert_send_task(saved.pk) == 0
    assert mail.outbox == []
    assert JobAlertDelivery.objects.count() == 0


def test_saved_search_alert__disabled_or_missing_sends_nothing(django_capture_on_commit_callbacks):
    saved = saved_earlier(alerts_enabled=False)
    JobAdFactory(title_fi="Hitsaaja")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.saved_search_alert_send_task(saved.pk) == 0
        assert tasks.saved_search_alert_send_task(999_999) == 0
    assert mail.outbox == []


def test_unsubscribe__token_turns_alerts_off_without_sign_in(
    client, django_capture_on_commit_callbacks
):
    # given
    user = JobseekerUserFactory(email="maija@example.fi")
    saved = saved_earlier(user=user)
    JobAdFactory(title_fi="Hitsaaja")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.saved_search_alert_send_task(saved.pk)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/unsubscribe/" in line)
    path = link[link.index("/fi/") :].strip()
    # then the link carries no personal data
    token = path.rstrip("/").split("/")[-1]
    assert signing.loads(token, salt=services.UNSUBSCRIBE_SALT) == saved.uuid.hex
    assert "maija" not in path
    # when: GET only asks for confirmation
    assert client.get(path).status_code == 200
    saved.refresh_from_db()
    assert saved.alerts_enabled is True
    # when: POST unsubscribes
    response = client.post(path)
    # then
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.alerts_enabled is False
    JobAdFactory(title_fi="Hitsaaja 2")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.saved_search_alert_send_task(saved.pk) == 0
    assert len(mail.outbox) == 1


def test_unsubscribe__forged_token_changes_nothing(client):
    saved = saved_earlier()
    token = services.unsubscribe_token(saved)
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.post(f"/fi/jobs/searches/unsubscribe/{forged}/")
    assert response.status_code == 404
    saved.refresh_from_db()
    assert saved.alerts_enabled is True
