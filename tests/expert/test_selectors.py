"""Watch list thresholds and the team lead's caseload numbers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from expert import selectors
from tests.expert.conftest import sign_in, verified
from tests.factories import (
    CaseFactory,
    CustomerProfileFactory,
    EserviceItemFactory,
    ExpertOfficeFactory,
    ReferralFactory,
    ServiceNeedAssessmentFactory,
    expert_for,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("days", "passed", "upcoming", "until"),
    [
        (0, [], 300, 300),
        (240, [], 300, 60),
        (299, [], 300, 1),
        (300, [300], 500, 200),
        (499, [300], 500, 1),
        (500, [300, 500], 1000, 500),
        (999, [300, 500], 1000, 1),
        (1000, [300, 500, 1000], None, None),
        (1500, [300, 500, 1000], None, None),
    ],
)
def test_watch_status__thresholds_and_days_until(days, passed, upcoming, until):
    assert selectors.watch_status(days) == (passed, upcoming, until)


def _unemployed(days):
    return CustomerProfileFactory(unemployed_since=TODAY - datetime.timedelta(days=days))


def test_watch_list__longest_first_with_flags(expert):
    # given
    p250, p460, p1020 = _unemployed(250), _unemployed(460), _unemployed(1020)
    CustomerProfileFactory(unemployed_since=None)
    # when
    rows = selectors.watch_list(viewer=verified(expert), today=TODAY)
    # then
    assert [(r.profile.pk, r.days, r.passed, r.next_threshold, r.days_until) for r in rows] == [
        (p1020.pk, 1020, [300, 500, 1000], None, None),
        (p460.pk, 460, [300], 500, 40),
        (p250.pk, 250, [], 300, 50),
    ]
    assert [r.warning for r in rows] == [False, True, True]


def test_watch_list__filters(expert):
    # given
    p250, p460, p1020 = _unemployed(250), _unemployed(460), _unemployed(700)
    # when
    approaching = selectors.watch_list(
        viewer=verified(expert), today=TODAY, filters={"approaching": True}
    )
    near_500 = selectors.watch_list(
        viewer=verified(expert), today=TODAY, filters={"threshold": "500"}
    )
    # then
    assert {r.profile.pk for r in approaching} == {p250.pk, p460.pk}
    assert {r.profile.pk for r in near_500} == {p460.pk, p1020.pk}


def test_watch_list__only_the_experts_area(other_expert, expert):
    # given
    _unemployed(400)
    # then
    assert selectors.watch_list(viewer=verified(other_expert), today=TODAY) == []
    assert len(selectors.watch_list(viewer=verified(expert), today=TODAY)) == 1


def test_watch_list_page__shows_days_until_and_links_to_open_case(client, expert):
    # given
    profile = CustomerProfileFactory(
        unemployed_since=timezone.localdate() - datetime.timedelta(days=280)
    )
    # when
    response = sign_in(client, expert).get(reverse("expert:watch-list"))
    # then
    html = response.content.decode()
    assert profile.pseudonym in html
    assert reverse("expert:case-open", kwargs={"public_id": profile.public_id}) in html
    assert "row-warning" in html


def test_team_dashboard__numbers(expert):
    # given
    office = ExpertOfficeFactory()
    lead = expert_for(office, team_lead=True)
    colleague = expert_for(office)
    a = CaseFactory(office=office, responsible=lead)
    CaseFactory(office=office, responsible=lead)
    CaseFactory(office=office, responsible=colleague)
    CaseFactory(office=office, responsible=None)
    CaseFactory(office=office, closed=True, outcome="education")
    CaseFactory(office=office, closed=True, outcome="education")
    CaseFactory(office=office, closed=True, outcome="unemployment")
    ServiceNeedAssessmentFactory(case=a)
    ReferralFactory(case=a, status="completed", outcome="open_market")
    item = EserviceItemFactory(applicant=CustomerProfileFactory().user)
    item.submitted_at = timezone.now() - datetime.timedelta(days=4)
    item.save()
    CaseFactory(office=ExpertOfficeFactory(), responsible=expert)  # another office
    # when
    [board] = selectors.team_dashboard(viewer=verified(lead))
    # then
    assert board["office"] == office
    assert {(r["expert"].pk, r["open_cases"]) for r in board["experts"]} == {
        (lead.pk, 2),
        (colleague.pk, 1),
    }
    assert board["open_cases"] == 4
    assert board["unassigned_cases"] == 1
    assert board["cases_without_assessment"] == 3
    assert (board["waiting_items"], board["waiting_items_max_days"]) == (1, 4)
    outcomes = {o["code"]: (o["at_closure"], o["after_service"]) for o in board["outcomes"]}
    assert outcomes == {
        "open_market": (0, 1),
        "education": (2, 0),
        "service": (0, 0),
        "unemployment": (1, 0),
        "other": (0, 0),
    }
    assert board["closed_cases"] == 3


def test_team_dashboard__not_for_an_expert_who_is_not_a_lead(expert):
    assert selectors.team_dashboard(viewer=verified(expert)) == []
