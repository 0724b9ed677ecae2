from unittest.mock import patch

import pytest

from matching import services, tasks
from matching.models import Kind, Recommendation
from profiles import services as profile_services
from tests.factories import JobseekerProfileFactory, with_second_factor

pytestmark = pytest.mark.django_db


def test_recommendations_refresh_profile_task__writes_rows(world):
    assert tasks.recommendations_refresh_profile_task(world.profile.pk) > 0
    assert Recommendation.objects.filter(subject_profile=world.profile).exists()


def test_recommendations_refresh_tasks__missing_rows_are_a_quiet_no_op(world):
    assert tasks.recommendations_refresh_profile_task(999_999) == 0
    assert tasks.recommendations_refresh_job_ad_task(999_999) == 0
    assert tasks.recommendations_refresh_organisation_task(999_999) == 0
    assert tasks.recommendations_refresh_service_task(999_999) == 0
    assert Recommendation.objects.exists() is False


def test_recommendations_refresh_job_ad_and_organisation_and_service_tasks(world):
    tasks.recommendations_refresh_job_ad_task(world.job_ad.pk)
    tasks.recommendations_refresh_organisation_task(world.organisation.pk)
    tasks.recommendations_refresh_service_task(world.course.pk)
    assert set(Recommendation.objects.values_list("kind", flat=True)) == {
        Kind.CANDIDATE,
        Kind.SERVICE,
        Kind.JOB,
    }


def test_recommendations_refresh_chunk_task__is_idempotent(world):
    pk = world.profile.pk
    first = tasks.recommendations_refresh_chunk_task("profiles", pk, pk)
    second = tasks.recommendations_refresh_chunk_task("profiles", pk, pk)
    assert first == second == Recommendation.objects.count()


def test_recommendations_refresh_all_task__queues_chunks(world, django_capture_on_commit_callbacks):
    with patch("matching.tasks.recommendations_refresh_chunk_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.recommendations_refresh_all_task() == 3
    assert delay.call_count == 3


def test_tasks__have_explicit_names_and_retry_with_backoff():
    task = tasks.recommendations_refresh_profile_task
    assert task.name == "matching.recommendations_refresh_profile"
    assert task.retry_backoff is True
    assert task.max_retries == 5


def test_recommendations_schedule_refresh__dispatches_after_commit_only(
    world, django_capture_on_commit_callbacks
):
    with patch("matching.tasks.recommendations_refresh_profile_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.recommendations_schedule_refresh(profile=world.profile)
        assert delay.call_count == 0
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(profile_id=world.profile.pk)


def test_recommendations_schedule_refresh__job_ad_also_refreshes_its_organisation(
    world, django_capture_on_commit_callbacks
):
    with (
        patch("matching.tasks.recommendations_refresh_job_ad_task.delay") as job_delay,
        patch("matching.tasks.recommendations_refresh_organisation_task.delay") as org_delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.recommendations_schedule_refresh(job_ad=world.job_ad)
    job_delay.assert_called_once_with(job_ad_id=world.job_ad.pk)
    org_delay.assert_called_once_with(organisation_id=world.organisation.pk)


def test_profile_services__profile_update_schedules_a_refresh(
    world, django_capture_on_commit_callbacks
):
    profile = JobseekerProfileFactory()
    with patch("matching.tasks.recommendations_refresh_profile_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            profile_services.jobseeker_introduction_update(
                profile=profile, actor=profile.user, headline="Kokki", introduction=""
            )
    delay.assert_called_once_with(profile_id=profile.pk)


def test_job_and_catalog_services__writes_schedule_a_refresh(
    world, django_capture_on_commit_callbacks, platform_admin
):
    from catalog import services as catalog_services
    from jobs import services as job_services

    with (
        patch("matching.tasks.recommendations_refresh_job_ad_task.delay") as job_delay,
        patch("matching.tasks.recommendations_refresh_organisation_task.delay"),
        patch("matching.tasks.recommendations_refresh_service_task.delay") as service_delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        job_services.job_ad_close(actor=world.employer, job_ad=world.job_ad)
        catalog_services.service_archive(
            actor=with_second_factor(platform_admin), service=world.course
        )
    job_delay.assert_called_once_with(job_ad_id=world.job_ad.pk)
    service_delay.assert_called_once_with(service_id=world.course.pk)
