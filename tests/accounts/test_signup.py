import re

import pytest
from django.core import mail
from django.urls import reverse

from profiles.models import EmployerMembership, EmployerOrganisation, User
from providers.models import Provider, ProviderMembership

pytestmark = pytest.mark.django_db

URL = "/fi/accounts/sign-up/"


def _form(**overrides):
    data = {
        "role": "jobseeker",
        "first_name": "Maija",
        "last_name": "Meikäläinen",
        "email": "maija@example.fi",
        "password1": "Kesä-Aurinko-2026",
        "password2": "Kesä-Aurinko-2026",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


SENT = "/fi/accounts/sign-up/sent/"


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with the mails sent after commit delivered at once."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


def _link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup__jobseeker_account_is_created_inactive_until_the_mailed_link(client):
    # when
    response = client.post(URL, _form())
    # then: the account waits for its address to be confirmed
    assert response.status_code == 302
    assert response["Location"] == SENT
    user = User.objects.get(email="maija@example.fi")
    assert user.role == User.Role.JOBSEEKER
    assert user.preferred_language == "fi"
    assert user.is_active is False
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mail.outbox] == [["maija@example.fi"]]
    assert "/fi/accounts/sign-up/confirm/" in mail.outbox[0].body
    # following the link takes the account into use; then the person signs in
    response = client.get(_link(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.is_active is True
    assert user.email_confirmed_at is not None
    response = client.post(
        reverse("accounts:login"),
        {"username": "maija@example.fi", "password": "Kesä-Aurinko-2026"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_signup__unconfirmed_account_cannot_sign_in_and_gets_the_usual_error(client):
    client.post(URL, _form())
    response = client.post(
        reverse("accounts:login"),
        {"username": "maija@example.fi", "password": "Kesä-Aurinko-2026"},
    )
    assert response.status_code == 400
    assert "Sähköpostiosoite tai salasana on väärin" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup__confirmation_link_with_a_wrong_token_is_refused(client):
    client.post(URL, _form())
    link = _link(mail.outbox[0])
    response = client.get(link.rstrip("/")[:-3] + "xyz/")
    assert response.status_code == 400
    assert [t.name for t in response.templates][0] == "registration/signup_confirm_invalid.html"
    assert User.objects.get(email="maija@example.fi").is_active is False


def test_signup__confirmation_link_works_only_once(client):
    client.post(URL, _form())
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 302
    assert client.get(link).status_code == 400


def test_signup__email_is_stored_in_lower_case(client):
    client.post(URL, _form(email="Maija.Meikalainen@Example.FI"))
    assert list(User.objects.values_list("email", flat=True)) == ["maija.meikalainen@example.fi"]


def test_signup__swedish_page_records_swedish_as_preferred_language(client):
    client.post("/sv/accounts/sign-up/", _form())
    assert User.objects.get(email="maija@example.fi").preferred_language == "sv"


def test_signup__employer_creates_organisation_with_admin_membership(client):
    response = client.post(
        URL, _form(role="employer", organisation_name="Rakennus Oy", business_id="0737546-2")
    )
    assert response.status_code == 302
    organisation = EmployerOrganisation.objects.get(business_id="0737546-2")
    membership = EmployerMembership.objects.get(organisation=organisation)
    assert membership.user.email == "maija@example.fi"
    assert membership.role == EmployerMembership.Role.ADMIN


def test_signup__provider_is_created_unverified(client):
    response = client.post(
        URL,
        _form(
            role="provider",
            organisation_name="Valmennus ry",
            sector="third",
            business_id="1029831-4",
        ),
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Valmennus ry")
    assert provider.is_verified is False
    assert ProviderMembership.objects.get(provider=provider).role == "admin"


def test_signup__public_provider_may_use_municipality_code(client):
    response = client.post(
        URL,
        _form(
            role="provider", organisation_name="Kaupunki", sector="public", municipality_code="837"
        ),
    )
    assert response.status_code == 302
    assert Provider.objects.get(name="Kaupunki").municipality_code == "837"


def test_signup__invalid_business_id_is_refused_with_finnish_message(client):
    response = client.post(
        URL, _form(role="employer", organisation_name="Rakennus Oy", business_id="0737546-3")
    )
    assert response.status_code == 400
    assert "Anna kelvollinen Y-tunnus" in response.content.decode()
    assert not User.objects.exists()
    # what the user typed is kept
    assert 'value="Rakennus Oy"' in response.content.decode()


def test_signup__expert_role_cannot_be_self_registered(client):
    response = client.post(URL, _form(role="expert"))
    assert response.status_code == 400
    assert not User.objects.exists()


def test_signup__existing_email_gets_the_same_answer_and_creates_nothing(client, jobseeker):
    new = client.post(URL, _form(email="uusi@example.fi"))
    mail.outbox.clear()
    users_before = set(User.objects.values_list("pk", "email", "is_active", "password"))
    # when: the same form with an address that has an account (in another case)
    existing = client.post(URL, _form(email=jobseeker.email.upper()))
    # then: the same page and status, and no account created or changed
    assert (existing.status_code, existing["Location"]) == (new.status_code, new["Location"])
    assert existing["Location"] == SENT
    assert set(User.objects.values_list("pk", "email", "is_active", "password")) == users_before
    # the owner of the address is told, with links to sign in and to reset the password
    assert [m.to for m in mail.outbox] == [[jobseeker.email]]
    assert "/fi/accounts/password/reset/" in mail.outbox[0].body
    assert "/accounts/sign-up/confirm/" not in mail.outbox[0].body


def test_signup__existing_email_with_new_organisation_creates_no_organisation(client, employer):
    response = client.post(
        URL,
        _form(
            email=employer.email,
            role="employer",
            organisation_name="Uusi Oy",
            business_id="0737546-2",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == SENT
    assert not EmployerOrganisation.objects.filter(business_id="0737546-2").exists()
    assert User.objects.count() == 1


def test_signup__unconfirmed_address_gets_its_confirmation_link_again(client):
    client.post(URL, _form())
    client.post(URL, _form(first_name="Toinen"))
    assert User.objects.count() == 1
    assert User.objects.get().first_name == "Maija"
    assert len(mail.outbox) == 2
    assert all("/fi/accounts/sign-up/confirm/" in m.body for m in mail.outbox)


def test_signup__mails_to_an_existing_address_are_limited(client, jobseeker):
    for _ in range(5):
        response = client.post(URL, _form(email=jobseeker.email))
        assert response["Location"] == SENT
    assert len(mail.outbox) == 3


def test_signup__mismatching_and_weak_passwords_are_refused(client):
    response = client.post(URL, _form(password1="12345678", password2="12345679"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Salasanat eivät täsmää" in body
    assert not User.objects.exists()


def test_signup__terms_must_be_accepted(client):
    data = _form()
    del data["accept_terms"]
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not User.objects.exists()


def test_signup__signed_in_user_is_sent_to_own_pages(client, jobseeker):
    client.force_login(jobseeker)
    response = client.get(URL)
    assert response.status_code == 302
