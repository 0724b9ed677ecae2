"""The area rule for experts on cases (customer page, assessment, plans, tasks, notes,
referrals, job offers, closing), work ability, recommendations, diaries and outcomes: a Vantaa
expert and a Tampere customer's case get 404, change nothing and log nothing; the Tampere
expert's same request works. Lists (visible_to) and details (the predicates) agree."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eservices.models import EserviceItem
from expert.models import (
    Case,
    CaseNote,
    JobOffer,
    Plan,
    PlanTask,
    Referral,
    ServiceNeedAssessment,
)
from profiles.models import DataAccessLog
from tests.conftest import login_with_second_factor
from tests.expert.conftest import verified
from tests.factories import (
    CaseFactory,
    CustomerProfileFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    JobAdFactory,
    MunicipalityFactory,
    ServiceFactory,
    WorkAbilityDetailsFactory,
)
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tori import permissions as perms

pytestmark = pytest.mark.django_db


@pytest.fixture
def vantaa(db):
    return MunicipalityFactory(code="092", name_fi="Vantaa", name_sv="Vanda", name_en="Vantaa")


@pytest.fixture
def vantaa_expert(vantaa):
    return ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[vantaa]))


def _as(user):
    return login_with_second_factor(Client(), user)


def _case_url(name, **extra):
    return lambda w: reverse(f"expert:{name}", kwargs={"case_id": w["case"].pk, **extra})


# (id, method, url(world), body(world)): bodies with which the Tampere expert succeeds
CASE_REQUESTS = [
    ("case-detail", "get", _case_url("case-detail"), None),
    ("case-take", "post", _case_url("case-take"), lambda w: {}),
    ("assessment-get", "get", _case_url("assessment"), None),
    (
        "assessment-post",
        "post",
        _case_url("assessment"),
        lambda w: {"work_ability": "full", "agreed_goal": "Työpaikka"},
    ),
    (
        "plan-create",
        "post",
        _case_url("plan-create"),
        lambda w: {"kind": "employment", "goal": "G"},
    ),
    (
        "task-add",
        "post",
        lambda w: reverse(
            "expert:task-add", kwargs={"case_id": w["case"].pk, "plan_id": w["plan"].pk}
        ),
        lambda w: {"title": "Tehtävä"},
    ),
    (
        "task-done",
        "post",
        lambda w: reverse(
            "expert:task-done", kwargs={"case_id": w["case"].pk, "task_id": w["task"].pk}
        ),
        lambda w: {"done": "1"},
    ),
    ("note-add", "post", _case_url("note-add"), lambda w: {"text": "Muistiinpano"}),
    ("referral-search", "get", _case_url("referral-create"), None),
    (
        "referral-propose",
        "post",
        _case_url("referral-create"),
        lambda w: {"service": w["service"].pk, "message": "Tervetuloa"},
    ),
    (
        "referral-update",
        "post",
        lambda w: reverse(
            "expert:referral-update",
            kwargs={"case_id": w["case"].pk, "referral_id": w["referral"].pk},
        ),
        lambda w: {"status": "started"},
    ),
    ("job-offer-search", "get", _case_url("job-offer-create"), None),
    (
        "job-offer-create",
        "post",
        _case_url("job-offer-create"),
        lambda w: {"job_ad": str(w["job_ad"].uuid), "message": "Hae tätä"},
    ),
    ("case-close-get", "get", _case_url("case-close"), None),
    (
        "case-close-post",
        "post",
        _case_url("case-close"),
        lambda w: {"outcome": "open_market", "outcome_date": timezone.localdate().isoformat()},
    ),
]


@pytest.fixture
def area_world(world):
    """The conftest's Tampere case with health data, a service and a job ad in Tampere."""
    profile = world["profile"]
    profile.partial_work_ability = True
    profile.save()
    WorkAbilityDetailsFactory(profile=profile, reasons="MARKER-health")
    return {
        **world,
        "service": ServiceFactory(is_nationwide=True),
        "job_ad": JobAdFactory(municipality=profile.home_municipality),
    }


def _fingerprint(world):
    case = Case.objects.get(pk=world["case"].pk)
    return {
        "counts": [
            m.objects.count()
            for m in (Case, Plan, PlanTask, CaseNote, Referral, JobOffer, ServiceNeedAssessment)
        ],
        "case": (case.status, case.responsible_id, case.outcome),
        "task": PlanTask.objects.get(pk=world["task"].pk).done_at,
        "referral": Referral.objects.get(pk=world["referral"].pk).status,
        "log": DataAccessLog.objects.count(),
    }


def _send(client, method, url, body):
    return client.get(url) if method == "get" else client.post(url, body)


@pytest.mark.parametrize(
    ("endpoint", "method", "url", "body"), CASE_REQUESTS, ids=[r[0] for r in CASE_REQUESTS]
)
def test_case_endpoints__other_area_expert_gets_404_and_nothing_changes(
    area_world, vantaa_expert, endpoint, method, url, body
):
    # given
    before = _fingerprint(area_world)
    # when
    response = _send(
        _as(vantaa_expert), method, url(area_world), body(area_world) if body else None
    )
    # then
    assert response.status_code == 404
    assert "MARKER-health" not in response.content.decode()
    assert "Kuusisto" not in response.content.decode()
    assert _fingerprint(area_world) == before
    assert before["log"] == 0


