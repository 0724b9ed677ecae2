"""Failures after commit never become 500s: the enqueueing helper and its outbox, the mail
task, /healthz and the media files (issue 14, point 8). The app-level fault tests (SMTP down,
broker down per endpoint) live next to each app's tests in test_faults.py."""

import importlib
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import clear_url_caches

from tori import queue
from tori.celery import app
from tori.models import PendingTask
from tori.tasks import send_mail_task


@pytest.fixture
def _clear_health_cache():
    from django.core.cache import cache

    cache.delete("tori:healthz:worker")
    yield
    cache.delete("tori:healthz:worker")


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_clear_health_cache")]


def _mail_kwargs(subject="Hei"):
    return {"subject": subject, "body": "Runko", "to": ["anna@example.fi"]}


# --- the helper and the outbox ----------------------------------------------------------------


def test_enqueue_on_commit__queued_after_commit_when_the_broker_works(
    django_capture_on_commit_callbacks,
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            dispatch = queue.enqueue_on_commit(send_mail_task, **_mail_kwargs())
            assert dispatch.state == "waiting"
    # then
    assert dispatch.state == "queued"
    assert [m.subject for m in mail.outbox] == ["Hei"]
    assert PendingTask.objects.exists() is False


def test_enqueue_on_commit__broker_down_records_the_outbox_and_says_postponed(
    broker_down, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = queue.enqueue_on_commit(send_mail_task, notice="Later", **_mail_kwargs())
    # then: nothing raised, the job is kept with its arguments
    assert (dispatch.state, dispatch.postponed) == ("postponed", True)
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs, row.attempts) == (
        "tori.send_mail",
        _mail_kwargs(),
        1,
    )
    assert "Connection refused" in row.last_error
    assert mail.outbox == []


def test_enqueue_on_commit__rolled_back_transaction_queues_nothing(
    broker_down, django_capture_on_commit_callbacks
):
    def write_then_fail():
        with transaction.atomic():
            queue.enqueue_on_commit(send_mail_task, **_mail_kwargs())
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            write_then_fail()
    assert PendingTask.objects.exists() is False


def test_pending_tasks_replay__broker_still_down_keeps_the_row_and_counts(broker_down):
    PendingTask.objects.create(name="tori.send_mail", kwargs=_mail_kwargs())
    assert queue.pending_tasks_replay() == 0
    row = PendingTask.objects.get()
    assert (row.attempts, "Connection refused" in row.last_error) == (2, True)


def test_pending_tasks_replay__broker_back_runs_and_deletes_the_rows(broker_down):
    # given: two jobs postponed while the broker was down
    for subject in ("Yksi", "Kaksi"):
        queue.pending_task_record(name="tori.send_mail", kwargs=_mail_kwargs(subject))
    # when
    broker_down()  # the broker is back (in-process execution)
    replayed = queue.pending_tasks_replay()
    # then: oldest first
    assert replayed == 2
    assert [m.subject for m in mail.outbox] == ["Yksi", "Kaksi"]
    assert PendingTask.objects.exists() is False


def test_pending_tasks_replay__unknown_task_is_kept_with_the_error():
    PendingTask.objects.create(name="gone.task", kwargs={})
    assert queue.pending_tasks_replay() == 0
    assert PendingTask.objects.get().last_error == "LookupError('no task named gone.task')"


def test_pending_tasks_replay_task__is_scheduled_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["tori-pending-tasks-replay"]
    assert (entry["task"], entry["schedule"]) == ("tori.pending_tasks_replay", 60)
    assert "tori.pending_tasks_replay" in app.tasks


# --- the mail task ----------------------------------------------------------------------------


def test_send_mail_task__smtp_error_in_a_worker_is_retried_below_the_visibility_timeout(
    settings,
):
    # given: a worker-side run (not eager) whose SMTP server refuses
    send = mock.patch("tori.mail.mail_send", side_effect=smtplib.SMTPConnectError(421, "busy"))
    retry = mock.patch.object(send_mail_task, "retry", side_effect=RuntimeError("retry"))
    with send, retry as retried:
        send_mail_task.push_request(is_eager=False, retries=6)
        try:
            with pytest.raises(RuntimeError):
                send_mail_task.run(**_mail_kwargs())
        finally:
            send_mail_task.pop_request()
    # then: retried with the delay capped at half the visibility timeout
    assert retried.call_args.kwargs["countdown"] == settings.TORI_TASK_RETRY_DELAY_MAX == 150
    assert PendingTask.objects.exists() is False


def test_send_mail_task__retries_run_out_the_message_goes_to_the_outbox():
    send = mock.patch("tori.mail.mail_send", side_effect=ConnectionRefusedError(111, "refused"))
    with send:
        send_mail_task.push_request(is_eager=False, retries=send_mail_task.max_retries)
        try:
            send_mail_task.run(**_mail_kwargs(), reply_to=["x@example.fi"])
        finally:
            send_mail_task.pop_request()
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs["subject"], row.kwargs["reply_to"]) == (
        "tori.send_mail",
        "Hei",
        ["x@example.fi"],
    )


