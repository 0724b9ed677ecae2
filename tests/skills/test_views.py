from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from profiles.models import ProfileOccupation, ProfileSkill
from skills import services
from skills.messages import error_message
from skills.models import SkillSuggestionRun
from tests.factories import ProfileSkillFactory, SkillSuggestionRunFactory
from tests.skills.conftest import binary_bytes, docx_bytes, encrypted_pdf_bytes, uri

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobseeker_client(client, jobseeker, esco_data):
    client.force_login(jobseeker)
    return client


@pytest.mark.parametrize("role", ["employer", "provider_user", "expert", "platform_admin"])
def test_profile_skills__other_roles_are_forbidden(client_as, esco_data, role):
    response = client_as(role).get(reverse("skills:profile-skills"))
    assert response.status_code == 403


def test_profile_skills__anonymous_is_sent_to_sign_in(client, esco_data):
    response = client.get(reverse("skills:profile-skills"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("fi", "Skills and occupations"),
        ("sv", "Skills and occupations"),
        ("en", "Skills and occupations"),
    ],
)
def test_profile_skills__renders_in_each_language(jobseeker_client, jobseeker, lang, heading):
    # given
    with translation.override(lang):
        expected = str(translation.gettext(heading))
        url = reverse("skills:profile-skills")
    # when
    response = jobseeker_client.get(url)
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    assert f"<h1>{expected}</h1>" in body
    assert 'for="id_text"' in body
    assert 'for="id_file"' in body


def test_suggest_text__shows_suggestions_with_evidence(jobseeker_client, jobseeker):
    # when
    response = jobseeker_client.post(
        reverse("skills:suggest-text"),
        {"text": "Olen työskennellyt hitsaajana.", "language": ""},
        follow=True,
    )
    # then
    run = SkillSuggestionRun.objects.get(user=jobseeker)
    assert response.redirect_chain == [(reverse("skills:run-detail", args=[run.pk]), 302)]
    body = response.content.decode()
    assert '<h3 class="suggestion-title">hitsaaja</h3>' in body
    assert "“Olen työskennellyt hitsaajana.”" in body


