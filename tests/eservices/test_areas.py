"""The area rule for experts in every e-service channel (HTML, API: list, detail, process,
decision): a Vantaa expert and a Tampere customer's item. Outside the area the item does not
exist (404), nothing changes and nothing is logged; the Tampere expert still works, and every
expert read is logged with the same sections whichever channel shows it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from eservices.models import EserviceItem
from expert.models import Case
from expert.services import ESERVICE_ITEM_SECTIONS
from profiles.models import DataAccessLog
from tests.conftest import login_with_second_factor
from tests.factories import (
    CustomerProfileFactory,
    EserviceItemFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    MunicipalityFactory,
    WorkAbilityDetailsFactory,
)
from tori import permissions as perms

pytestmark = pytest.mark.django_db

MARKERS = ("MARKER-phone-040", "MARKER-education", "MARKER-health")


@pytest.fixture
def vantaa(db):
    return MunicipalityFactory(code="092", name_fi="Vantaa", name_sv="Vanda", name_en="Vantaa")


@pytest.fixture
def vantaa_expert(vantaa):
    return ExpertUserFactory(office=ExpertOfficeFactory(municipalities=[vantaa]))


@pytest.fixture
def tampere_item(expert):
    """A Tampere customer's registration, with health data in their profile."""
    profile = CustomerProfileFactory(partial_work_ability=True, unemployed_since=None)
    WorkAbilityDetailsFactory(profile=profile, reasons="MARKER-health")
    item = EserviceItemFactory(applicant=profile.user)
    item.data = {**item.data, "phone": "MARKER-phone-040", "education": "MARKER-education"}
    item.save()
    return item


def _as(user):
    return login_with_second_factor(Client(), user)


def _state(item):
    item.refresh_from_db()
    profile = item.subject.jobseeker_profile
    profile.refresh_from_db()
    return {
        "item": (
            item.status,
            item.handler_id,
            item.decided_by_id,
            item.decision_reason,
            item.decided_at,
        ),
        "unemployed_since": profile.unemployed_since,
        "cases": Case.objects.count(),
        "log": DataAccessLog.objects.count(),
        "mail": len(mail.outbox),
    }


def _api(item, action=""):
    return f"/api/v1/e-services/items/{item.pk}/" + (f"{action}/" if action else "")


OTHER_AREA_REQUESTS = [
    ("api-detail", "get", lambda i: _api(i), {}),
    ("api-process", "post", lambda i: _api(i, "process"), {}),
    ("api-decision", "post", lambda i: _api(i, "decision"), {"decision": "approved"}),
    ("page", "get", lambda i: f"/fi/e-services/{i.pk}/", {}),
    ("expert-page", "get", lambda i: reverse("expert:item-detail", args=[i.pk]), {}),
    ("expert-take", "post", lambda i: reverse("expert:item-detail", args=[i.pk]), {}),
    (
        "expert-decide",
        "post",
        lambda i: reverse("expert:item-decide", args=[i.pk]),
        {"decision": "approved"},
    ),
]


@pytest.mark.parametrize(
    ("channel", "method", "url", "body"),
    OTHER_AREA_REQUESTS,
    ids=[r[0] for r in OTHER_AREA_REQUESTS],
)
def test_other_area_expert__item_is_404_and_nothing_changes(
    tampere_item, vantaa_expert, django_capture_on_commit_callbacks, channel, method, url, body
):
    # given
    client = _as(vantaa_expert)
    before = _state(tampere_item)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        if method == "get":
            response = client.get(url(tampere_item))
        elif channel.startswith("api"):
            response = client.post(url(tampere_item), body, content_type="application/json")
        else:
            response = client.post(url(tampere_item), body)
    # then
    assert response.status_code == 404
    assert not any(marker in response.content.decode() for marker in MARKERS)
    assert _state(tampere_item) == before
    assert before["log"] == 0
    assert before["item"][:2] == ("received", None)


def test_other_area_expert__decision_by_api_leaves_the_customer_unregistered(
    tampere_item, vantaa_expert
):
    # when: the whole attack of the audit, list → read → take → decide
    client = _as(vantaa_expert)
    listed = client.get("/api/v1/e-services/items/").json()
    read = client.get(_api(tampere_item))
    taken = client.post(_api(tampere_item, "process"))
    decided = client.post(
        _api(tampere_item, "decision"), {"decision": "approved"}, content_type="application/json"
    )
    # then
    assert listed["results"] == []
    assert (read.status_code, taken.status_code, decided.status_code) == (404, 404, 404)
    tampere_item.refresh_from_db()
    assert (tampere_item.status, tampere_item.handler, tampere_item.decided_by) == (
        "received",
        None,
        None,
    )
    assert tampere_item.subject.jobseeker_profile.unemployed_since is None
    assert DataAccessLog.objects.exists() is False


