"""A matching refresh survives the loss of the worker process running it.

acks_late + reject_on_worker_lost: the message is acknowledged only after the task finished,
and when the child process dies (SIGKILL, out of memory) it is rejected back to the queue
instead of being lost. The task is idempotent, so running it again is safe. Runs with a real
worker on Redis and PostgreSQL (never eager); a test-only setting makes the task wait before
writing so that it can be killed in the middle."""

import os
import signal
import time

import pytest
from django.conf import settings
from django.db import transaction

from matching import services
from matching.models import Recommendation
from profiles.models import ProfileOccupation, ProfileSkill
from tests.factories import (
    EscoOccupationFactory,
    EscoSkillFactory,
    JobAdFactory,
    PublishedProfileFactory,
)
from tests.integration import workers
from tori.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


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
    first = workers.start_worker("matching-first", MATCHING_REFRESH_DELAY_SECONDS="6")
    request.addfinalizer(lambda: workers.stop(first))

    # when: the refresh is scheduled after commit, and its process is killed mid-task
    with transaction.atomic():
        services.recommendations_schedule_refresh(profile=profile)
    child = workers.active_child_pid()
    os.kill(child, signal.SIGKILL)
    assert Recommendation.objects.filter(subject_profile=profile).exists() is False
    time.sleep(2)  # the parent notices the lost child and rejects the message to the queue
    workers.stop(first)
    second = workers.start_worker("matching-second", MATCHING_REFRESH_DELAY_SECONDS="6")
    request.addfinalizer(lambda: workers.stop(second))

    # then: the message was not lost — the job is done
    assert workers.wait_for_rows(profile) > 0
    recommendation = Recommendation.objects.get(subject_profile=profile, kind="job")
    assert recommendation.target_job_ad.occupation == occupation
