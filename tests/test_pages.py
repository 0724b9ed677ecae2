import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_404__is_translated(client, lang, text):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_unknown_language_prefix__gives_404_page_not_500(client):
    response = client.get("/de/")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.content.decode()


def test_500__renders_translated_page(client, settings):
    from django.test import RequestFactory
    from django.utils import translation

    from tori.views import server_error

    with translation.override("sv"):
        response = server_error(RequestFactory().get("/sv/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_base_layout__has_skip_link_landmarks_and_language_links(client):
    body = client.get("/sv/accounts/sign-in/").content.decode()
    assert '<a class="skip-link" href="#main">Hoppa till huvudinnehållet</a>' in body
    assert '<main id="main"' in body
    assert 'href="/fi/accounts/sign-in/" lang="fi"' in body
    assert 'href="/en/accounts/sign-in/" lang="en"' in body


def test_csp_header__is_strict(client):
    response = client.get("/fi/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp


def test_static_assets__are_served_locally(client):
    body = client.get("/fi/").content.decode()
    assert "cdn" not in body.lower()
    assert "/static/django_htmx/htmx" in body


def test_healthz__checks_database(client):
    assert client.get("/healthz").json() == {
        "status": "ok",
        "database": "ok",
        "broker": "not used",
        "worker": "not used",
    }
