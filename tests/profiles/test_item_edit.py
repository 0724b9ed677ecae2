"""Correcting an entry of the work history or education: the owner edits it on its own page
(prefilled, same checks as adding); anyone else — another jobseeker, an employer, a
provider, an expert, an admin, an anonymous visitor — gets nothing and changes nothing."""

import datetime

import pytest

from profiles import services
from profiles.models import Education, WorkExperience
from tests.conftest import ROLES
from tests.factories import EducationFactory, JobseekerProfileFactory, WorkExperienceFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def work_url(entry, lang="fi"):
    return f"/{lang}/profile/entries/work/{entry.pk}/edit/"


@pytest.fixture
def own_work(jobseeker):
    return WorkExperienceFactory(
        profile=JobseekerProfileFactory(user=jobseeker),
        title="Kokki",
        employer_name="Ravintola Aalto",
        start_date=datetime.date(2022, 3, 1),
        end_date=None,
        description="Lounaat",
    )


def test_edit_page__prefilled_with_the_entry(client_as, own_work):
    response = client_as("jobseeker").get(work_url(own_work, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Edit work experience</h1>" in html
    assert 'value="Kokki"' in html
    assert 'value="Ravintola Aalto"' in html
    assert 'value="2022-03-01"' in html
    assert "Lounaat</textarea>" in html


def test_edit__saves_the_end_date_and_returns_to_the_profile(client_as, own_work):
    response = client_as("jobseeker").post(
        work_url(own_work),
        {
            "title": "Kokki",
            "employer_name": "Ravintola Aalto",
            "start_date": "2022-03-01",
            "end_date": "2024-06-30",
            "description": "Lounaat ja juhlat",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/fi/profile/"
    own_work.refresh_from_db()
    assert own_work.end_date == datetime.date(2024, 6, 30)
    assert own_work.description == "Lounaat ja juhlat"


def test_edit__bad_dates_refused_with_the_input_kept_and_nothing_saved(client_as, own_work):
    response = client_as("jobseeker").post(
        work_url(own_work, "en"),
        {"title": "Pääkokki", "start_date": "2022-03-01", "end_date": "2021-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date cannot be before the start date." in html
    assert 'value="Pääkokki"' in html
    own_work.refresh_from_db()
    assert (own_work.title, own_work.end_date) == ("Kokki", None)


def test_edit__education_marked_completed(client_as, jobseeker):
    entry = EducationFactory(
        profile=JobseekerProfileFactory(user=jobseeker), completed=False, end_date=None
    )
    client = client_as("jobseeker")
    assert client.get(f"/sv/profile/entries/education/{entry.pk}/edit/").status_code == 200
    response = client.post(
        f"/fi/profile/entries/education/{entry.pk}/edit/",
        {
            "degree": entry.degree,
            "institution": "Tredu",
            "level": "32",
            "completed": "on",
            "end_date": "2023-05-31",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.completed, entry.end_date) == (True, datetime.date(2023, 5, 31))


@pytest.mark.parametrize("kind", ["language", "free-skill", "salary"])
def test_edit__kinds_without_an_edit_page_are_not_found(client_as, own_work, kind):
    assert (
        client_as("jobseeker").get(f"/fi/profile/entries/{kind}/{own_work.pk}/edit/").status_code
        == 404
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_edit__someone_elses_entry(client_as, role, method):
    """The entry belongs to another jobseeker: 404 to a jobseeker, sign-in to an anonymous
    visitor, 403 to the other roles; never shown, never changed."""
    entry = WorkExperienceFactory(title="Kokki", employer_name="Salainen Oy")
    response = getattr(client_as(role), method)(
        work_url(entry), {"title": "Muutettu", "start_date": "2022-01-01"}
    )
    expected = {"anonymous": 302, "jobseeker": 404}.get(role, 403)
    assert response.status_code == expected
    assert "Salainen Oy" not in response.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Kokki"


def test_work_experience_update__another_persons_entry_is_not_found(jobseeker):
    other = WorkExperienceFactory(title="Kokki")
    profile = services.jobseeker_profile_get_or_create(user=jobseeker)
    with pytest.raises(ApplicationError) as error:
        services.work_experience_update(
            profile=profile,
            actor=jobseeker,
            item_id=other.pk,
            title="Muutettu",
            employer_name="",
            start_date=datetime.date(2022, 1, 1),
        )
    assert error.value.code == "not_found"
    assert WorkExperience.objects.get(pk=other.pk).title == "Kokki"


def test_education_update__not_the_actors_profile_is_refused(jobseeker):
    entry = EducationFactory()
    with pytest.raises(ApplicationError) as error:
        services.education_update(
            profile=entry.profile, actor=jobseeker, item_id=entry.pk, degree="Muutettu"
        )
    assert error.value.code == "forbidden"
    assert Education.objects.get(pk=entry.pk).degree != "Muutettu"


def test_overview__each_job_and_qualification_has_an_edit_link_named_by_it(client_as, own_work):
    entry = EducationFactory(profile=own_work.profile, degree="Kokin tutkinto")
    html = client_as("jobseeker").get("/en/profile/").content.decode()
    assert (
        f'href="/en/profile/entries/work/{own_work.pk}/edit/" class="entry-edit">Edit'
        '<span class="visually-hidden"> – Kokki</span>' in html
    )
    assert (
        f'href="/en/profile/entries/education/{entry.pk}/edit/" class="entry-edit">Edit'
        '<span class="visually-hidden"> – Kokin tutkinto</span>' in html
    )
