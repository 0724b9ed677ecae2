import pytest
from django.urls import reverse
from django.utils.translation import gettext

from matching import services
from matching.models import Kind, Recommendation, RecommendationFeedback
from profiles import services as profile_services
from profiles.models import JobseekerProfile

pytestmark = pytest.mark.django_db

LIST = "api-recommendation-list"


@pytest.mark.parametrize("value", ["a", "1.5", "-1", "1\u0661"])
def test_recommendation_list_api__organisation_must_be_a_number(world, client, value):
    client.force_login(world.employer)
    response = client.get(reverse(LIST), {"organisation": value})
    assert response.status_code == 400
    assert response.json() == {"organisation": [gettext("Enter a whole number.")]}


def test_recommendation_list_api__employer_chooses_own_organisation(world, client):
    services.recommendations_refresh(organisation=world.organisation)
    client.force_login(world.employer)
    [row] = client.get(reverse(LIST), {"organisation": world.organisation.pk}).json()
    assert row["target"]["id"] == world.recruitment.pk
    assert client.get(reverse(LIST), {"organisation": 999999}).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("jobseeker", 200),
        ("employer", 200),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_recommendation_list_api__per_role(client_as, role, status):
    response = client_as(role).get(reverse(LIST), {"kind": "service"})
    assert response.status_code == status


def test_recommendation_list_api__jobseeker_jobs_with_factors(world, client):
    services.recommendations_refresh(profile=world.profile)
    client.force_login(world.profile.user)
    response = client.get(reverse(LIST), {"kind": "job"}, HTTP_ACCEPT_LANGUAGE="en")
    [row] = response.json()
    assert row["target"]["id"] == world.job_ad.pk
    assert row["target"]["title"]["fi"] == world.job_ad.title_fi
    occupation = next(f for f in row["factors"] if f["code"] == "occupation")
    assert occupation == {"code": "occupation", "points": 40.0, "text": "Same occupation: cook"}
    assert {f["code"] for f in row["factors"]} >= {"occupation", "skills"}


def test_recommendation_list_api__employer_services_and_bad_kind(world, client):
    services.recommendations_refresh(organisation=world.organisation)
    client.force_login(world.employer)
    [row] = client.get(reverse(LIST)).json()
    assert row["target"]["id"] == world.recruitment.pk
    assert client.get(reverse(LIST), {"kind": "job"}).status_code == 403
    assert client.get(reverse(LIST), {"kind": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("jobseeker", 403),
        ("employer", 403),  # not a member of the ad's organisation
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_job_candidates_api__per_role(world, client_as, role, status):
    url = reverse("api-recommendation-candidates", args=[world.job_ad.pk])
    assert client_as(role).get(url).status_code == status


def test_job_candidates_api__own_ad_lists_pseudonymous_candidates(world, client):
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    [row] = client.get(reverse("api-recommendation-candidates", args=[world.job_ad.pk])).json()
    assert row["target"] == {
        "public_id": str(world.profile.public_id),
        "pseudonym": world.profile.pseudonym,
    }


def test_feedback_api__owner_saves_and_dismisses(world, client):
    services.recommendations_refresh(profile=world.profile)
    rec = Recommendation.objects.get(subject_profile=world.profile, kind=Kind.JOB)
    client.force_login(world.profile.user)
    url = reverse("api-recommendation-feedback", args=[rec.pk])
    assert client.post(url, {"action": "saved"}).status_code == 201
    assert client.post(url, {"action": "nope"}).status_code == 400
    assert client.post(url, {"action": "dismissed"}).status_code == 201
    assert list(RecommendationFeedback.objects.order_by("pk").values_list("action", flat=True)) == [
        "saved",
        "dismissed",
    ]
    assert client.get(reverse(LIST), {"kind": "job"}).json() == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 403),
        ("jobseeker", 404),
        ("employer", 404),
        ("provider_user", 404),
        ("expert", 404),
        ("platform_admin", 404),
    ],
)
def test_feedback_api__per_role_on_someone_elses_recommendation(world, client_as, role, status):
    services.recommendations_refresh(profile=world.profile)
    rec = Recommendation.objects.filter(subject_profile=world.profile).first()
    url = reverse("api-recommendation-feedback", args=[rec.pk])
    assert client_as(role).post(url, {"action": "dismissed"}).status_code == status
    assert RecommendationFeedback.objects.exists() is False


def _candidates_api(client, job_ad):
    return client.get(
        reverse("api-recommendation-candidates", args=[job_ad.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    ).json()


def test_job_candidates_api__profile_with_only_languages_published_is_not_listed(world, client):
    # given: skills, occupation and a wished municipality in the profile, only languages public
    profile_services.profile_publish(
        profile=world.profile, actor=world.profile.user, sections=["languages"]
    )
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    # when
    rows = _candidates_api(client, world.job_ad)
    # then
    assert rows == []


def test_job_candidates_api__names_only_the_published_skills(world, client):
    profile_services.profile_publish(
        profile=world.profile, actor=world.profile.user, sections=["skills", "languages"]
    )
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    [row] = _candidates_api(client, world.job_ad)
    assert row["factors"] == [
        {
            "code": "skills",
            "points": 40.0,
            "text": "Vastaava osaaminen (2/2): ruoanvalmistus, hygienia",
        }
    ]


def test_job_candidates_api__stored_factors_of_unpublished_sections_are_not_named(world, client):
    # given: an explanation computed while everything was published, then the publication
    # narrowed without a recomputation yet
    services.recommendations_refresh(job_ad=world.job_ad)
    JobseekerProfile.objects.filter(pk=world.profile.pk).update(published_sections=["skills"])
    client.force_login(world.employer)
    # when
    [row] = _candidates_api(client, world.job_ad)
    # then
    assert [f["code"] for f in row["factors"]] == ["skills"]
    assert "kokki" not in str(row)
    assert "Tampere" not in str(row)