def test_item_list_api__each_expert_lists_only_items_of_their_area(
    tampere_item, expert, vantaa, vantaa_expert
):
    # given
    vantaa_item = EserviceItemFactory(
        applicant=CustomerProfileFactory(home_municipality=vantaa).user
    )
    vantaa_subsidy = EserviceItemFactory(wage_subsidy=True, municipality=vantaa)
    tampere_subsidy = EserviceItemFactory(wage_subsidy=True)
    EserviceItemFactory()  # a person without a home municipality: nobody's area
    EserviceItemFactory(wage_subsidy=True, municipality=None)  # no workplace: nobody's area
    # when
    tampere = _as(expert).get("/api/v1/e-services/items/").json()
    vantaa_list = _as(vantaa_expert).get("/api/v1/e-services/items/").json()
    # then
    assert {r["reference"] for r in tampere["results"]} == {
        tampere_item.reference,
        tampere_subsidy.reference,
    }
    assert {r["reference"] for r in vantaa_list["results"]} == {
        vantaa_item.reference,
        vantaa_subsidy.reference,
    }
    assert tampere["count"] == 2
    assert DataAccessLog.objects.exists() is False


def test_area_expert__reads_takes_and_decides_through_the_api(
    tampere_item, expert, django_capture_on_commit_callbacks
):
    # given
    client = _as(expert)
    # when
    read = client.get(_api(tampere_item))
    taken = client.post(_api(tampere_item, "process"))
    with django_capture_on_commit_callbacks(execute=True):
        decided = client.post(
            _api(tampere_item, "decision"),
            {"decision": "approved"},
            content_type="application/json",
        )
    # then
    assert (read.status_code, taken.status_code, decided.status_code) == (200, 200, 200)
    assert read.json()["data"]["phone"] == "MARKER-phone-040"
    assert "MARKER-health" not in read.content.decode()
    tampere_item.refresh_from_db()
    assert (tampere_item.status, tampere_item.handler, tampere_item.decided_by) == (
        "approved",
        expert,
        expert,
    )
    profile = tampere_item.subject.jobseeker_profile
    profile.refresh_from_db()
    assert profile.unemployed_since.isoformat() == tampere_item.data["start_date"]
    assert Case.objects.get(profile=profile).responsible == expert
    assert len(mail.outbox) == 1


def test_every_channel_logs_the_same_sections_for_the_same_item(tampere_item, expert):
    # given
    client = _as(expert)
    # when: the API, the expert's page and the generic page
    responses = [
        client.get(_api(tampere_item)),
        client.get(reverse("expert:item-detail", args=[tampere_item.pk])),
        client.get(f"/fi/e-services/{tampere_item.pk}/"),
    ]
    # then
    assert [r.status_code for r in responses] == [200, 200, 200]
    entries = DataAccessLog.objects.filter(subject=tampere_item.subject).order_by("pk")
    assert [(e.accessor, e.purpose, e.object_ref, e.sections) for e in entries] == [
        (expert, "expert", tampere_item.reference, ESERVICE_ITEM_SECTIONS)
    ] * 3


def test_own_item__the_person_themself_reads_it_unlogged_in_every_channel(tampere_item, client):
    client.force_login(tampere_item.subject)
    assert client.get(f"/fi/e-services/{tampere_item.pk}/").status_code == 200
    data = client.get(_api(tampere_item)).json()
    assert (data["reference"], data["applicant_name"], data["case"]) == (
        tampere_item.reference,
        "",
        None,
    )
    assert DataAccessLog.objects.exists() is False


# --- Wage subsidy applications: the workplace municipality decides the area -----------------


@pytest.fixture
def tampere_subsidy(expert):
    item = EserviceItemFactory(wage_subsidy=True)
    item.data = {**item.data, "person_name": "MARKER-person"}
    item.save()
    return item


