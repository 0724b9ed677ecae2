"""tori.parsers: every API body is checked for its nesting depth and for control characters
before a serializer sees it (400 with a translated message, never a 500)."""

import json

import pytest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import Service
from tests.factories import MunicipalityFactory, ProviderUserFactory, taxonomy_term
from tori.parsers import MAX_JSON_DEPTH, json_depth_exceeds

pytestmark = pytest.mark.django_db


def control_message():
    return _("Remove the control characters (such as NUL) from this text.")


def _provider_client():
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=ProviderUserFactory())
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_json_depth_exceeds__counts_brackets_outside_strings_only():
    assert json_depth_exceeds(b"[[[]]]", 3) is False
    assert json_depth_exceeds(b"[[[[]]]]", 3) is True
    assert json_depth_exceeds(b'{"a": "[[[[[[[[", "b": "\\"[[[["}', 1) is False
    assert json_depth_exceeds(b'{"a": {"b": {"c": 1}}}', 2) is True


def test_skill_suggest__deeply_nested_json_is_400_for_anonymous():
    body = "[" * 100_000 + "]" * 100_000
    response = APIClient().post("/api/v1/skills/suggest", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": _("The JSON is nested too deeply (at most %(limit)d levels).")
        % {"limit": MAX_JSON_DEPTH}
    }


def test_skill_suggest__nesting_up_to_the_limit_is_parsed():
    """Unknown nested fields are ignored by the serializer: parsed, not refused. (No ESCO
    data is imported here: the empty index suggests nothing instead of failing.)"""
    nested = {"text": "asiakaspalvelu", "x": json.loads("[" * 30 + "]" * 30)}
    response = APIClient().post("/api/v1/skills/suggest", nested, format="json")
    assert response.status_code == 200
    assert response.json() == {"language": "fi", "suggestions": []}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("service_type", "coaching\x00"),
        ("target_groups", ["immigrants\x00"]),
        ("municipalities", ["\x00091"]),
        ("esco_skills", ["http://data.europa.eu/esco/skill/\x00"]),
        ("name_fi", "Nimi\x01"),
    ],
)
def test_service_create_api__control_characters_are_400_for_the_field(field, value):
    payload = {"name_fi": "Palvelu", field: value}
    response = _provider_client().post("/api/v1/services/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [control_message()]}
    assert Service.objects.exists() is False


def test_service_create_api__unpaired_surrogate_is_400():
    body = '{"name_fi": "Palvelu", "summary_fi": "bad \\ud800 surrogate"}'
    response = _provider_client().post("/api/v1/services/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"summary_fi": [control_message()]}
    assert Service.objects.exists() is False


def test_service_create_api__tabs_and_line_breaks_are_kept():
    municipality = MunicipalityFactory()
    taxonomy_term("coaching")
    payload = {
        "name_fi": "Palvelu",
        "summary_fi": "Rivi 1\nRivi 2\r\n\tsisennys",
        "service_type": "coaching",
        "municipalities": [municipality.code],
    }
    response = _provider_client().post("/api/v1/services/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Service.objects.get().summary_fi == "Rivi 1\nRivi 2\n\tsisennys"  # CRLF → LF


def test_form_body__control_characters_are_400():
    response = _provider_client().post(
        "/api/v1/services/", {"name_fi": "Nimi\x00"}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json() == {"name_fi": [control_message()]}
    assert Service.objects.exists() is False


# --- query strings and paths (tori.middleware.ControlCharactersMiddleware) -------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/statistics/enrolments/?region=0%001", "region"),
        ("/api/v1/services/?q=a%00b", "q"),
    ],
)
def test_query_string__control_characters_are_400_json_for_apis(client, path, field):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json() == {field: [control_message()]}


@pytest.mark.parametrize(
    "path", ["/hsds/organizations?search=a%00b", "/hsds/taxonomy_terms?search=%01"]
)
def test_query_string__control_characters_are_400_in_the_hsds_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json() == {"detail": control_message()}


def test_query_string__control_characters_are_the_400_page_for_html(client):
    response = client.get("/fi/statistics/?region=a%00")
    assert response.status_code == 400
    assert [t.name for t in response.templates][0] == "errors/400.html"


def test_path__control_characters_are_400(client):
    response = client.get("/hsds/services/a%00b")
    assert response.status_code == 400
    assert response.json() == {"detail": _("Malformed request.")}
