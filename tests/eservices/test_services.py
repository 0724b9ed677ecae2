import datetime
import re

import pytest
from django.utils import timezone, translation

from eservices import services
from eservices.models import EserviceItem
from tests.factories import (
    CustomerProfileFactory,
    EmployerOrganisationFactory,
    EmployerUserFactory,
    EserviceItemFactory,
    ExpertUserFactory,
    JobseekerProfileFactory,
    MunicipalityFactory,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _verified(user):
    """An expert whose session is confirmed with a second factor (as in the views)."""
    user.is_verified = lambda: True
    return user


def _registration(actor, **overrides):
    values = {
        "actor": actor,
        "start_date": timezone.localdate() + datetime.timedelta(days=7),
        "previous_work": "Myyjä, kenkäkauppa",
        "education": "Merkonomi",
        "availability": "full_time",
    }
    values.update(overrides)
    return services.unemployment_registration_submit(**values)


def test_registration_submit__received_with_a_reference_number(jobseeker):
    item = _registration(jobseeker, phone="040 1234567")
    assert item.status == EserviceItem.Status.RECEIVED
    assert re.fullmatch(rf"TH-{timezone.localdate().year}-\d{{6}}", item.reference)
    assert (item.applicant, item.subject, item.kind) == (jobseeker, jobseeker, "registration")
    assert item.data["phone"] == "040 1234567"


def test_registration_submit__reference_numbers_are_unique_and_increasing(jobseeker):
    from tests.factories import JobseekerUserFactory

    first = _registration(jobseeker)
    second = _registration(JobseekerUserFactory())
    assert second.number == first.number + 1
    assert first.reference != second.reference


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_date": None}, "start_date", "This field is required."),
        ({"start_date": "not a date"}, "start_date", "Enter a valid date."),
        (
            {"start_date": datetime.date(2000, 1, 1)},
            "start_date",
            "The start date can be at most one year ago.",
        ),
        ({"previous_work": "  "}, "previous_work", "This field is required."),
        ({"availability": "sometimes"}, "availability", "Choose from the list."),
        ({"education_level": "99"}, "education_level", "Choose from the list."),
    ],
)
def test_registration_submit__bad_input_is_refused(jobseeker, overrides, field, message):
    with translation.override("en"), pytest.raises(ApplicationError) as error:
        _registration(jobseeker, **overrides)
    assert (error.value.field, error.value.message) == (field, message)
    assert EserviceItem.objects.exists() is False


def test_registration_submit__second_open_registration_is_refused(jobseeker):
    _registration(jobseeker)
    with pytest.raises(ApplicationError):
        _registration(jobseeker)
    assert EserviceItem.objects.count() == 1


def test_registration_submit__employer_is_refused():
    with pytest.raises(ApplicationError) as error:
        _registration(EmployerUserFactory())
    assert error.value.code == "forbidden"
    assert EserviceItem.objects.exists() is False


def _wage_subsidy(actor, organisation, **overrides):
    start = timezone.localdate() + datetime.timedelta(days=14)
    values = {
        "actor": actor,
        "organisation": organisation,
        "municipality": MunicipalityFactory(),
        "person_name": "Matti Virtanen",
        "job_title": "Varastotyöntekijä",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=180),
        "weekly_hours": "37.5",
        "monthly_wage": "2400",
        "justification": "Perehdytys",
    }
    values.update(overrides)
    return services.wage_subsidy_apply(**values)


def test_wage_subsidy_apply__received(employer):
    organisation = employer.employer_memberships.get().organisation
    item = _wage_subsidy(employer, organisation)
    assert item.reference.startswith("PT-")
    assert (item.organisation, item.subject, item.status) == (organisation, None, "received")
    assert item.municipality_id == "837"
    assert item.data["monthly_wage"] == "2400.00"


