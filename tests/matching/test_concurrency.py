"""Two refreshes of one profile at once (e.g. two quick profile saves, each queueing a task,
run by two workers): both finish, and the rows are those of a single refresh."""

import threading

import pytest
from django.db import connection

from matching import services
from matching.models import Kind, Recommendation


def _rows():
    return sorted(
        Recommendation.objects.values_list(
            "kind", "subject_profile", "subject_job_ad", "target_job_ad", "target_service"
        ),
        key=str,
    )


def test_recommendations_refresh__rows_stored_meanwhile_by_another_refresh_are_kept(
    world, monkeypatch
):
    """Deterministic: another refresh stores the same pairs between this one's delete and
    its insert (the window two simultaneous refreshes share)."""
    services.recommendations_refresh(profile=world.profile)
    expected = _rows()
    real_rows = services._rows

    def rows_after_the_other_refresh(kind, field, matches, now):
        rows = real_rows(kind, field, matches, now)
        if field == "subject_profile":
            Recommendation.objects.bulk_create(real_rows(kind, field, matches, now))
        return rows

    monkeypatch.setattr(services, "_rows", rows_after_the_other_refresh)
    services.recommendations_refresh(profile=world.profile)
    assert _rows() == expected
    assert Recommendation.objects.filter(kind=Kind.JOB).count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_recommendations_refresh__simultaneous_refreshes_of_one_profile(world):
    services.recommendations_refresh(profile=world.profile)
    expected = _rows()
    workers, rounds = 4, 5
    errors = []

    def refresh(barrier):
        try:
            barrier.wait(timeout=30)
            services.recommendations_refresh(profile=world.profile)
        except BaseException as error:  # reported below: a thread cannot fail the test
            errors.append(error)
        finally:
            connection.close()

    for _ in range(rounds):
        barrier = threading.Barrier(workers)
        threads = [threading.Thread(target=refresh, args=(barrier,)) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert _rows() == expected
