"""Broker down (issue 14, point 8): publishing a job ad is saved and answers at once; the
matching refresh waits in the outbox and is queued when the broker is back."""

from unittest import mock

import pytest

from jobs.models import JobAd
from tests.factories import EmployerUserFactory, JobAdFactory
from tori.models import PendingTask
from tori.queue import pending_tasks_replay


@pytest.mark.django_db(transaction=True)
def test_job_publish__broker_down_saves_and_refreshes_matching_later(client, broker_down):
    # given
    draft = JobAdFactory(draft=True)
    client.force_login(EmployerUserFactory(organisation=draft.organisation))
    # when
    response = client.post(f"/fi/jobs/{draft.pk}/publish/")
    # then
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == JobAd.Status.PUBLISHED
    assert sorted(PendingTask.objects.values_list("name", "kwargs")) == [
        ("matching.recommendations_refresh_job_ad", {"job_ad_id": draft.pk}),
        (
            "matching.recommendations_refresh_organisation",
            {"organisation_id": draft.organisation_id},
        ),
    ]
    # and when the broker is back
    broker_down()
    with mock.patch("matching.services.recommendations_refresh") as refresh:
        assert pending_tasks_replay() == 2
    assert sorted(list(call.kwargs) for call in refresh.call_args_list) == [
        ["job_ad"],
        ["organisation"],
    ]
    assert PendingTask.objects.exists() is False
