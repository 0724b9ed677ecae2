import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from rest_framework.test import APIClient

from profiles.models import ProfileSkill
from skills.messages import error_message
from tests.factories import ProfileSkillFactory
from tests.skills.conftest import (
    binary_bytes,
    docx_bytes,
    docx_zip_bomb_bytes,
    encrypted_pdf_bytes,
    uri,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/skills/suggest"


@pytest.fixture
def api(esco_data):
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def profile_skill(esco_data):
    return ProfileSkillFactory(skill=esco_data["skills"]["finnish"])


def test_suggest__text_returns_ranked_suggestions_with_evidence(api):
    # when
    response = api.post(URL, {"text": "Olen työskennellyt hitsaajana.", "limit": 1}, format="json")
    # then
    assert response.status_code == 200
    assert response.json() == {
        "language": "fi",
        "suggestions": [
            {
                "uri": uri("occupation", "welder"),
                "kind": "occupation",
                "label": "welder",
                "label_language": "en",
                "score": response.json()["suggestions"][0]["score"],
                "evidence": "Olen työskennellyt hitsaajana.",
                "matched_words": ["hitsaajana"],
                "implied_by": None,
            }
        ],
    }
    assert response.json()["suggestions"][0]["score"] > 0.5


def test_suggest__trailing_slash_and_given_language(api):
    response = api.post(URL + "/", {"text": "sjuksköterska", "language": "sv"}, format="json")
    assert response.status_code == 200
    assert response.json()["language"] == "sv"
    assert response.json()["suggestions"][0]["uri"] == uri("occupation", "nurse")


def test_suggest__labels_follow_ui_language(esco_data):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="sv")
    response = client.post(URL, {"text": "I am a nurse", "limit": 1}, format="json")
    assert response.json()["suggestions"][0]["label"] == "sjuksköterska"


def test_suggest__docx_upload(api):
    upload = SimpleUploadedFile("cv.docx", docx_bytes("Hitsaaja", "Asiakaspalvelu"))
    response = api.post(URL, {"file": upload, "language": "fi"}, format="multipart")
    assert response.status_code == 200
    uris = [s["uri"] for s in response.json()["suggestions"]]
    assert uri("occupation", "welder") in uris
    assert uri("skill", "customer-service") in uris


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty_text"),
        ("   \n\t  ", "empty_text"),
        ("🙂🎉👍 🙂", "no_words"),
        ("hitsaaja " * 600_000, "text_too_long"),  # 5.4 MB
    ],
)
def test_suggest__bad_text_is_400_with_message(api, profile_skill, text, code):
    response = api.post(URL, {"text": text}, format="json")
    assert response.status_code == 400
    assert response.json() == {"text": [error_message(code)]}
    assert ProfileSkill.objects.filter(pk=profile_skill.pk).exists()


def test_suggest__bad_text_message_is_english_literal(api):
    response = api.post(URL, {"text": "  "}, format="json")
    assert response.json() == {
        "text": ["Write a few words about your work, studies or skills first."]
    }


def test_suggest__finnish_message_comes_through_gettext(esco_data):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="fi")
    response = client.post(URL, {"text": "🙂"}, format="json")
    with translation.override("fi"):
        expected = error_message("no_words")
    assert response.status_code == 400
    assert response.json() == {"text": [expected]}


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("cv.pdf", binary_bytes(), "binary_file"),
        ("cv.pdf", encrypted_pdf_bytes(), "encrypted"),
        ("cv.docx", docx_zip_bomb_bytes(), "zip_bomb"),
        ("cv.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), "too_large"),
    ],
)
def test_suggest__bad_file_is_400_with_message(api, profile_skill, name, data, code):
    response = api.post(URL, {"file": SimpleUploadedFile(name, data)}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"file": [error_message(code)]}
    assert ProfileSkill.objects.filter(pk=profile_skill.pk).exists()


def test_suggest__unknown_language_is_400(api):
    response = api.post(URL, {"text": "welder", "language": "de"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"language": ["Choose Finnish, Swedish or English."]}


def test_suggest__limit_is_validated(api):
    response = api.post(URL, {"text": "welder", "limit": 0}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["limit"]


def test_suggest__label_language_says_when_a_label_fell_back(esco_data):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="sv")
    response = client.post(
        URL, {"text": "Jag har arbetat som svetsare.", "language": "sv"}, format="json"
    )
    labels = {s["uri"]: (s["label"], s["label_language"]) for s in response.json()["suggestions"]}
    assert labels[uri("occupation", "welder")] == ("svetsare", "sv")
    assert labels[uri("skill", "weld")] == ("hitsata", "fi")