def test_suggest_text__htmx_returns_fragment(jobseeker_client):
    response = jobseeker_client.post(
        reverse("skills:suggest-text"), {"text": "hitsaaja"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "hitsaaja" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_text"),
        ("  \n ", "empty_text"),
        ("🙂🙂", "no_words"),
        ("a" * 5_000_001, "text_too_long"),
    ],
)
def test_suggest_text__bad_text_shows_message_and_keeps_profile(
    jobseeker_client, jobseeker, esco_data, text, code
):
    # given
    existing = ProfileSkillFactory(profile__user=jobseeker, skill=esco_data["skills"]["finnish"])
    # when
    response = jobseeker_client.post(reverse("skills:suggest-text"), {"text": text})
    # then
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_text_error"' in body or "field-invalid" in body
    assert str(error_message(code)) in body
    assert list(ProfileSkill.objects.values_list("pk", flat=True)) == [existing.pk]
    assert SkillSuggestionRun.objects.exists() is False


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("cv.pdf", binary_bytes(), "binary_file"),
        ("cv.pdf", encrypted_pdf_bytes(), "encrypted"),
        ("cv.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), "too_large"),
    ],
)
def test_upload_cv__bad_file_shows_message_and_keeps_profile(
    jobseeker_client, jobseeker, esco_data, name, data, code
):
    existing = ProfileSkillFactory(profile__user=jobseeker, skill=esco_data["skills"]["finnish"])
    response = jobseeker_client.post(
        reverse("skills:upload-cv"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    assert str(error_message(code)) in response.content.decode()
    assert list(ProfileSkill.objects.values_list("pk", flat=True)) == [existing.pk]
    assert SkillSuggestionRun.objects.exists() is False


def test_upload_cv__shows_progress_then_result(
    jobseeker_client, jobseeker, django_capture_on_commit_callbacks
):
    # when
    with mock.patch("skills.tasks.suggestion_run_analyse_task.delay"):
        with django_capture_on_commit_callbacks(execute=True):
            response = jobseeker_client.post(
                reverse("skills:upload-cv"),
                {"file": SimpleUploadedFile("cv.docx", docx_bytes("Hitsaaja"))},
            )
    run = SkillSuggestionRun.objects.get(user=jobseeker)
    # then: the page polls while pending
    pending = jobseeker_client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in pending
    assert "<progress" in pending
    # and shows the result once the task has run
    services.suggestion_run_analyse(run=run)
    done = jobseeker_client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in done
    assert "hitsaaja" in done


def test_decide__accept_and_reject_without_js(jobseeker_client, jobseeker):
    run = services.suggestion_run_create_from_text(
        user=jobseeker, text="Olen hitsaaja. Asiakaspalvelu."
    )
    url = reverse("skills:decide", args=[run.pk])
    response = jobseeker_client.post(
        url, {"uri": uri("occupation", "welder"), "decision": "accept"}
    )
    assert response.status_code == 302
    jobseeker_client.post(url, {"uri": uri("skill", "customer-service"), "decision": "reject"})
    assert list(ProfileOccupation.objects.values_list("occupation__uri", flat=True)) == [
        uri("occupation", "welder")
    ]
    assert ProfileSkill.objects.exists() is False


def test_decide__htmx_returns_updated_item(jobseeker_client, jobseeker):
    run = services.suggestion_run_create_from_text(user=jobseeker, text="Olen hitsaaja.")
    response = jobseeker_client.post(
        reverse("skills:decide", args=[run.pk]),
        {"uri": uri("occupation", "welder"), "decision": "accept"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.startswith('<li class="suggestion card" id="suggestion-0">')
    assert "message-success" in body


def test_run_detail__other_users_run_is_404(jobseeker_client, esco_data):
    run = SkillSuggestionRunFactory()
    response = jobseeker_client.get(reverse("skills:run-detail", args=[run.pk]))
    assert response.status_code == 404


def test_suggest_text__swedish_page_shows_swedish_label_and_marks_fallbacks(
    jobseeker_client, jobseeker, esco_data
):
    """#18 point 7 / #19: Swedish pages showed Finnish skill labels without saying so."""
    # given: the forklift skill has a Swedish label, the welding skills have none
    forklift = esco_data["skills"]["forklift"]
    forklift.label_sv = "köra gaffeltruck"
    forklift.save()
    with translation.override("sv"):
        url = reverse("skills:suggest-text")
    # when
    response = jobseeker_client.post(
        url,
        {"text": "Jag kan köra gaffeltruck. Jag har arbetat som svetsare.", "language": "sv"},
        follow=True,
    )
    # then
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert '<h3 class="suggestion-title">köra gaffeltruck</h3>' in body
    assert '<h3 class="suggestion-title">svetsare</h3>' in body
    assert '<h3 class="suggestion-title"><span lang="fi">hitsata</span></h3>' in body
    assert '<span class="visually-hidden"><span lang="fi">hitsata</span> </span>' in body
    assert "ajaa trukkia" not in body


def test_run_detail__labels_follow_the_page_language_not_the_run(jobseeker_client, jobseeker):
    # given: a run made on a Finnish page
    jobseeker_client.post(
        reverse("skills:suggest-text"), {"text": "Olen työskennellyt hitsaajana.", "language": ""}
    )
    run = SkillSuggestionRun.objects.get(user=jobseeker)
    with translation.override("sv"):
        url = reverse("skills:run-detail", args=[run.pk])
    # when
    body = jobseeker_client.get(url).content.decode()
    # then
    assert '<h3 class="suggestion-title">svetsare</h3>' in body
    assert '<h3 class="suggestion-title"><span lang="fi">hitsata</span></h3>' in body
