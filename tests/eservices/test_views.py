import datetime

import pytest
from django.utils import timezone

from eservices.models import EserviceItem
from profiles.models import DataAccessLog
from tests.conftest import login_with_second_factor
from tests.factories import (
    EmployerUserFactory,
    EserviceItemFactory,
    ExpertUserFactory,
    JobseekerProfileFactory,
    WorkAbilityDetailsFactory,
)

pytestmark = pytest.mark.django_db


def test_registration__submitted_item_shows_reference_and_status(client, jobseeker):
    client.force_login(jobseeker)
    start = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        "/fi/e-services/register-as-unemployed/",
        {
            "start_date": start.isoformat(),
            "previous_work": "Myyjä",
            "education": "Merkonomi",
            "availability": "either",
            "confirm": "on",
        },
    )
    item = EserviceItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fi/e-services/{item.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert item.reference in detail
    listing = client.get("/fi/e-services/").content.decode()
    assert item.reference in listing


def test_registration__bad_date_shows_the_error_on_the_field(client, jobseeker):
    client.force_login(jobseeker)
    response = client.post(
        "/en/e-services/register-as-unemployed/",
        {
            "start_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "previous_work": "Myyjä",
            "education": "Merkonomi",
            "availability": "either",
            "confirm": "on",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_start_date-error"' in html
    assert "The start date can be at most two weeks from today." in html
    assert EserviceItem.objects.exists() is False


def test_wage_subsidy__employer_applies(client, employer):
    organisation = employer.employer_memberships.get().organisation
    client.force_login(employer)
    start = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        "/fi/e-services/wage-subsidy/",
        {
            "organisation": organisation.pk,
            "person_name": "Liisa Laine",
            "job_title": "Kokki",
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=90)).isoformat(),
            "weekly_hours": "30",
            "monthly_wage": "2100",
            "justification": "Työhönvalmennus",
        },
    )
    assert response.status_code == 302
    item = EserviceItem.objects.get()
    assert (item.kind, item.organisation, item.applicant) == (
        "wage_subsidy",
        organisation,
        employer,
    )
    # a colleague in the same organisation sees it, another employer does not
    colleague = EmployerUserFactory(organisation=organisation)
    client.force_login(colleague)
    assert client.get(f"/fi/e-services/{item.pk}/").status_code == 200
    client.force_login(EmployerUserFactory())
    assert client.get(f"/fi/e-services/{item.pk}/").status_code == 404


def test_wage_subsidy__other_organisation_is_refused(client, employer):
    other = EmployerUserFactory().employer_memberships.get().organisation
    client.force_login(employer)
    response = client.post("/fi/e-services/wage-subsidy/", {"organisation": other.pk})
    assert response.status_code == 400
    assert EserviceItem.objects.exists() is False


def test_item_api__expert_opening_is_logged_and_handler_sees_health_data(client):
    # given
    item = EserviceItemFactory()
    profile = JobseekerProfileFactory(user=item.subject, partial_work_ability=True)
    WorkAbilityDetailsFactory(profile=profile, reasons="Migreeni")
    expert = ExpertUserFactory()
    login_with_second_factor(client, expert)
    # when: before taking the item, no health data
    first = client.get(f"/api/v1/e-services/items/{item.pk}/").json()
    client.post(f"/api/v1/e-services/items/{item.pk}/process/")
    second = client.get(f"/api/v1/e-services/items/{item.pk}/").json()
    # then
    assert first["profile"]["work_ability_reasons"] == ""
    assert second["profile"]["work_ability_reasons"] == "Migreeni"
    entries = DataAccessLog.objects.filter(subject=item.subject)
    assert entries.count() == 2
    assert {e.purpose for e in entries} == {"expert"}
    assert {e.object_ref for e in entries} == {item.reference}


def test_item_api__another_expert_does_not_see_health_data(client):
    item = EserviceItemFactory()
    profile = JobseekerProfileFactory(user=item.subject, partial_work_ability=True)
    WorkAbilityDetailsFactory(profile=profile, reasons="Migreeni")
    handler = ExpertUserFactory()
    item.handler = handler
    item.status = "processing"
    item.save()
    login_with_second_factor(client, ExpertUserFactory())
    data = client.get(f"/api/v1/e-services/items/{item.pk}/").json()
    assert data["profile"]["work_ability_reasons"] == ""
    assert "Migreeni" not in str(data)


def test_item_list_api__expert_filters_by_status(client):
    EserviceItemFactory()
    decided = EserviceItemFactory(status="approved")
    login_with_second_factor(client, ExpertUserFactory())
    data = client.get("/api/v1/e-services/items/?status=approved").json()
    assert [r["reference"] for r in data["results"]] == [decided.reference]


def test_wage_subsidy_api__validates(client_as, employer):
    organisation = employer.employer_memberships.get().organisation
    client = client_as("employer")
    response = client.post(
        "/api/v1/e-services/wage-subsidies/",
        {"organisation": organisation.pk, "person_name": "X"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "job_title" in response.json()
    assert EserviceItem.objects.exists() is False