@pytest.mark.parametrize(
    ("channel", "method", "url", "body"),
    OTHER_AREA_REQUESTS,
    ids=[r[0] for r in OTHER_AREA_REQUESTS],
)
def test_wage_subsidy__other_area_expert_gets_404_and_nothing_changes(
    tampere_subsidy, vantaa_expert, channel, method, url, body
):
    # given
    client = _as(vantaa_expert)
    # when
    if method == "get":
        response = client.get(url(tampere_subsidy))
    elif channel.startswith("api"):
        response = client.post(url(tampere_subsidy), body, content_type="application/json")
    else:
        response = client.post(url(tampere_subsidy), body)
    # then
    assert response.status_code == 404
    assert "MARKER-person" not in response.content.decode()
    tampere_subsidy.refresh_from_db()
    assert (tampere_subsidy.status, tampere_subsidy.handler, tampere_subsidy.decided_by) == (
        "received",
        None,
        None,
    )


def test_wage_subsidy__expert_of_the_workplace_area_decides(tampere_subsidy, expert):
    # given
    client = _as(expert)
    # when
    read = client.get(_api(tampere_subsidy))
    page = client.get(reverse("expert:item-detail", args=[tampere_subsidy.pk]))
    decided = client.post(
        _api(tampere_subsidy, "decision"),
        {"decision": "rejected", "reason": "Työsuhde alkoi jo."},
        content_type="application/json",
    )
    # then
    assert (read.status_code, page.status_code, decided.status_code) == (200, 200, 200)
    assert read.json()["municipality"] == "837"
    assert "Tampere" in page.content.decode()
    tampere_subsidy.refresh_from_db()
    assert (tampere_subsidy.status, tampere_subsidy.decided_by) == ("rejected", expert)


def test_wage_subsidy__without_a_workplace_municipality_belongs_to_no_area(expert):
    item = EserviceItemFactory(wage_subsidy=True, municipality=None)
    client = _as(expert)
    assert client.get(_api(item)).status_code == 404
    assert client.get(reverse("expert:item-detail", args=[item.pk])).status_code == 404
    assert perms.can_process_eservice_item(expert, item) is False


def test_wage_subsidy_api__the_workplace_municipality_is_required_and_stored(client_as, employer):
    # given
    import datetime

    from django.utils import timezone

    organisation = employer.employer_memberships.get().organisation
    tampere = MunicipalityFactory()
    start = timezone.localdate() + datetime.timedelta(days=10)
    body = {
        "organisation": organisation.pk,
        "person_name": "Liisa Laine",
        "job_title": "Kokki",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=90)).isoformat(),
        "weekly_hours": "30",
        "monthly_wage": "2100",
        "justification": "Työhönvalmennus",
    }
    client = client_as("employer")
    # when
    missing = client.post(
        "/api/v1/e-services/wage-subsidies/", body, content_type="application/json"
    )
    created = client.post(
        "/api/v1/e-services/wage-subsidies/",
        {**body, "municipality": tampere.code},
        content_type="application/json",
    )
    # then
    assert missing.status_code == 400
    assert "municipality" in missing.json()
    assert created.status_code == 201
    assert EserviceItem.objects.get().municipality == tampere


# --- Health data and the parity of lists and details ------------------------------------------


def test_work_ability__only_for_the_handler_in_the_customers_area(
    tampere_item, expert, vantaa_expert
):
    # given: the item was (before the fix, through the API) taken by the Vantaa expert
    profile = tampere_item.subject.jobseeker_profile
    EserviceItem.objects.filter(pk=tampere_item.pk).update(
        status="processing", handler=vantaa_expert
    )
    # then
    vantaa = perms.can_view_work_ability(_verified(vantaa_expert), profile)
    tampere = perms.can_view_work_ability(_verified(expert), profile)
    assert (vantaa, tampere) == (False, False)
    EserviceItem.objects.filter(pk=tampere_item.pk).update(handler=expert)
    assert perms.can_view_work_ability(_verified(expert), profile) is True


def _verified(user):
    user.is_verified = lambda: True
    return user


def test_visible_to__lists_and_details_agree(tampere_item, expert, vantaa, vantaa_expert):
    # given: items of both areas and of no area
    items = [
        tampere_item,
        EserviceItemFactory(applicant=CustomerProfileFactory(home_municipality=vantaa).user),
        EserviceItemFactory(wage_subsidy=True),
        EserviceItemFactory(wage_subsidy=True, municipality=vantaa),
        EserviceItemFactory(wage_subsidy=True, municipality=None),
        EserviceItemFactory(),
    ]
    for viewer in (_verified(expert), _verified(vantaa_expert), tampere_item.subject):
        # when
        listed = set(EserviceItem.objects.visible_to(viewer).values_list("pk", flat=True))
        allowed = {i.pk for i in items if perms.can_view_eservice_item(viewer, i)}
        # then
        assert listed == allowed
    assert len(allowed) == 1
