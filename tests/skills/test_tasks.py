import pytest
from django.core.files.base import ContentFile

from skills.models import SkillSuggestionRun
from skills.tasks import suggestion_run_analyse_task
from tests.factories import JobseekerUserFactory
from tests.skills.conftest import odt_bytes, uri

pytestmark = pytest.mark.django_db


def test_suggestion_run_analyse_task__analyses_the_run(esco_data):
    # given
    run = SkillSuggestionRun(user=JobseekerUserFactory(), source="file", file_name="cv.odt")
    run.file.save("cv.odt", ContentFile(odt_bytes("Jag är sjuksköterska.")), save=True)
    # when
    suggestion_run_analyse_task(run.pk, ui_language="sv")
    # then
    run.refresh_from_db()
    assert run.status == "done"
    assert run.language == "sv"
    assert (run.result[0]["uri"], run.result[0]["label"]) == (
        uri("occupation", "nurse"),
        "sjuksköterska",
    )


def test_suggestion_run_analyse_task__missing_run_is_ignored(esco_data):
    assert suggestion_run_analyse_task(987654) is None
    assert SkillSuggestionRun.objects.exists() is False


def test_suggestion_run_analyse_task__finished_run_is_left_alone(esco_data):
    run = SkillSuggestionRun.objects.create(
        user=JobseekerUserFactory(), source="file", status="failed", error_code="encrypted"
    )
    suggestion_run_analyse_task(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error_code) == ("failed", "encrypted")
