"""Role × endpoint matrix for the foundation's pages and API."""

import pytest

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]

# (url, {role: expected status}); 302 for anonymous means "sent to sign in"
MATRIX = [
    ("/fi/", dict.fromkeys(ROLES, 200)),
    ("/fi/accounts/me/", {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}),
    (
        "/fi/expert/",
        {
            "anonymous": 302,
            "jobseeker": 403,
            "employer": 403,
            "provider_user": 403,
            "expert": 200,
            "platform_admin": 403,
        },
    ),
    (
        "/fi/admin/",
        {
            "anonymous": 302,
            "jobseeker": 302,
            "employer": 302,
            "provider_user": 302,
            "expert": 302,
            "platform_admin": 200,
        },
    ),
    ("/api/v1/me/", {"anonymous": 403, **dict.fromkeys(ROLES[1:], 200)}),
    ("/api/v1/schema/", dict.fromkeys(ROLES, 200)),
    ("/healthz", dict.fromkeys(ROLES, 200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_access_matrix(client_as, role, url, expected):
    response = client_as(role).get(url)
    assert response.status_code == expected[role]


def test_admin_site__staff_without_second_factor_is_refused(client, platform_admin):
    client.force_login(platform_admin)
    response = client.get("/fi/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/verify/")


def test_api_me__returns_only_own_account(client_as, jobseeker):
    data = client_as("jobseeker").get("/api/v1/me/").json()
    assert data == {
        "email": jobseeker.email,
        "first_name": jobseeker.first_name,
        "last_name": jobseeker.last_name,
        "role": "jobseeker",
        "preferred_language": "fi",
    }


def test_api_errors__are_translated_by_accept_language(client):
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 403
    assert response.json()["detail"] == "Autentiseringsuppgifter ej tillhandahållna."
