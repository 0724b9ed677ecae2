"""A matching refresh survives the loss of the worker process running it.

acks_late + reject_on_worker_lost: the message is acknowledged only after the task finished,
and when the child process dies (SIGKILL, out of memory) it is rejected back to the queue
instead of being lost. The task is idempotent, so running it again is safe. Runs with a real
worker on Redis and PostgreSQL (never eager); a test-only setting makes the task wait before
writing so that it can be killed in the middle."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from matching import services
from matching.models import Recommendation
from profiles.models import ProfileOccupation, ProfileSkill
from tests.factories import (
    EscoOccupationFactory,
    EscoSkillFactory,
    JobAdFactory,
    PublishedProfileFactory,
)
from tori.celery import app

ROOT = Path(__file__).resolve().parents[2]
TASK = "matching.recommendations_refresh_profile"
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start_worker(name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tori.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MATCHING_REFRESH_DELAY_SECONDS": "6",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tori",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{name}-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if any(name in key for reply in replies for key in reply):
            return process
        assert process.poll() is None, "the worker exited while starting"
    raise AssertionError("the worker did not answer")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _active_child_pid(timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        active = app.control.inspect(timeout=1.0).active() or {}
        for tasks in active.values():
            for task in tasks:
                if task["name"] == TASK:
                    return task["worker_pid"]
    raise AssertionError("the refresh task never started")


def _wait_for_rows(profile, timeout: float = 90) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = Recommendation.objects.filter(subject_profile=profile).count()
        if count:
            return count
        time.sleep(0.5)
    return 0


def test_refresh_task__survives_sigkill_of_the_worker_child(request):
    # given: a jobseeker and a fitting job ad, committed where the worker can read them
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.CELERY_TASK_TIME_LIMIT < visibility
    app.control.purge()
    occupation = EscoOccupationFactory()
    skill = EscoSkillFactory()
    profile = PublishedProfileFactory()
    ProfileSkill.objects.create(profile=profile, skill=skill)
    ProfileOccupation.objects.create(profile=profile, occupation=occupation)
    JobAdFactory(occupation=occupation, skills=[skill])
    first = _start_worker("matching-first")
    request.addfinalizer(lambda: _stop(first))

    # when: the refresh is scheduled after commit, and its process is killed mid-task
    with transaction.atomic():
        services.recommendations_schedule_refresh(profile=profile)
    child = _active_child_pid()
    os.kill(child, signal.SIGKILL)
    assert Recommendation.objects.filter(subject_profile=profile).exists() is False
    time.sleep(2)  # the parent notices the lost child and rejects the message to the queue
    _stop(first)
    second = _start_worker("matching-second")
    request.addfinalizer(lambda: _stop(second))

    # then: the message was not lost — the job is done
    assert _wait_for_rows(profile) > 0
    recommendation = Recommendation.objects.get(subject_profile=profile, kind="job")
    assert recommendation.target_job_ad.occupation == occupation
