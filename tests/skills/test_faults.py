"""Broker down (issue 14, point 8): a CV upload is saved, answers at once, says the analysis
is queued (not an eternal "Analysing" spinner), and is analysed when the broker is back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from skills.models import SkillSuggestionRun
from skills.services import ANALYSIS_NOTICE
from tests.skills.conftest import docx_bytes
from tori.models import PendingTask
from tori.queue import pending_tasks_replay


@pytest.mark.django_db(transaction=True)
def test_upload_cv__broker_down_saves_says_queued_and_runs_when_back(
    client, jobseeker, esco_data, broker_down
):
    # given
    client.force_login(jobseeker)
    # when: the broker's port is closed (not eager)
    response = client.post(
        reverse("skills:upload-cv"),
        {"file": SimpleUploadedFile("cv.docx", docx_bytes("Hitsaaja"))},
    )
    # then: saved and redirected, the job in the outbox
    assert response.status_code == 302
    assert response["Tori-Postponed"] == "skills.suggestion_run_analyse"
    run = SkillSuggestionRun.objects.get(user=jobseeker)
    assert run.status == SkillSuggestionRun.Status.PENDING
    row = PendingTask.objects.get()
    assert (row.name, row.kwargs) == (
        "skills.suggestion_run_analyse",
        {"run_id": run.pk, "ui_language": "fi"},
    )
    # and the page tells the truth: queued, no progress bar
    page = client.get(response["Location"]).content.decode()
    with translation.override("fi"):
        assert str(ANALYSIS_NOTICE) in page
    assert "cv.docx" in page
    assert "<progress" not in page
    assert 'hx-trigger="every 15s"' in page
    # when the broker is back, the replay analyses the CV
    broker_down()
    assert pending_tasks_replay() == 1
    run.refresh_from_db()
    assert run.status == SkillSuggestionRun.Status.DONE
    assert "hitsaaja" in client.get(response["Location"]).content.decode()
    assert PendingTask.objects.exists() is False
