import json

import pytest

from profiles.models import ContactRequest, DataAccessLog, ProfileConsent
from tests.factories import (
    ContactRequestFactory,
    JobseekerProfileFactory,
    ProfileSkillFactory,
    PublishedProfileFactory,
    WorkAbilityDetailsFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Uniapnea"


def test_profile_api__own_profile_with_every_part(client_as, jobseeker):
    profile = JobseekerProfileFactory(
        user=jobseeker, headline="Siivooja", partial_work_ability=True
    )
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    data = client_as("jobseeker").get("/api/v1/profile/").json()
    assert data["id"] == str(profile.public_id)
    assert data["introduction"] == {"headline": "Siivooja", "text": ""}
    assert data["contact"]["email"] == jobseeker.email
    assert data["situation"]["partial_work_ability"] is True
    assert data["work_ability_reasons"] == SECRET


def test_profile_api__patch_validates(client_as, jobseeker):
    client = client_as("jobseeker")
    response = client.patch(
        "/api/v1/profile/", {"headline": "x" * 151}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["headline"]
    response = client.patch(
        "/api/v1/profile/", {"introduction": "Hei!"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["introduction"]["text"] == "Hei!"


def test_publication_api__put_and_delete(client_as, jobseeker):
    client = client_as("jobseeker")
    bad = client.put(
        "/api/v1/profile/publication/", {"sections": ["contact"]}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert ProfileConsent.objects.exists() is False
    ok = client.put(
        "/api/v1/profile/publication/", {"sections": ["skills"]}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert ok.json()["sections"] == ["skills"]
    assert client.delete("/api/v1/profile/publication/").status_code == 204
    assert ProfileConsent.objects.get().withdrawn_at is not None


def test_candidates_api__pseudonymous_json_without_health_data(client_as, employer):
    # given
    profile = PublishedProfileFactory(partial_work_ability=True, under_30=True)
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    ProfileSkillFactory(profile=profile)
    # when
    response = client_as("employer").get("/api/v1/candidates/")
    # then
    body = response.content.decode()
    result = response.json()["results"][0]
    assert result["id"] == str(profile.public_id)
    assert result["pseudonym"] == profile.pseudonym
    assert "contact" not in result
    assert "situation" not in result
    assert SECRET not in body
    assert profile.user.email not in body
    assert profile.user.last_name not in body


def test_candidate_detail_api__contact_after_acceptance_logged(client_as, employer):
    profile = PublishedProfileFactory()
    WorkAbilityDetailsFactory(profile=profile, reasons=SECRET)
    ContactRequestFactory(
        profile=profile,
        organisation=employer.employer_memberships.get().organisation,
        status="accepted",
    )
    response = client_as("employer").get(f"/api/v1/candidates/{profile.public_id}/")
    data = response.json()
    assert data["contact"]["email"] == profile.user.email
    assert SECRET not in json.dumps(data)
    assert DataAccessLog.objects.get().accessor == employer


def test_candidate_contact_api__creates_request_and_validates(client_as, employer):
    profile = PublishedProfileFactory()
    client = client_as("employer")
    empty = client.post(
        f"/api/v1/candidates/{profile.public_id}/contact-requests/",
        {"message": ""},
        content_type="application/json",
    )
    assert empty.status_code == 400
    assert ContactRequest.objects.exists() is False
    created = client.post(
        f"/api/v1/candidates/{profile.public_id}/contact-requests/",
        {"message": "Hei"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["candidate"] == str(profile.public_id)


def test_contact_request_answer_api__own_only(client_as, jobseeker):
    own = ContactRequestFactory(profile=PublishedProfileFactory(user=jobseeker))
    other = ContactRequestFactory()
    client = client_as("jobseeker")
    assert (
        client.post(
            f"/api/v1/contact-requests/{other.pk}/answer/",
            {"accept": True},
            content_type="application/json",
        ).status_code
        == 404
    )
    response = client.post(
        f"/api/v1/contact-requests/{own.pk}/answer/",
        {"accept": False},
        content_type="application/json",
    )
    assert response.json()["status"] == "declined"
    other.refresh_from_db()
    assert other.status == "pending"


def test_my_data_api__matches_the_download(client_as, jobseeker):
    data = client_as("jobseeker").get("/api/v1/profile/my-data/").json()
    assert data["format"] == "tori-my-data/1"
    assert data["account"]["email"] == jobseeker.email
