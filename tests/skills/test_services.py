from unittest import mock

import pytest
from django.core.files.base import ContentFile

from profiles.models import JobseekerProfile, ProfileOccupation, ProfileSkill
from skills import services
from skills.messages import error_message
from skills.models import SkillSuggestionRun
from tests.factories import EmployerUserFactory, JobseekerUserFactory, ProfileSkillFactory
from tests.skills.conftest import docx_bytes, docx_zip_bomb_bytes, encrypted_pdf_bytes, uri
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_suggestion_run_create_from_text__stores_done_run(esco_data):
    # given
    user = JobseekerUserFactory()
    # when
    run = services.suggestion_run_create_from_text(user=user, text="Olen hitsaaja.")
    # then
    assert run.status == SkillSuggestionRun.Status.DONE
    assert run.language == "fi"
    assert run.result[0]["uri"] == uri("occupation", "welder")
    assert run.result[0]["evidence"] == "Olen hitsaaja."


@pytest.mark.parametrize(("text", "code"), [("", "empty_text"), ("🙂", "no_words")])
def test_suggestion_run_create_from_text__bad_text_keeps_profile(esco_data, text, code):
    # given
    existing = ProfileSkillFactory(skill=esco_data["skills"]["finnish"])
    # when
    with pytest.raises(ApplicationError) as caught:
        services.suggestion_run_create_from_text(user=existing.profile.user, text=text)
    # then
    assert (caught.value.code, caught.value.field) == (code, "text")
    assert caught.value.message == error_message(code)
    assert list(ProfileSkill.objects.values_list("pk", flat=True)) == [existing.pk]
    assert SkillSuggestionRun.objects.exists() is False


def test_suggestion_run_create_from_text__employer_is_refused(esco_data):
    with pytest.raises(ApplicationError) as caught:
        services.suggestion_run_create_from_text(user=EmployerUserFactory(), text="hitsaaja")
    assert caught.value.code == "not_allowed"
    assert SkillSuggestionRun.objects.exists() is False


def test_suggestion_run_create_from_file__dispatches_task_after_commit(
    esco_data, django_capture_on_commit_callbacks
):
    # given
    user = JobseekerUserFactory()
    with mock.patch("skills.tasks.suggestion_run_analyse_task.delay") as delay:
        # when
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run = services.suggestion_run_create_from_file(
                user=user, name="CV.docx", data=docx_bytes("Hitsaaja"), ui_language="sv"
            )
        # then
        assert run.status == SkillSuggestionRun.Status.PENDING
        assert run.file_name == "CV.docx"
        delay.assert_not_called()
        assert len(callbacks) == 1
        callbacks[0]()
        delay.assert_called_once_with(run_id=run.pk, ui_language="sv")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("cv.pdf", encrypted_pdf_bytes(), "encrypted"),
        ("cv.docx", docx_zip_bomb_bytes(), "zip_bomb"),
    ],
)
def test_suggestion_run_create_from_file__bad_file_creates_nothing(
    esco_data, django_capture_on_commit_callbacks, name, data, code
):
    user = JobseekerUserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(ApplicationError) as caught:
            services.suggestion_run_create_from_file(user=user, name=name, data=data)
    assert (caught.value.code, caught.value.field) == (code, "file")
    assert callbacks == []
    assert SkillSuggestionRun.objects.exists() is False


def _file_run(user, name, data):
    run = SkillSuggestionRun(user=user, source="file", file_name=name)
    run.file.save("cv.bin", ContentFile(data), save=True)
    return run


def test_suggestion_run_analyse__done_and_file_removed(esco_data):
    # given
    run = _file_run(JobseekerUserFactory(), "cv.docx", docx_bytes("Olen hitsaaja."))
    stored = run.file.name
    # when
    services.suggestion_run_analyse(run=run, ui_language="en")
    # then
    run.refresh_from_db()
    assert run.status == SkillSuggestionRun.Status.DONE
    assert run.result[0]["label"] == "welder"
    assert run.file.name == ""
    assert run.file.storage.exists(stored) is False


def test_suggestion_run_analyse__unreadable_file_fails_with_code(esco_data):
    run = _file_run(JobseekerUserFactory(), "cv.pdf", b"%PDF-1.4 broken")
    services.suggestion_run_analyse(run=run)
    run.refresh_from_db()
    assert (run.status, run.error_code, run.result) == ("failed", "corrupt_file", [])
    assert run.error_message == error_message("corrupt_file")


def test_suggestion_decide__accept_adds_skill_and_occupation(esco_data):
    # given
    user = JobseekerUserFactory()
    run = services.suggestion_run_create_from_text(user=user, text="Olen hitsaaja. Asiakaspalvelu.")
    # when
    services.suggestion_decide(run=run, uri=uri("occupation", "welder"), accept=True, actor=user)
    services.suggestion_decide(
        run=run, uri=uri("skill", "customer-service"), accept=True, actor=user
    )
    # then
    profile = JobseekerProfile.objects.get(user=user)
    occupation = ProfileOccupation.objects.get(profile=profile)
    assert (occupation.occupation.uri, occupation.source, occupation.evidence) == (
        uri("occupation", "welder"),
        "recommender",
        "Olen hitsaaja.",
    )
    assert ProfileSkill.objects.get(profile=profile).skill.uri == uri("skill", "customer-service")
    run.refresh_from_db()
    assert run.decisions == {
        uri("occupation", "welder"): "accepted",
        uri("skill", "customer-service"): "accepted",
    }


def test_suggestion_decide__reject_adds_nothing(esco_data):
    user = JobseekerUserFactory()
    run = services.suggestion_run_create_from_text(user=user, text="Olen hitsaaja.")
    services.suggestion_decide(run=run, uri=uri("occupation", "welder"), accept=False, actor=user)
    run.refresh_from_db()
    assert run.decisions == {uri("occupation", "welder"): "rejected"}
    assert ProfileOccupation.objects.exists() is False


def test_suggestion_decide__other_users_run_is_refused(esco_data):
    run = services.suggestion_run_create_from_text(user=JobseekerUserFactory(), text="hitsaaja")
    other = JobseekerUserFactory()
    with pytest.raises(ApplicationError):
        services.suggestion_decide(
            run=run, uri=uri("occupation", "welder"), accept=True, actor=other
        )
    assert ProfileOccupation.objects.exists() is False


def test_suggestion_decide__unknown_uri_is_refused(esco_data):
    user = JobseekerUserFactory()
    run = services.suggestion_run_create_from_text(user=user, text="hitsaaja")
    with pytest.raises(ApplicationError) as caught:
        services.suggestion_decide(run=run, uri="http://example.com/x", accept=True, actor=user)
    assert caught.value.code == "unknown_suggestion"
