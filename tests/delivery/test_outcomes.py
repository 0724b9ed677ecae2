"""Outcomes: reported by the provider, confirmed (or returned) by an employment expert."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from delivery.models import Participation
from delivery.services import outcomes as outcome_services
from expert.models import Referral
from tests.conftest import login_with_second_factor
from tests.factories import (
    EmployerUserFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    MunicipalityFactory,
    ProviderFactory,
    ProviderUserFactory,
    ServiceFactory,
)
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tests.factories.expert import CaseFactory, ReferralFactory, expert_for
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    provider = ProviderFactory()
    service = ServiceFactory(provider=provider)
    member = ProviderUserFactory(provider=provider)
    group = ServiceGroupFactory(service=service, coaches=[member], name="Etäryhmä")
    case = CaseFactory()
    referrer = verified(expert_for(case))
    referral = ReferralFactory(case=case, service=service, proposed_by=referrer, status="started")
    participation = ParticipationFactory(group=group, user=case.profile.user, referral=referral)
    return SimpleNamespace(
        provider=provider,
        member=member,
        group=group,
        case=case,
        referrer=referrer,
        area_expert=verified(expert_for(case)),
        referral=referral,
        participation=participation,
    )


def verified(user):
    """As django-otp's middleware leaves a user whose session was confirmed with a device."""
    user.is_verified = lambda: True
    return user


def client_for(user):
    client = Client()
    if user is None:
        return client
    if user.role in ("expert", "admin"):
        return login_with_second_factor(client, user)
    client.force_login(user)
    return client


def report_url(participation):
    return reverse("followup:outcome-report", kwargs={"participation_id": participation.uuid})


def confirm_url(participation):
    return reverse("followup:outcome-confirm", kwargs={"participation_id": participation.uuid})


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


def reported(world, outcome="open_market", day=None):
    return outcome_services.outcome_report(
        actor=world.member,
        participation=world.participation,
        outcome=outcome,
        outcome_date=day or yesterday(),
        note="Sai työpaikan kahvilasta.",
    )


def other_area_expert():
    helsinki = MunicipalityFactory(code="091", name_fi="Helsinki", name_sv="Helsingfors")
    return ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[helsinki]))


# --- Reporting ----------------------------------------------------------------------------------


def test_report__provider_member_reports_an_outcome(world):
    response = client_for(world.member).post(
        report_url(world.participation),
        {"outcome": "education", "outcome_date": yesterday(), "note": "Aloittaa koulutuksen."},
    )
    assert response.status_code == 302
    world.participation.refresh_from_db()
    assert world.participation.outcome == "education"
    assert world.participation.outcome_date == yesterday()
    assert world.participation.outcome_note == "Aloittaa koulutuksen."
    assert world.participation.outcome_reported_by == world.member
    assert world.participation.outcome_reported_at is not None
    assert world.participation.outcome_confirmed_at is None


def test_report__non_coach_member_of_the_provider_may_report(world):
    colleague = ProviderUserFactory(provider=world.provider)
    response = client_for(colleague).post(
        report_url(world.participation), {"outcome": "service", "outcome_date": yesterday()}
    )
    assert response.status_code == 302
    world.participation.refresh_from_db()
    assert world.participation.outcome == "service"


def test_report__can_be_changed_until_confirmed(world):
    reported(world)
    response = client_for(world.member).post(
        report_url(world.participation), {"outcome": "education", "outcome_date": yesterday()}
    )
    assert response.status_code == 302
    world.participation.refresh_from_db()
    assert world.participation.outcome == "education"


