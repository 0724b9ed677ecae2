import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.users import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/fi/accounts/sign-in/"


def test_login__correct_credentials_sign_in(client, jobseeker):
    response = client.post(LOGIN, {"username": jobseeker.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Sähköpostiosoite tai salasana on väärin"),
        ("sv", "E-postadressen eller lösenordet är fel"),
        ("en", "The e-mail address or the password is wrong"),
    ],
)
def test_login__wrong_password_gives_translated_message_and_400(client, jobseeker, lang, text):
    response = client.post(
        f"/{lang}/accounts/sign-in/", {"username": jobseeker.email, "password": "wrong-one"}
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login__five_failures_lock_the_account_for_this_address(client, jobseeker):
    for _ in range(5):
        client.post(LOGIN, {"username": jobseeker.email, "password": "wrong-one"})
    # even the right password is refused while locked
    response = client.post(LOGIN, {"username": jobseeker.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Liian monta yritystä" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login__next_parameter_to_other_host_is_ignored(client, jobseeker):
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": jobseeker.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_logout__requires_post_and_signs_out(client, jobseeker):
    client.force_login(jobseeker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_required_page__anonymous_is_sent_to_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/sign-in/?next=")


def test_password_reset__sends_link_in_console_mail_and_new_password_works(client, jobseeker):
    response = client.post("/fi/accounts/password/reset/", {"email": jobseeker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Uusi-Salasana-2026", "new_password2": "Uusi-Salasana-2026"},
    )
    assert response.status_code == 302
    jobseeker.refresh_from_db()
    assert jobseeker.check_password("Uusi-Salasana-2026")


def test_password_reset__unknown_address_gives_same_answer_and_no_mail(client):
    response = client.post("/fi/accounts/password/reset/", {"email": "nobody@example.fi"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_session_expired__user_is_told_so(client, jobseeker):
    client.force_login(jobseeker)
    session_key = client.session.session_key
    client.session.flush()
    from django.contrib.sessions.backends.db import SessionStore

    SessionStore(session_key=session_key).delete()
    client.cookies["sessionid"] = session_key
    response = client.get("/fi/", follow=True)
    assert "Istuntosi on vanhentunut" in response.content.decode()


def test_csrf_failure__gives_translated_403(jobseeker):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/sv/accounts/sign-in/", {"username": "a@b.fi", "password": "x"})
    assert response.status_code == 403
    assert "Formuläret har gått ut" in response.content.decode()