def test_wage_subsidy_apply__workplace_municipality_is_required(employer):
    organisation = employer.employer_memberships.get().organisation
    with translation.override("en"), pytest.raises(ApplicationError) as error:
        _wage_subsidy(employer, organisation, municipality=None)
    assert (error.value.field, error.value.message) == (
        "municipality",
        "Choose the municipality of the workplace.",
    )
    assert EserviceItem.objects.exists() is False


def test_wage_subsidy_apply__other_organisation_is_refused(employer):
    with pytest.raises(ApplicationError) as error:
        _wage_subsidy(employer, EmployerOrganisationFactory())
    assert error.value.code == "forbidden"
    assert EserviceItem.objects.exists() is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"weekly_hours": "50"}, "weekly_hours"),
        ({"monthly_wage": "abc"}, "monthly_wage"),
        ({"start_date": datetime.date(2020, 1, 1)}, "start_date"),
        ({"justification": ""}, "justification"),
    ],
)
def test_wage_subsidy_apply__bad_input_is_refused(employer, overrides, field):
    organisation = employer.employer_memberships.get().organisation
    with pytest.raises(ApplicationError) as error:
        _wage_subsidy(employer, organisation, **overrides)
    assert error.value.field == field
    assert EserviceItem.objects.exists() is False


def _tampere_item(**kwargs):
    """A registration of a customer living in Tampere (the default expert office's area)."""
    return EserviceItemFactory(applicant=CustomerProfileFactory().user, **kwargs)


def test_eservice_decide__expert_approves_registration_and_profile_gets_the_date():
    # given
    item = _tampere_item()
    profile = JobseekerProfileFactory(user=item.subject)
    expert = _verified(ExpertUserFactory())
    # when
    services.eservice_start_processing(item=item, actor=expert)
    services.eservice_decide(item=item, actor=expert, decision="approved")
    # then
    item.refresh_from_db()
    profile.refresh_from_db()
    assert (item.status, item.handler, item.decided_by) == ("approved", expert, expert)
    assert item.decided_at is not None
    assert profile.unemployed_since == datetime.date(2026, 1, 5)


def test_eservice_decide__rejection_needs_a_reason():
    item = EserviceItemFactory(wage_subsidy=True, applicant=EmployerUserFactory())
    expert = _verified(ExpertUserFactory())
    with pytest.raises(ApplicationError) as error:
        services.eservice_decide(item=item, actor=expert, decision="rejected", reason=" ")
    assert error.value.field == "reason"
    item.refresh_from_db()
    assert item.status == "received"
    services.eservice_decide(item=item, actor=expert, decision="rejected", reason="Ei edellytyksiä")
    item.refresh_from_db()
    assert (item.status, item.decision_reason) == ("rejected", "Ei edellytyksiä")


def test_eservice_decide__decided_item_cannot_be_decided_again():
    item = _tampere_item()
    expert = _verified(ExpertUserFactory())
    services.eservice_decide(item=item, actor=expert, decision="approved")
    with pytest.raises(ApplicationError) as error:
        services.eservice_decide(item=item, actor=expert, decision="rejected", reason="x")
    assert error.value.code == "state"
    item.refresh_from_db()
    assert item.status == "approved"


@pytest.mark.parametrize("actor_kind", ["jobseeker", "employer", "unverified_expert", "admin"])
def test_eservice_decide__only_verified_experts(actor_kind, jobseeker, employer, platform_admin):
    item = _tampere_item()
    actor = {
        "jobseeker": item.applicant,
        "employer": employer,
        "unverified_expert": ExpertUserFactory(),
        "admin": platform_admin,
    }[actor_kind]
    with pytest.raises(ApplicationError) as error:
        services.eservice_decide(item=item, actor=actor, decision="approved")
    assert error.value.code == "forbidden"
    item.refresh_from_db()
    assert (item.status, item.decided_by) == ("received", None)


def test_eservice_decide__unknown_decision_is_refused():
    item = _tampere_item()
    with pytest.raises(ApplicationError) as error:
        services.eservice_decide(item=item, actor=_verified(ExpertUserFactory()), decision="maybe")
    assert error.value.field == "decision"
    item.refresh_from_db()
    assert item.status == "received"
