"""/api/v1/statistics/: shape, the k rule on real rows, CSV, bad parameters, access, schema.

The figures are by calendar quarter and only completed quarters are published, so the data
of these tests is dated in the latest completed quarter (``LAST``), which is the default."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from catalog.models import EnrolmentRequest
from openstats.params import latest_completed_quarter
from profiles.models import ProfileSkill
from tests.factories import (
    CaseFactory,
    CustomerProfileFactory,
    EnrolmentRequestFactory,
    EscoSkillFactory,
    JobAdFactory,
    MunicipalityFactory,
    ProfileSkillFactory,
    ReferralFactory,
    RegionFactory,
    ServiceFactory,
    taxonomy_term,
)
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory

pytestmark = pytest.mark.django_db

LAST = latest_completed_quarter()
DAY = LAST.start + datetime.timedelta(days=20)  # a day in the latest completed quarter
MOMENT = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(12)))

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]
ENDPOINTS = ["skills-demand", "services", "enrolments", "outcomes"]


def url(dataset, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/api/v1/statistics/{dataset}/" + (f"?{query}" if query else "")


def cell(data, row_key, col_key):
    """The figure of one row and column ({"value": …, "suppressed": …})."""
    col = [c["key"] for c in data["columns"]].index(col_key)
    rows = [*data["rows"], *([data["totals"]] if data["totals"] else [])]
    return next(r for r in rows if r["key"] == row_key)["cells"][col]


@pytest.fixture
def helsinki():
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa")
    return MunicipalityFactory(
        code="091", name_fi="Helsinki", name_sv="Helsingfors", name_en="Helsinki", region=uusimaa
    )


def enrolments(n, *, service=None, municipality=None, when=None):
    service = service or ServiceFactory()
    for _ in range(n):
        profile = CustomerProfileFactory(
            **({"home_municipality": municipality} if municipality else {})
        )
        request = EnrolmentRequestFactory(service=service, user=profile.user)
        EnrolmentRequest.objects.filter(pk=request.pk).update(created_at=when or MOMENT)
    return service


def skills_held(skill, n, **profile_kwargs):
    """``n`` jobseekers with ``skill``, listed before the end of the quarter."""
    for _ in range(n):
        held = ProfileSkillFactory(skill=skill, profile=CustomerProfileFactory(**profile_kwargs))
        ProfileSkill.objects.filter(pk=held.pk).update(created_at=MOMENT)


# --- access and shape ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("dataset", ENDPOINTS)
def test_statistics_api__public_for_every_role(client_as, role, dataset):
    response = client_as(role).get(url(dataset))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("dataset", ENDPOINTS)
def test_statistics_api__shape(client, dataset):
    # given
    RegionFactory()
    # when
    data = client.get(url(dataset, period=str(LAST))).json()
    # then
    assert set(data) == {
        "dataset",
        "k",
        "period",
        "region",
        "measure",
        "language",
        "generated_at",
        "columns",
        "rows",
        "totals",
    }
    assert data["dataset"] == dataset
    assert data["k"] == 5
    assert data["language"] == "fi"
    assert datetime.datetime.fromisoformat(data["generated_at"])
    if dataset == "services":
        assert data["period"] is None
    else:
        assert data["period"] == {
            "quarter": str(LAST),
            "from": LAST.start.isoformat(),
            "to": LAST.last_day.isoformat(),
        }
    for row in data["rows"]:
        assert set(row) == {"key", "label", "cells"}
        assert len(row["cells"]) == len(data["columns"])
        for figure in row["cells"]:
            assert set(figure) == {"value", "suppressed"}


def test_statistics_api__k_comes_from_settings(client, settings):
    settings.OPEN_STATISTICS_K = 10
    enrolments(7)
    data = client.get(url("enrolments")).json()
    assert data["k"] == 10
    assert cell(data, "06", "coaching") == {"value": None, "suppressed": True}


# --- enrolments -------------------------------------------------------------------------


def test_enrolments__four_in_a_cell_are_hidden(client):
    # given
    enrolments(4)
    # when
    data = client.get(url("enrolments")).json()
    # then: the cell, its totals and the grand total are hidden; other cells are 0
    assert cell(data, "06", "coaching") == {"value": None, "suppressed": True}
    assert cell(data, "06", "total") == {"value": None, "suppressed": True}
    assert cell(data, "total", "coaching") == {"value": None, "suppressed": True}
    assert cell(data, "total", "total") == {"value": None, "suppressed": True}
    assert cell(data, "06", "training") == {"value": 0, "suppressed": False}
    assert "4" not in [str(f["value"]) for r in data["rows"] for f in r["cells"]]


def test_enrolments__five_in_a_cell_are_shown(client):
    enrolments(5)
    data = client.get(url("enrolments")).json()
    assert cell(data, "06", "coaching") == {"value": 5, "suppressed": False}
    assert cell(data, "06", "total") == {"value": 5, "suppressed": False}
    assert cell(data, "total", "total") == {"value": 5, "suppressed": False}


def test_enrolments__small_cell_cannot_be_subtracted_from_the_totals(client, helsinki):
    # given: Pirkanmaa coaching 3, training 6; Uusimaa coaching 6, training 7
    training = ServiceFactory(service_type=taxonomy_term("training"))
    coaching = enrolments(3)
    enrolments(6, service=training)
    enrolments(6, service=coaching, municipality=helsinki)
    enrolments(7, service=training, municipality=helsinki)
    # when
    data = client.get(url("enrolments")).json()
    # then: the 3 is hidden, and so is enough around it that no total gives it away
    assert cell(data, "06", "coaching")["suppressed"] is True
    row = [cell(data, "06", c) for c in ("coaching", "training", "total")]
    column = [cell(data, r, "coaching") for r in ("06", "01", "total")]
    assert sum(f["suppressed"] for f in row) >= 2
    assert sum(f["suppressed"] for f in column) >= 2
    # and whatever is published is true and adds up
    for r in [*data["rows"], data["totals"]]:
        figures = r["cells"]
        if not any(f["suppressed"] for f in figures):
            assert sum(f["value"] for f in figures[:-1]) == figures[-1]["value"]


def test_enrolments__totals_add_up_when_nothing_is_hidden(client, helsinki):
    training = ServiceFactory(service_type=taxonomy_term("training"))
    enrolments(5)
    enrolments(6, service=training)
    enrolments(8, municipality=helsinki)
    data = client.get(url("enrolments")).json()
    assert cell(data, "06", "total")["value"] == 11
    assert cell(data, "01", "total")["value"] == 8
    assert cell(data, "total", "coaching")["value"] == 13
    assert cell(data, "total", "training")["value"] == 6
    assert cell(data, "total", "total")["value"] == 19


def test_enrolments__region_filter_picks_the_row_of_the_national_table(client, helsinki):
    enrolments(5)
    enrolments(8, municipality=helsinki)
    data = client.get(url("enrolments", region="01")).json()
    assert [r["key"] for r in data["rows"]] == ["01"]
    assert data["region"] == {"code": "01", "name": "Uusimaa"}
    assert cell(data, "01", "coaching")["value"] == 8
    assert cell(data, "total", "total")["value"] == 13


def test_enrolments__by_quarter_the_latest_completed_by_default(client):
    # given: 5 in the latest completed quarter, 6 in the one before, 7 in the current one
    enrolments(5)
    previous = LAST.previous
    start = timezone.make_aware(datetime.datetime.combine(previous.start, datetime.time(9)))
    enrolments(6, when=start)
    enrolments(7, when=timezone.now())
    # when
    default = client.get(url("enrolments")).json()
    last = client.get(url("enrolments", period=str(LAST))).json()
    before = client.get(url("enrolments", period=str(previous))).json()
    # then
    assert default["period"]["quarter"] == str(LAST)
    assert cell(default, "06", "coaching")["value"] == 5
    assert cell(last, "06", "coaching")["value"] == 5
    assert before["period"] == {
        "quarter": str(previous),
        "from": previous.start.isoformat(),
        "to": previous.last_day.isoformat(),
    }
    assert cell(before, "06", "coaching")["value"] == 6


def test_enrolments__participations_by_participation_municipality(client):
    group = ServiceGroupFactory(
        service=ServiceFactory(service_type=taxonomy_term("training")),
        starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=60),
    )
    for _ in range(6):
        ParticipationFactory(group=group)
    data = client.get(url("enrolments", measure="participations")).json()
    assert data["measure"] == "participations"
    assert cell(data, "06", "training") == {"value": 6, "suppressed": False}


def test_enrolments__referrals_started(client):
    service = ServiceFactory(service_type=taxonomy_term("careerguidance"))
    for _ in range(5):
        ReferralFactory(service=service, status="started", started_at=MOMENT)
    ReferralFactory(service=service)  # proposed only: not counted
    data = client.get(url("enrolments", measure="referrals")).json()
    assert cell(data, "06", "careerguidance") == {"value": 5, "suppressed": False}


# --- outcomes -----------------------------------------------------------------------------------


def confirmed_participation(group, outcome, *, day=DAY):
    return ParticipationFactory(
        group=group,
        status="completed",
        outcome=outcome,
        outcome_date=day,
        outcome_reported_at=timezone.now(),
        outcome_confirmed_at=timezone.now(),
    )


def test_outcomes__confirmed_only_and_k_rule(client):
    # given: 5 confirmed to the open market, 2 to education, 3 reported but not confirmed
    group = ServiceGroupFactory(service=ServiceFactory(service_type=taxonomy_term("coaching")))
    for _ in range(5):
        confirmed_participation(group, "open_market")
    for _ in range(2):
        confirmed_participation(group, "education")
    for _ in range(3):
        ParticipationFactory(group=group, outcome="unemployment", outcome_date=DAY)
    # when
    data = client.get(url("outcomes")).json()
    # then
    assert cell(data, "coaching", "unemployment") == {"value": 0, "suppressed": False}
    assert cell(data, "coaching", "education") == {"value": None, "suppressed": True}
    # 7 - 2 would give the 2 away: the 5 is hidden too
    assert cell(data, "coaching", "open_market") == {"value": None, "suppressed": True}
    assert [c["key"] for c in data["columns"]] == [
        "open_market",
        "education",
        "service",
        "unemployment",
        "other",
        "total",
    ]
    assert cell(data, "coaching", "total")["value"] in (7, None)


def test_outcomes__referral_outcomes_counted_once(client):
    # given: 5 referrals ended with an outcome; for 2 of them the participation's outcome is
    # also confirmed — they count once
    service = ServiceFactory(service_type=taxonomy_term("training"))
    group = ServiceGroupFactory(service=service)
    for n in range(5):
        referral = ReferralFactory(
            service=service,
            status="completed",
            started_at=MOMENT,
            ended_at=MOMENT,
            outcome="education",
        )
        if n < 2:
            p = confirmed_participation(group, "education")
            p.referral = referral
            p.save()
    # when
    data = client.get(url("outcomes")).json()
    # then
    assert cell(data, "training", "education") == {"value": 5, "suppressed": False}


# --- skills demand ------------------------------------------------------------------------------


def test_skills_demand__jobseekers_k_rule_and_job_ads_counted(client):
    # given
    welding = EscoSkillFactory(label_fi="hitsaus", label_en="welding")
    cooking = EscoSkillFactory(label_fi="ruoanlaitto", label_en="cooking")
    skills_held(welding, 5)
    skills_held(cooking, 4)
    JobAdFactory(skills=[cooking], published_at=MOMENT)
    JobAdFactory(skills=[welding], published_at=timezone.now())  # this quarter: not yet
    # when
    data = client.get(url("skills-demand")).json()
    # then
    assert [c["key"] for c in data["columns"]] == ["job_ads", "jobseekers"]
    assert cell(data, welding.uri, "jobseekers") == {"value": 5, "suppressed": False}
    assert cell(data, cooking.uri, "jobseekers") == {"value": None, "suppressed": True}
    assert cell(data, cooking.uri, "job_ads") == {"value": 1, "suppressed": False}
    assert cell(data, welding.uri, "job_ads") == {"value": 0, "suppressed": False}
    assert [r["label"] for r in data["rows"]] == ["ruoanlaitto", "hitsaus"]  # by job ads


def test_skills_demand__only_active_jobseekers_count(client):
    skill = EscoSkillFactory()
    skills_held(skill, 5)
    inactive = CustomerProfileFactory()
    inactive.user.is_active = False
    inactive.user.save()
    held = ProfileSkillFactory(skill=skill, profile=inactive)
    ProfileSkill.objects.filter(pk=held.pk).update(created_at=MOMENT)
    ProfileSkillFactory(skill=skill, profile=CustomerProfileFactory())  # after the quarter
    data = client.get(url("skills-demand")).json()
    assert cell(data, skill.uri, "jobseekers")["value"] == 5


def test_skills_demand__region_column_protected_against_the_country(client, helsinki):
    # given: 6 in Pirkanmaa and 1 in Uusimaa: the country (7) minus Pirkanmaa would give 1
    skill = EscoSkillFactory()
    skills_held(skill, 6)
    skills_held(skill, 1, home_municipality=helsinki)
    # when
    national = client.get(url("skills-demand")).json()
    pirkanmaa = client.get(url("skills-demand", region="06")).json()
    uusimaa = client.get(url("skills-demand", region="01")).json()
    # then
    # a skill with nothing published in the region is not listed there at all
    assert skill.uri not in [r["key"] for r in uusimaa["rows"]]
    published = [
        next((r["cells"][1]["value"] for r in d["rows"] if r["key"] == skill.uri), None)
        for d in (national, pirkanmaa)
    ]
    # either the country or Pirkanmaa is hidden (or left out) as well
    assert None in published
    assert published in ([7, None], [None, 6], [None, None])


# --- services -----------------------------------------------------------------------------------


def test_services__by_region_and_type_not_suppressed(client, helsinki):
    # given
    pirkanmaa = RegionFactory()
    ServiceFactory(regions=[pirkanmaa])
    ServiceFactory(municipalities=[helsinki], service_type=taxonomy_term("training"))
    ServiceFactory(is_nationwide=True)
    ServiceFactory(regions=[pirkanmaa], draft=True)
    # when
    data = client.get(url("services")).json()
    # then
    assert cell(data, "06", "coaching") == {"value": 2, "suppressed": False}
    assert cell(data, "01", "coaching") == {"value": 1, "suppressed": False}
    assert cell(data, "01", "training") == {"value": 1, "suppressed": False}
    assert cell(data, "total", "coaching")["value"] == 2
    assert cell(data, "total", "total")["value"] == 3


def test_services__region_filter(client, helsinki):
    ServiceFactory(municipalities=[helsinki])
    data = client.get(url("services", region="01")).json()
    assert [r["key"] for r in data["rows"]] == ["01"]


# --- languages ----------------------------------------------------------------------------------


def test_statistics_api__labels_in_the_asked_language(client):
    RegionFactory()
    sv = client.get(url("enrolments", lang="sv")).json()
    assert sv["language"] == "sv"
    assert cell(sv, "06", "total") is not None
    assert [r["label"] for r in sv["rows"] if r["key"] == "06"] == ["Birkaland"]
    assert sv["columns"][0]["label"] == "Utbildning"
    en = client.get(url("enrolments"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["columns"][0]["label"] == "Training"


# --- CSV ----------------------------------------------------------------------------------------


def test_statistics_api__csv(client):
    # given
    enrolments(4)
    enrolments(6, service=ServiceFactory(service_type=taxonomy_term("training")))
    # when
    response = client.get(url("enrolments", format="csv", lang="en", period=str(LAST)))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="tori-enrolments-{LAST}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    assert header[:3] == ["Row", "Training", "Coaching"]
    assert header[-1] == "Total"
    pirkanmaa = next(r for r in rows if r[0] == "Pirkanmaa")
    assert pirkanmaa[header.index("Coaching")] == ""  # hidden
    assert pirkanmaa[header.index("Training")] == ""  # hidden with it (6 = 10 - 4)
    assert pirkanmaa[header.index("Career guidance")] == "0"
    assert rows[-1][0] == "Whole country"
    assert "4" not in [v for r in rows[1:] for v in r[1:]]


def test_statistics_api__csv_errors_are_json(client):
    response = client.get(url("outcomes", format="csv", year="abc"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["year"]


# --- bad parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dataset", "params", "field"),
    [
        # the retired free periods: refused, never silently ignored
        ("enrolments", {"year": "2026"}, "year"),
        ("enrolments", {"year": "2026x"}, "year"),
        ("skills-demand", {"from": "2026-01", "to": "2026-06"}, "from"),
        ("outcomes", {"to": "2026-01"}, "to"),
        ("services", {"year": "2026"}, "year"),
        # quarters
        ("enrolments", {"period": "2026-Q5"}, "period"),
        ("enrolments", {"period": "2026-Q0"}, "period"),
        ("outcomes", {"period": "2026"}, "period"),
        ("skills-demand", {"period": "2026-07"}, "period"),
        ("enrolments", {"period": "Q3-2026"}, "period"),
        ("enrolments", {"period": str(LAST.next)}, "period"),  # the current quarter
        ("outcomes", {"period": str(LAST.next.next)}, "period"),  # the next one
        ("skills-demand", {"period": "2024-Q4"}, "period"),  # before the first one
        ("enrolments", {"period": "1999-Q1"}, "period"),
        ("outcomes", {"region": "06"}, "region"),
        ("enrolments", {"region": "99"}, "region"),
        ("services", {"region": "<script>"}, "region"),
        ("enrolments", {"measure": "salaries"}, "measure"),
        ("services", {"lang": "de"}, "lang"),
    ],
)
def test_statistics_api__bad_parameters_are_400(client, dataset, params, field):
    RegionFactory()
    response = client.get(f"/api/v1/statistics/{dataset}/", params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert body[field][0]


@pytest.mark.parametrize("dataset", ["enrolments", "outcomes", "skills-demand"])
def test_statistics_api__current_quarter_is_refused_with_an_explanation(client, dataset):
    current = str(LAST.next)
    response = client.get(url(dataset, period=current, lang="en"))
    assert response.status_code == 400
    assert response.json() == {
        "period": [
            f"Figures for {current} are published two weeks after the quarter has ended. "
            f"The latest quarter with figures is {LAST}."
        ]
    }


@pytest.mark.parametrize("period", ["0000-Q1", "9999-Q4", "9999-Q1"])
@pytest.mark.parametrize("dataset", ["enrolments", "outcomes", "skills-demand"])
def test_statistics_api__quarter_outside_the_calendar_is_400(client, dataset, period):
    response = client.get(url(dataset, period=period, lang="en"))
    assert response.status_code == 400
    assert response.json() == {
        "period": [f"Give a calendar quarter as YYYY-QN, for example {LAST} (N is 1 to 4)."]
    }


def test_statistics_api__retired_parameters_explained(client):
    response = client.get(url("enrolments", year=2026, lang="en"))
    assert response.status_code == 400
    message = response.json()["year"][0]
    assert "published by calendar quarter" in message
    assert f"period={LAST}" in message


def test_statistics_api__first_quarter_from_settings(client, settings):
    settings.OPEN_STATISTICS_FIRST_QUARTER = str(LAST)
    refused = client.get(url("enrolments", period=str(LAST.previous), lang="en"))
    assert refused.status_code == 400
    assert refused.json() == {"period": [f"Figures are available from {LAST} onwards."]}
    assert client.get(url("enrolments", period=str(LAST))).status_code == 200


# --- caching, privacy, schema -----------------------------------------------------------


def test_statistics_api__cached_per_parameters(client, django_assert_num_queries):
    enrolments(5)
    first = client.get(url("enrolments")).json()
    with django_assert_num_queries(0):
        again = client.get(url("enrolments")).json()
    assert again == first
    enrolments(1)
    assert client.get(url("enrolments")).json() == first  # within the hour: the cached table
    other = client.get(url("enrolments", measure="referrals")).json()
    assert other["measure"] == "referrals"


def test_statistics_api__no_personal_data(client):
    profile = CustomerProfileFactory()
    profile.user.first_name, profile.user.last_name = "Maija", "Meikäläinen"
    profile.user.save()
    EnrolmentRequestFactory(user=profile.user, message="Haluan mukaan, puh. 040 123")
    CaseFactory(profile=profile)
    text = "".join(client.get(url(d)).content.decode() for d in ENDPOINTS)
    for secret in ("Maija", "Meikäläinen", profile.user.email, "040 123", str(profile.public_id)):
        assert secret not in text


def test_schema__documents_the_statistics_endpoints(client):
    response = client.get("/api/v1/schema/?format=json")
    schema = response.json()
    for dataset in ENDPOINTS:
        operation = schema["paths"][f"/api/v1/statistics/{dataset}/"]["get"]
        assert "0 < n < k" in operation["description"]
        assert {p["name"] for p in operation["parameters"]} >= {"format", "lang"}
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
        assert "400" in operation["responses"]
    enrolment_params = {
        p["name"] for p in schema["paths"]["/api/v1/statistics/enrolments/"]["get"]["parameters"]
    }
    assert enrolment_params >= {"period", "region", "measure"}
    assert not enrolment_params & {"year", "from", "to"}
    for dataset in ("enrolments", "outcomes", "skills-demand"):
        operation = schema["paths"][f"/api/v1/statistics/{dataset}/"]["get"]
        assert "two weeks after the quarter has ended" in operation["description"]
        assert "Late or corrected data" in operation["description"]
        period = next(p for p in operation["parameters"] if p["name"] == "period")
        assert period["schema"]["pattern"] == r"^\d{4}-Q[1-4]$"
    services = schema["paths"]["/api/v1/statistics/services/"]["get"]
    assert "period" not in {p["name"] for p in services["parameters"]}
