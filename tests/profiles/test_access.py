"""Role × endpoint matrix for the profile, consent, My data and candidate pages and APIs."""

import pytest

from profiles.models import DataAccessLog

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


def only(role, status=200, anonymous=302, others=403):
    return {r: (status if r == role else anonymous if r == "anonymous" else others) for r in ROLES}


JOBSEEKER_PAGES = [
    "/fi/profile/",
    "/fi/profile/introduction/",
    "/fi/profile/wishes/",
    "/fi/profile/licences/",
    "/fi/profile/situation/",
    "/fi/profile/publish/",
    "/fi/profile/sharing/",
    "/fi/profile/contact-requests/",
    "/fi/profile/my-data/",
    "/fi/profile/my-data/export/",
    "/fi/profile/my-data/delete-account/",
]

MATRIX = [
    *[(url, only("jobseeker")) for url in JOBSEEKER_PAGES],
    ("/fi/profile/candidates/", only("employer")),
    ("/fi/profile/candidates/requests/", only("employer")),
    ("/fi/profile/candidates/{candidate}/", only("employer")),
    ("/fi/profile/shared-with-provider/{enrolment}/", only("provider_user")),
    ("/api/v1/profile/", only("jobseeker", anonymous=403)),
    ("/api/v1/profile/my-data/", only("jobseeker", anonymous=403)),
    (
        "/api/v1/contact-requests/",
        {**only("jobseeker", anonymous=403), "employer": 200},
    ),
    ("/api/v1/candidates/", only("employer", anonymous=403)),
    ("/api/v1/candidates/{candidate}/", only("employer", anonymous=403)),
]


def _url(template, world):
    return template.format(candidate=world["candidate"].public_id, enrolment=world["enrolment"].pk)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_profile_access_matrix(client_as, world, role, url, expected):
    # when
    response = client_as(role).get(_url(url, world))
    # then
    assert response.status_code == expected[role]
    if response.status_code in (302, 403):
        assert DataAccessLog.objects.exists() is False


def test_candidate_page__published_profile_of_inactive_user_is_not_found(client_as, world):
    # given
    candidate = world["candidate"]
    candidate.user.is_active = False
    candidate.user.save()
    # when
    response = client_as("employer").get(f"/fi/profile/candidates/{candidate.public_id}/")
    # then
    assert response.status_code == 404


def test_candidate_page__unpublished_profile_is_not_found(client_as, jobseeker):
    from tests.factories import JobseekerProfileFactory

    profile = JobseekerProfileFactory()
    response = client_as("employer").get(f"/fi/profile/candidates/{profile.public_id}/")
    assert response.status_code == 404


def test_shared_with_provider__other_providers_member_gets_404(client, world):
    from tests.factories import ProviderUserFactory

    client.force_login(ProviderUserFactory())
    response = client.get(f"/fi/profile/shared-with-provider/{world['enrolment'].pk}/")
    assert response.status_code == 404
    assert DataAccessLog.objects.exists() is False


def test_profile_urls__carry_no_personal_data(client_as, jobseeker, world):
    # the candidate link is an opaque UUID, never a name or an e-mail address
    response = client_as("employer").get("/fi/profile/candidates/")
    html = response.content.decode()
    candidate = world["candidate"]
    assert f"/fi/profile/candidates/{candidate.public_id}/" in html
    assert candidate.user.last_name not in html
    assert candidate.user.email not in html
