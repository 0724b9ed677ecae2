import datetime

import pytest
from django.utils import timezone

from eservices.models import EserviceItem
from expert.models import Case
from expert.services import ESERVICE_ITEM_SECTIONS
from profiles.models import DataAccessLog
from tests.conftest import login_with_second_factor
from tests.factories import (
    CustomerProfileFactory,
    EmployerUserFactory,
    EserviceItemFactory,
    ExpertUserFactory,
    MunicipalityFactory,
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
    tampere = MunicipalityFactory()
    client.force_login(employer)
    start = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        "/fi/e-services/wage-subsidy/",
        {
            "organisation": organisation.pk,
            "person_name": "Liisa Laine",
            "job_title": "Kokki",
            "municipality": tampere.code,
            "start_date": start.isoformat(),
            "end_date": (start + datetime.timedelta(days=90)).isoformat(),
            "weekly_hours": "30",
            "monthly_wage": "2100",
            "justification": "Työhönvalmennus",
        },
    )
    assert response.status_code == 302
    item = EserviceItem.objects.get()
    assert (item.kind, item.organisation, item.applicant, item.municipality) == (
        "wage_subsidy",
        organisation,
        employer,
        tampere,
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


def test_item_api__expert_of_the_area_reads_the_item_logged_without_health_data(client):
    # given: a Tampere customer with work ability details, the default (Tampere) expert
    item = EserviceItemFactory(applicant=CustomerProfileFactory(partial_work_ability=True).user)
    WorkAbilityDetailsFactory(profile=item.subject.jobseeker_profile, reasons="Migreeni")
    expert = ExpertUserFactory()
    login_with_second_factor(client, expert)
    # when: before and after taking the item
    first = client.get(f"/api/v1/e-services/items/{item.pk}/").json()
    client.post(f"/api/v1/e-services/items/{item.pk}/process/")
    second = client.get(f"/api/v1/e-services/items/{item.pk}/").json()
    # then: the item as on the expert's page; health data is read on the customer page
    case = Case.objects.get(profile__user=item.subject, status="open")
    assert (first["reference"], first["applicant_name"], first["case"]) == (
        item.reference,
        item.subject.get_full_name(),
        None,
    )
    assert (second["status"], second["case"]) == ("processing", case.reference)
    assert "profile" not in second
    assert "Migreeni" not in str(first) + str(second)
    entries = list(DataAccessLog.objects.filter(subject=item.subject).order_by("pk"))
    assert [(e.purpose, e.object_ref) for e in entries] == [
        ("expert", item.reference),
        ("expert", case.reference),
    ]
    assert {tuple(e.sections) for e in entries} == {tuple(ESERVICE_ITEM_SECTIONS)}


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