@pytest.mark.parametrize(
    ("endpoint", "method", "url", "body"), CASE_REQUESTS, ids=[r[0] for r in CASE_REQUESTS]
)
def test_case_endpoints__area_expert_still_works(area_world, expert, endpoint, method, url, body):
    # given
    before = _fingerprint(area_world)
    # when
    response = _send(_as(expert), method, url(area_world), body(area_world) if body else None)
    # then
    assert response.status_code == (200 if method == "get" else 302)
    if method == "post" and endpoint != "case-take":  # taking one's own case changes nothing
        assert _fingerprint(area_world) != before


def test_work_ability__a_handler_outside_the_area_does_not_see_it(
    area_world, expert, vantaa_expert
):
    # given: a Vantaa expert recorded as handling the Tampere customer's item
    item = area_world["item"]
    EserviceItem.objects.filter(pk=item.pk).update(status="processing", handler=vantaa_expert)
    case = area_world["case"]
    Case.objects.filter(pk=case.pk).update(responsible=None)
    case.refresh_from_db()
    # when / then
    assert perms.is_handling_expert(verified(vantaa_expert), case.profile) is False
    assert perms.can_view_work_ability(verified(vantaa_expert), case.profile) is False
    assert perms.can_view_case_work_ability(verified(vantaa_expert), case) is False
    # the handler of the customer's area sees it on the customer page
    EserviceItem.objects.filter(pk=item.pk).update(handler=expert)
    page = _as(expert).get(reverse("expert:case-detail", kwargs={"case_id": case.pk}))
    assert "MARKER-health" in page.content.decode()
    assert "work_ability" in DataAccessLog.objects.get().sections


def test_recommendations_and_profile__only_for_experts_of_the_area(
    area_world, expert, vantaa_expert
):
    profile = area_world["profile"]
    assert perms.can_view_recommendations(verified(vantaa_expert), profile) is False
    assert perms.can_view_recommendations(verified(expert), profile) is True
    assert perms.can_view_jobseeker_profile(verified(vantaa_expert), profile) is False


def test_case_visible_to__lists_and_details_agree(world, expert, vantaa, vantaa_expert):
    # given: a case in Tampere, an open and a closed one in Vantaa
    unverified = type(expert).objects.get(pk=expert.pk)
    cases = [
        world["case"],
        CaseFactory(profile=CustomerProfileFactory(home_municipality=vantaa)),
        CaseFactory(profile=CustomerProfileFactory(home_municipality=vantaa), closed=True),
    ]
    for viewer in (verified(expert), verified(vantaa_expert), unverified):
        # when
        listed = set(Case.objects.visible_to(viewer).values_list("pk", flat=True))
        allowed = {c.pk for c in cases if perms.can_view_case(viewer, c)}
        # then
        assert listed == allowed
    assert {c.pk for c in Case.objects.visible_to(verified(vantaa_expert))} == {
        cases[1].pk,
        cases[2].pk,
    }
    assert Case.objects.visible_to(unverified).exists() is False


# --- Diary and outcome of a referred participant who lives in another area -------------------


@pytest.fixture
def participation(world, expert):
    """The Tampere customer in a group through a referral the `expert` proposed."""
    referral = world["referral"]
    Referral.objects.filter(pk=referral.pk).update(status="started", proposed_by=expert)
    referral.refresh_from_db()
    group = ServiceGroupFactory(service=referral.service)
    return ParticipationFactory(group=group, user=world["profile"].user, referral=referral)


def test_diary__referring_expert_outside_the_area_gets_404_and_nothing_is_logged(
    world, participation, expert, vantaa_expert
):
    # given: the referral was proposed by the Vantaa expert
    Referral.objects.filter(pk=participation.referral_id).update(proposed_by=vantaa_expert)
    url = reverse("followup:diary", kwargs={"participation_id": participation.uuid})
    # when
    response = _as(vantaa_expert).get(url)
    # then
    assert response.status_code == 404
    assert DataAccessLog.objects.exists() is False
    # the responsible expert of the case, in the customer's area, still reads it
    assert _as(expert).get(url).status_code == 200
    assert DataAccessLog.objects.get().accessor == expert


def test_outcome__referring_expert_outside_the_area_gets_404_and_nothing_changes(
    participation, vantaa_expert
):
    # given: a reported outcome, the referral proposed by the Vantaa expert
    from expert.models import Outcome

    Referral.objects.filter(pk=participation.referral_id).update(proposed_by=vantaa_expert)
    participation.outcome = Outcome.OPEN_LABOUR_MARKET
    participation.outcome_date = timezone.localdate()
    participation.outcome_reported_at = timezone.now()
    participation.save()
    url = reverse("followup:outcome-confirm", kwargs={"participation_id": participation.uuid})
    client = _as(vantaa_expert)
    # when
    page = client.get(url)
    confirm = client.post(url, {"action": "confirm"})
    # then
    assert (page.status_code, confirm.status_code) == (404, 404)
    participation.refresh_from_db()
    assert (participation.outcome_confirmed_at, participation.outcome_confirmed_by) == (None, None)
    assert participation.outcome == Outcome.OPEN_LABOUR_MARKET
