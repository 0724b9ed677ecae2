import pytest
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


def test_signup__jobseeker_account_is_created_and_signed_in(client):
    # when
    response = client.post(URL, _form())
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="maija@example.fi")
    assert user.role == User.Role.JOBSEEKER
    assert user.preferred_language == "fi"
    assert client.get(reverse("accounts:dashboard")).status_code == 200


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


def test_signup__duplicate_email_is_refused(client, jobseeker):
    response = client.post(URL, _form(email=jobseeker.email.upper()))
    assert response.status_code == 400
    assert User.objects.count() == 1
    assert "on jo olemassa" in response.content.decode()


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
