import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from expert.models import (
    Case,
    CaseNote,
    ExpertMembership,
    JobOffer,
    Plan,
    PlanTask,
    Referral,
    ServiceNeedAssessment,
)
from tests.factories.catalog import ServiceFactory
from tests.factories.jobs import JobAdFactory
from tests.factories.skills import JobseekerProfileFactory
from tests.factories.users import ExpertOfficeFactory, ExpertUserFactory, MunicipalityFactory


class CustomerProfileFactory(JobseekerProfileFactory):
    """A jobseeker living in Tampere (the default office's area)."""

    home_municipality = factory.SubFactory(MunicipalityFactory)


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    profile = factory.SubFactory(CustomerProfileFactory)
    office = factory.LazyAttribute(
        lambda o: ExpertOfficeFactory(municipalities=[o.profile.home_municipality])
    )
    responsible = None
    reference = factory.Sequence(lambda n: f"AS-2026-{n:06X}")

    class Params:
        closed = factory.Trait(
            status=Case.Status.CLOSED,
            closed_at=factory.LazyFunction(timezone.now),
            outcome="open_market",
            outcome_date=factory.LazyFunction(timezone.localdate),
        )


def expert_for(case_or_office, *, team_lead=False):
    """An expert in the case's (or given) office."""
    office = getattr(case_or_office, "office", case_or_office)
    expert = ExpertUserFactory(office=office)
    if team_lead:
        ExpertMembership.objects.filter(user=expert, office=office).update(is_team_lead=True)
    return expert


class ServiceNeedAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = ServiceNeedAssessment

    case = factory.SubFactory(CaseFactory)
    work_ability = ServiceNeedAssessment.WorkAbility.FULL
    barriers = factory.LazyFunction(lambda: ["skills"])
    agreed_goal = "Työpaikka ravintola-alalta puolen vuoden kuluessa."


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    case = factory.SubFactory(CaseFactory)
    kind = Plan.Kind.EMPLOYMENT
    goal = "Työllistyminen kokiksi."


class PlanTaskFactory(DjangoModelFactory):
    class Meta:
        model = PlanTask

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Tehtävä {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


class CaseNoteFactory(DjangoModelFactory):
    class Meta:
        model = CaseNote

    case = factory.SubFactory(CaseFactory)
    text = "Asiakas kävi toimistolla."


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    service = factory.SubFactory(ServiceFactory)


class JobOfferFactory(DjangoModelFactory):
    class Meta:
        model = JobOffer

    case = factory.SubFactory(CaseFactory)
    job_ad = factory.SubFactory(JobAdFactory)