def test_report__future_date_refused_with_input_kept(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(world.member).post(
        report_url(world.participation),
        {"outcome": "open_market", "outcome_date": tomorrow, "note": "Tuleva työpaikka"},
    )
    assert response.status_code == 400
    assert "Tuleva työpaikka" in response.content.decode()
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""


def test_report__date_before_joining_refused(world):
    before = world.participation.joined_on - datetime.timedelta(days=1)
    response = client_for(world.member).post(
        report_url(world.participation), {"outcome": "open_market", "outcome_date": before}
    )
    assert response.status_code == 400
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""


def test_report__unknown_outcome_refused(world):
    response = client_for(world.member).post(
        report_url(world.participation), {"outcome": "lottery", "outcome_date": yesterday()}
    )
    assert response.status_code == 400
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""


def test_report__other_provider_gets_404_and_nothing_changes(world):
    outsider = ProviderUserFactory(provider=ProviderFactory())
    client = client_for(outsider)
    assert client.get(report_url(world.participation)).status_code == 404
    response = client.post(
        report_url(world.participation), {"outcome": "open_market", "outcome_date": yesterday()}
    )
    assert response.status_code == 404
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""
    with pytest.raises(ApplicationError) as error:
        outcome_services.outcome_report(
            actor=outsider,
            participation=world.participation,
            outcome="open_market",
            outcome_date=yesterday(),
        )
    assert error.value.code == "forbidden"


@pytest.mark.parametrize("who", ["participant", "expert", "employer"])
def test_report__other_roles_are_refused(world, who):
    user = {
        "participant": world.participation.user,
        "expert": world.referrer,
        "employer": EmployerUserFactory(),
    }[who]
    response = client_for(user).post(
        report_url(world.participation), {"outcome": "open_market", "outcome_date": yesterday()}
    )
    assert response.status_code == 403
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""


def test_report__anonymous_is_sent_to_sign_in(world):
    response = client_for(None).get(report_url(world.participation))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_report__cannot_change_after_confirmation(world):
    reported(world)
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    response = client_for(world.member).post(
        report_url(world.participation), {"outcome": "education", "outcome_date": yesterday()}
    )
    assert response.status_code == 409
    world.participation.refresh_from_db()
    assert world.participation.outcome == "open_market"
    page = client_for(world.member).get(report_url(world.participation)).content.decode()
    assert 'name="outcome"' not in page


# --- The expert's list --------------------------------------------------------------------------


def test_list__area_expert_sees_reports_of_the_area(world):
    reported(world)
    response = client_for(world.area_expert).get(reverse("followup:outcomes"))
    assert response.status_code == 200
    body = response.content.decode()
    assert confirm_url(world.participation) in body
    assert world.case.profile.pseudonym in body
    assert world.case.profile.user.last_name not in body


def test_list__unreported_and_confirmed_are_not_listed(world):
    response = client_for(world.area_expert).get(reverse("followup:outcomes"))
    assert confirm_url(world.participation) not in response.content.decode()
    reported(world)
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    response = client_for(world.area_expert).get(reverse("followup:outcomes"))
    assert confirm_url(world.participation) not in response.content.decode()


def test_list__expert_of_another_area_sees_nothing(world):
    reported(world)
    response = client_for(other_area_expert()).get(reverse("followup:outcomes"))
    assert response.status_code == 200
    assert confirm_url(world.participation) not in response.content.decode()


@pytest.mark.parametrize("role", ["jobseeker", "provider_user", "employer"])
def test_list__non_experts_get_403(client_as, role):
    assert client_as(role).get(reverse("followup:outcomes")).status_code == 403


def test_worklist__links_the_outcome_list(world):
    body = client_for(world.area_expert).get(reverse("expert:worklist")).content.decode()
    assert reverse("followup:outcomes") in body


# --- Confirming and returning -------------------------------------------------------------------


def test_confirm__completes_participation_and_referral(world):
    reported(world)
    response = client_for(world.area_expert).post(
        confirm_url(world.participation), {"action": "confirm"}
    )
    assert response.status_code == 302
    world.participation.refresh_from_db()
    assert world.participation.outcome_confirmed_by == world.area_expert
    assert world.participation.outcome_confirmed_at is not None
    assert world.participation.status == Participation.Status.COMPLETED
    assert world.participation.left_on == yesterday()
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.COMPLETED
    assert world.referral.outcome == "open_market"
    assert world.referral.ended_at is not None


def test_confirm__accepted_referral_is_started_and_completed(world):
    Referral.objects.filter(pk=world.referral.pk).update(status="accepted")
    reported(world, outcome="education")
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.COMPLETED
    assert world.referral.outcome == "education"
    assert world.referral.started_at is not None


def test_confirm__unemployment_before_the_end_interrupts(world):
    reported(world, outcome="unemployment")
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    world.participation.refresh_from_db()
    assert world.participation.status == Participation.Status.INTERRUPTED
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.INTERRUPTED
    assert world.referral.outcome == "unemployment"


def test_confirm__without_referral_only_ends_the_participation(world):
    plain = ParticipationFactory(group=world.group)
    outcome_services.outcome_report(
        actor=world.member, participation=plain, outcome="open_market", outcome_date=yesterday()
    )
    outcome_services.outcome_confirm(actor=world.area_expert, participation=plain)
    plain.refresh_from_db()
    assert plain.status == Participation.Status.COMPLETED
    assert plain.outcome_confirmed_by == world.area_expert


def test_confirm__without_a_reported_outcome_is_refused(world):
    response = client_for(world.area_expert).post(
        confirm_url(world.participation), {"action": "confirm"}
    )
    assert response.status_code == 409
    world.participation.refresh_from_db()
    assert world.participation.outcome_confirmed_at is None
    assert world.participation.status == Participation.Status.ACTIVE
    with pytest.raises(ApplicationError) as error:
        outcome_services.outcome_confirm(actor=world.area_expert, participation=world.participation)
    assert error.value.code == "no_outcome"


def test_confirm__twice_is_refused(world):
    reported(world)
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    with pytest.raises(ApplicationError) as error:
        outcome_services.outcome_confirm(actor=world.area_expert, participation=world.participation)
    assert error.value.code == "final"


def test_confirm__expert_of_another_area_gets_404(world):
    reported(world)
    client = client_for(other_area_expert())
    assert client.get(confirm_url(world.participation)).status_code == 404
    assert client.post(confirm_url(world.participation), {"action": "confirm"}).status_code == 404
    world.participation.refresh_from_db()
    assert world.participation.outcome_confirmed_at is None


@pytest.mark.parametrize("who", ["member", "participant"])
def test_confirm__provider_and_participant_are_refused(world, who):
    reported(world)
    user = world.member if who == "member" else world.participation.user
    response = client_for(user).post(confirm_url(world.participation), {"action": "confirm"})
    assert response.status_code == 403
    world.participation.refresh_from_db()
    assert world.participation.outcome_confirmed_at is None
    with pytest.raises(ApplicationError):
        outcome_services.outcome_confirm(actor=user, participation=world.participation)


def test_confirm__referring_expert_outside_the_area_gets_404(world):
    # The area rule (tori.permissions.expert_serves_municipality) holds for outcomes too: a
    # referring expert whose customer is no longer in their area no longer sees them.
    outsider = other_area_expert()
    Referral.objects.filter(pk=world.referral.pk).update(proposed_by=outsider)
    world.participation.refresh_from_db()
    reported(world)
    page = client_for(outsider).get(confirm_url(world.participation))
    response = client_for(outsider).post(confirm_url(world.participation), {"action": "confirm"})
    assert (page.status_code, response.status_code) == (404, 404)
    world.participation.refresh_from_db()
    assert world.participation.outcome_confirmed_at is None
    assert world.participation.outcome_confirmed_by is None
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.STARTED


def test_return__clears_outcome_and_keeps_note_for_the_provider(world):
    reported(world)
    response = client_for(world.area_expert).post(
        confirm_url(world.participation),
        {"action": "return", "note": "Tarkista päivämäärä: työ alkoi vasta maanantaina."},
    )
    assert response.status_code == 302
    world.participation.refresh_from_db()
    assert world.participation.outcome == ""
    assert world.participation.outcome_date is None
    assert world.participation.outcome_reported_at is None
    assert world.participation.outcome_note == "Tarkista päivämäärä: työ alkoi vasta maanantaina."
    assert world.participation.status == Participation.Status.ACTIVE
    page = client_for(world.member).get(report_url(world.participation)).content.decode()
    assert "Tarkista päivämäärä: työ alkoi vasta maanantaina." in page
    group_page = client_for(world.member).get(
        reverse("followup:group", kwargs={"group_id": world.group.uuid})
    )
    assert "Asiantuntija palautti" in group_page.content.decode()  # "Returned by the expert"
    world.referral.refresh_from_db()
    assert world.referral.status == Referral.Status.STARTED


def test_return__without_a_note_is_refused(world):
    reported(world)
    response = client_for(world.area_expert).post(
        confirm_url(world.participation), {"action": "return", "note": ""}
    )
    assert response.status_code == 400
    world.participation.refresh_from_db()
    assert world.participation.outcome == "open_market"


def test_return__after_confirmation_is_refused(world):
    reported(world)
    outcome_services.outcome_confirm(actor=world.referrer, participation=world.participation)
    response = client_for(world.area_expert).post(
        confirm_url(world.participation), {"action": "return", "note": "Liian myöhään"}
    )
    assert response.status_code == 409
    world.participation.refresh_from_db()
    assert world.participation.outcome == "open_market"
    assert world.participation.outcome_confirmed_at is not None


def test_confirm_page__shows_the_report_to_the_area_expert(world):
    reported(world)
    response = client_for(world.area_expert).get(confirm_url(world.participation))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sai työpaikan kahvilasta." in body
    assert 'value="confirm"' in body
    # Not the referrer: no diary link.
    assert reverse("followup:diary", kwargs={"participation_id": world.participation.uuid}) not in (
        body
    )
