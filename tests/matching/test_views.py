from unittest.mock import patch

import pytest
from django.urls import reverse

from matching import services
from matching.models import Kind, Recommendation, RecommendationFeedback
from profiles import services as profile_services
from profiles.models import JobseekerProfile
from tests.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db

FOR_ME = "matching:for-me"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("jobseeker", 200),
        ("employer", 403),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_for_me_view__per_role(client_as, role, status):
    response = client_as(role).get(reverse(FOR_ME))
    assert response.status_code == status


def test_for_me_view__shows_services_jobs_and_why(world, client):
    # given
    services.recommendations_refresh(profile=world.profile)
    client.force_login(world.profile.user)
    # when
    response = client.get(reverse(FOR_ME))
    # then
    html = response.content.decode()
    assert world.course.name_fi in html
    assert world.job_ad.title_fi in html
    assert "ruoanvalmistus, hygienia" in html  # matching skills, in Finnish
    assert "css/matching.css" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_for_me_view__renders_in_each_language(world, client, language):
    services.recommendations_refresh(profile=world.profile)
    client.force_login(world.profile.user)
    response = client.get(f"/{language}/recommendations/")
    assert response.status_code == 200
    expected = {"fi": "kokki", "sv": "kock", "en": "cook"}[language]
    assert expected in response.content.decode()


def test_for_me_view__empty_profile_gets_advice_not_an_error(jobseeker, client):
    client.force_login(jobseeker)
    response = client.get(reverse(FOR_ME))
    assert response.status_code == 200
    assert JobseekerProfile.objects.filter(user=jobseeker).exists()


def test_feedback_view__dismiss_hides_the_recommendation(world, client):
    services.recommendations_refresh(profile=world.profile)
    rec = Recommendation.objects.get(subject_profile=world.profile, kind=Kind.SERVICE)
    client.force_login(world.profile.user)
    response = client.post(
        reverse("matching:feedback", args=[rec.pk]), {"action": "dismissed", "next": "/fi/"}
    )
    assert response.status_code == 302
    assert response.url == "/fi/"
    assert RecommendationFeedback.objects.get().action == "dismissed"
    assert world.course.name_fi not in client.get(reverse(FOR_ME)).content.decode()


@pytest.mark.parametrize("role", ["jobseeker", "employer", "provider_user", "expert"])
def test_feedback_view__someone_elses_recommendation_is_404_and_nothing_stored(
    world, client_as, role
):
    services.recommendations_refresh(profile=world.profile)
    rec = Recommendation.objects.filter(subject_profile=world.profile).first()
    response = client_as(role).post(
        reverse("matching:feedback", args=[rec.pk]), {"action": "dismissed"}
    )
    assert response.status_code == 404
    assert RecommendationFeedback.objects.exists() is False


def test_feedback_view__anonymous_is_sent_to_login(world, client):
    response = client.post(reverse("matching:feedback", args=[1]), {"action": "saved"})
    assert response.status_code == 302
    assert RecommendationFeedback.objects.exists() is False


def test_refresh_view__schedules_for_the_jobseeker(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.profile.user)
    with (
        patch("matching.tasks.recommendations_refresh_profile_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("matching:refresh"))
    assert response.status_code == 302
    delay.assert_called_once_with(profile_id=world.profile.pk)


@pytest.mark.parametrize("role", ["anonymous", "employer", "expert"])
def test_refresh_view__others_cannot_schedule(client_as, role, django_capture_on_commit_callbacks):
    with (
        patch("matching.tasks.recommendations_refresh_profile_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_as(role).post(reverse("matching:refresh"))
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert delay.call_count == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 404),  # an employer, but not of this ad's organisation
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_job_candidates_view__per_role(world, client_as, role, status):
    response = client_as(role).get(reverse("matching:job-candidates", args=[world.job_ad.pk]))
    assert response.status_code == status


def test_job_candidates_view__pseudonymous_links_to_contact_flow(world, client):
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    response = client.get(reverse("matching:job-candidates", args=[world.job_ad.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.profile.pseudonym in html
    assert reverse("profiles:candidate-detail", args=[world.profile.public_id]) in html
    assert world.profile.user.email not in html
    assert world.profile.user.last_name not in html


def test_job_candidates_view__private_profile_is_not_listed(world, client):
    private = world.private_profile()
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    html = client.get(reverse("matching:job-candidates", args=[world.job_ad.pk])).content.decode()
    assert private.pseudonym not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 200),
        ("provider_user", 403),
        ("expert", 403),
        ("platform_admin", 403),
    ],
)
def test_employer_services_view__per_role(client_as, role, status):
    response = client_as(role).get(reverse("matching:employer-services"))
    assert response.status_code == status


def test_employer_services_view__lists_recruitment_help(world, client):
    services.recommendations_refresh(organisation=world.organisation)
    client.force_login(world.employer)
    html = client.get(reverse("matching:employer-services")).content.decode()
    assert world.recruitment.name_fi in html
    assert world.course.name_fi not in html


def test_navigation__jobseeker_sees_recommendations_link(client):
    client.force_login(JobseekerProfileFactory().user)
    html = client.get("/fi/").content.decode()
    assert reverse(FOR_ME) in html


def _candidates_page(client, job_ad) -> str:
    response = client.get(reverse("matching:job-candidates", args=[job_ad.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_job_candidates_view__profile_with_only_languages_published_is_not_listed(world, client):
    # given: skills, occupation and a wished municipality in the profile, only languages public
    profile_services.profile_publish(
        profile=world.profile, actor=world.profile.user, sections=["languages"]
    )
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    # when
    html = _candidates_page(client, world.job_ad)
    # then
    assert world.profile.pseudonym not in html
    for leak in ("kokki", "ruoanvalmistus", "hygienia", "Tampere"):
        assert leak not in html


def test_job_candidates_view__explains_by_published_skills_only(world, client):
    profile_services.profile_publish(
        profile=world.profile, actor=world.profile.user, sections=["skills"]
    )
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    html = _candidates_page(client, world.job_ad)
    assert world.profile.pseudonym in html
    assert "Vastaava osaaminen (2/2): ruoanvalmistus, hygienia" in html
    assert "kokki" not in html
    assert "Tampere" not in html


def test_job_candidates_view__narrower_consent_removes_the_explanation(
    world, client, django_capture_on_commit_callbacks
):
    # given: the employer has seen the candidate explained by occupation and place
    services.recommendations_refresh(job_ad=world.job_ad)
    client.force_login(world.employer)
    html = _candidates_page(client, world.job_ad)
    assert "kokki" in html
    assert "Tampere" in html
    # when: the jobseeker keeps only the skills published (refresh after commit)
    with django_capture_on_commit_callbacks(execute=True):
        profile_services.profile_publish(
            profile=world.profile, actor=world.profile.user, sections=["skills"]
        )
    # then
    html = _candidates_page(client, world.job_ad)
    assert world.profile.pseudonym in html
    assert "kokki" not in html
    assert "Tampere" not in html
