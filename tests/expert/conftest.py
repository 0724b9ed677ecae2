import pytest

from tests.conftest import login_with_second_factor
from tests.factories import (
    CaseFactory,
    CustomerProfileFactory,
    EserviceItemFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    JobOfferFactory,
    MunicipalityFactory,
    PlanFactory,
    PlanTaskFactory,
    ReferralFactory,
)


@pytest.fixture
def helsinki(db):
    return MunicipalityFactory(
        code="091", name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki"
    )


@pytest.fixture
def other_expert(helsinki):
    """An expert whose office serves only Helsinki."""
    return ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[helsinki]))


@pytest.fixture
def world(expert):
    """A case of a Tampere customer in the `expert` fixture's office, with a plan, a task, an
    accepted referral, a job offer and a registration item; plus a customer without a case."""
    office = expert.expert_memberships.get().office
    profile = CustomerProfileFactory(
        user__first_name="Kaisa", user__last_name="Kuusisto", user__email="kaisa@example.fi"
    )
    case = CaseFactory(profile=profile, office=office, responsible=expert)
    plan = PlanFactory(case=case)
    return {
        "case": case,
        "profile": profile,
        "plan": plan,
        "task": PlanTaskFactory(plan=plan),
        "referral": ReferralFactory(case=case, status="accepted"),
        "job_offer": JobOfferFactory(case=case),
        "item": EserviceItemFactory(applicant=profile.user),
        "no_case": CustomerProfileFactory(),
    }


def sign_in(client, user):
    from profiles.models import User

    if user.role in (User.Role.EXPERT, User.Role.PLATFORM_ADMIN):
        return login_with_second_factor(client, user)
    client.force_login(user)
    return client


def verified(user):
    """As django-otp's middleware leaves a user whose session was confirmed with a device."""
    user.is_verified = lambda: True
    return user