def test_send_mail_task__sends_headers_and_reply_to():
    send_mail_task.delay(**_mail_kwargs(), reply_to=["r@example.fi"], headers={"X-A": "1"})
    (message,) = mail.outbox
    assert (message.to, message.reply_to, message.extra_headers) == (
        ["anna@example.fi"],
        ["r@example.fi"],
        {"X-A": "1"},
    )


# --- broker settings --------------------------------------------------------------------------


def test_celery_settings__publishing_fails_fast_and_lost_jobs_return_within_minutes(settings):
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT == 2
    assert settings.CELERY_TASK_PUBLISH_RETRY_POLICY["max_retries"] == 1
    assert settings.CELERY_TASK_IGNORE_RESULT is True
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert (options["visibility_timeout"], options["unacked_restore_interval"]) == (300, 10)
    assert options["unacked_restore_throttle"] == 1
    assert (settings.CELERY_TASK_TIME_LIMIT, settings.CELERY_TASK_SOFT_TIME_LIMIT) == (240, 210)
    assert settings.CELERY_WORKER_DISABLE_PREFETCH is True


# --- /healthz ---------------------------------------------------------------------------------


def test_healthz__embedded_mode_reports_broker_and_worker_not_used(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "not used",
        "worker": "not used",
    }


def test_healthz__broker_down_answers_503(client, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "database": "ok",
        "broker": "down",
        "worker": "down",
    }


def test_healthz__no_worker_answers_503_and_the_check_is_cached(client, broker_down):
    with (
        mock.patch("tori.views._broker_status", return_value="ok"),
        mock.patch.object(app.control, "ping", return_value=[]) as ping,
    ):
        first = client.get("/healthz")
        second = client.get("/healthz")
    assert (first.status_code, second.status_code) == (503, 503)
    assert first.json()["worker"] == "down"
    assert ping.call_count == 1


def test_healthz__broker_and_worker_up_answers_200(client, broker_down):
    with (
        mock.patch("tori.views._broker_status", return_value="ok"),
        mock.patch.object(app.control, "ping", return_value=[{"w@h": {"ok": "pong"}}]),
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}


# --- media ------------------------------------------------------------------------------------


def test_media__uploaded_cv_is_not_served_even_in_debug(client, settings, jobseeker):
    # given: a CV on disk, and the URLs loaded with DEBUG on
    from skills.models import SkillSuggestionRun

    run = SkillSuggestionRun(user=jobseeker, source="file", file_name="cv.txt")
    run.file.save("cv.txt", ContentFile(b"Anna Virtanen, hetu 010101-123N"), save=True)
    settings.DEBUG = True
    import tori.urls

    try:
        importlib.reload(tori.urls)
        clear_url_caches()
        # when
        response = client.get(f"/media/{run.file.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(tori.urls)
        clear_url_caches()
    # then
    assert response.status_code == 404
    assert b"010101-123N" not in response.content


def test_replay_pending_tasks_command__replays_the_outbox():
    from io import StringIO

    from django.core.management import call_command

    queue.pending_task_record(name="tori.send_mail", kwargs=_mail_kwargs("Komento"))
    out = StringIO()
    call_command("replay_pending_tasks", stdout=out)
    assert out.getvalue() == "1 replayed\n"
    assert [m.subject for m in mail.outbox] == ["Komento"]
