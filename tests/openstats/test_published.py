"""Fixed quarters and frozen figures: a published table never changes, so no two published
tables can be subtracted from each other (issue #8, "statistics never reveal a cell below k")."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from catalog.models import EnrolmentRequest
from openstats.models import PublishedTable
from openstats.params import Quarter, latest_completed_quarter, parse_period
from openstats.services import table_publish
from tests.factories import (
    CustomerProfileFactory,
    EnrolmentRequestFactory,
    MunicipalityFactory,
    RegionFactory,
    ServiceFactory,
    taxonomy_term,
)
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

LAST = latest_completed_quarter()
PREVIOUS = LAST.previous


def moment(quarter, days=20):
    day = quarter.start + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def enrolments(n, *, when, service=None, municipality=None):
    service = service or ServiceFactory()
    for _ in range(n):
        profile = CustomerProfileFactory(
            **({"home_municipality": municipality} if municipality else {})
        )
        request = EnrolmentRequestFactory(service=service, user=profile.user)
        EnrolmentRequest.objects.filter(pk=request.pk).update(created_at=when)
    return service


def figures(data):
    return [[c["value"] for c in r["cells"]] for r in [*data["rows"], data["totals"]]]


def get(client, dataset, **params):
    cache.clear()  # the render cache must not be what keeps the figures still
    response = client.get(f"/api/v1/statistics/{dataset}/", params)
    assert response.status_code == 200
    return response.json()


# --- quarters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "latest"),
    [
        (datetime.date(2026, 11, 28), Quarter(2026, 3)),
        (datetime.date(2026, 10, 15), Quarter(2026, 3)),
        (datetime.date(2026, 10, 14), Quarter(2026, 2)),
        (datetime.date(2026, 9, 30), Quarter(2026, 2)),
        (datetime.date(2026, 1, 15), Quarter(2025, 4)),
        (datetime.date(2026, 1, 1), Quarter(2025, 3)),
    ],
)
def test_latest_completed_quarter(today, latest):
    assert latest_completed_quarter(today) == latest
    assert parse_period({}, today=today) == latest


def test_quarter_bounds():
    q = Quarter.parse("2026-q4")
    assert (q.start, q.last_day, q.end_exclusive) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 1),
    )
    assert str(q) == "2026-Q4"
    assert Quarter.parse("2026-Q5") is None
    assert Quarter(2026, 1).previous == Quarter(2025, 4)


def test_parse_period__a_quarter_is_published_two_weeks_after_its_end():
    for today in (datetime.date(2026, 9, 30), datetime.date(2026, 10, 14)):
        with pytest.raises(ApplicationError) as error:
            parse_period({"period": "2026-Q3"}, today=today)
        assert error.value.field == "period"
    assert parse_period({"period": "2026-Q3"}, today=datetime.date(2026, 10, 15)) == Quarter(
        2026, 3
    )


def test_table_publish__refuses_a_quarter_not_ended():
    current = Quarter.containing(timezone.localdate())
    with pytest.raises(ApplicationError):
        table_publish(dataset="enrolments", quarter=current, measure="requests", k=5)
    assert not PublishedTable.objects.exists()


# --- frozen -------------------------------------------------------------------------------------


def test_enrolments__a_published_quarter_never_changes(client):
    # given: 5 enrolments in the quarter, published
    RegionFactory()
    service = enrolments(5, when=moment(LAST))
    first = get(client, "enrolments", period=str(LAST))
    assert first["rows"][0]["key"] == "06"
    assert [r for r in first["rows"] if r["key"] == "06"][0]["cells"][-1]["value"] == 5
    # when: a late enrolment of that quarter arrives (it would make 6 - 5 = 1 visible)
    enrolments(1, when=moment(LAST, days=40), service=service)
    again = get(client, "enrolments", period=str(LAST))
    # then
    assert figures(again) == figures(first)
    assert again["generated_at"] == first["generated_at"]
    assert PublishedTable.objects.filter(dataset="enrolments", quarter=str(LAST)).count() == 1


def test_enrolments__the_default_quarter_is_frozen_too(client):
    enrolments(5, when=moment(LAST))
    first = get(client, "enrolments")
    enrolments(3, when=moment(LAST))
    assert figures(get(client, "enrolments")) == figures(first)
    assert figures(get(client, "enrolments", period=str(LAST))) == figures(first)


def test_enrolments__region_filter_selects_rows_of_the_frozen_table(client):
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa")
    helsinki = MunicipalityFactory(code="091", region=uusimaa)
    enrolments(5, when=moment(LAST))
    enrolments(7, when=moment(LAST), municipality=helsinki)
    national = get(client, "enrolments", period=str(LAST))
    enrolments(2, when=moment(LAST), municipality=helsinki)  # late: not shown
    regional = get(client, "enrolments", period=str(LAST), region="01")
    assert [r["key"] for r in regional["rows"]] == ["01"]
    assert regional["rows"][0] == next(r for r in national["rows"] if r["key"] == "01")
    assert regional["rows"][0]["cells"][-1]["value"] == 7
    assert regional["totals"] == national["totals"]
    # the region filter does not publish another table
    assert PublishedTable.objects.count() == 1


def test_outcomes__a_late_confirmation_is_not_shown(client):
    # given: 5 confirmed outcomes in the quarter, published
    group = ServiceGroupFactory(service=ServiceFactory(service_type=taxonomy_term("coaching")))
    day = LAST.start + datetime.timedelta(days=30)

    def participation(confirmed):
        return ParticipationFactory(
            group=group,
            status="completed",
            outcome="open_market",
            outcome_date=day,
            outcome_reported_at=timezone.now(),
            outcome_confirmed_at=timezone.now() if confirmed else None,
        )

    for _ in range(5):
        participation(True)
    late = participation(False)
    first = get(client, "outcomes", period=str(LAST))
    coaching = next(r for r in first["rows"] if r["key"] == "coaching")
    assert coaching["cells"][0] == {"value": 5, "suppressed": False}
    # when: the sixth outcome (of the same quarter) is confirmed later
    late.outcome_confirmed_at = timezone.now()
    late.save()
    again = get(client, "outcomes", period=str(LAST))
    # then: still 5 — otherwise 6 - 5 would reveal one person's outcome
    assert figures(again) == figures(first)


def test_skills_demand__frozen_with_its_regional_views(client):
    from profiles.models import ProfileSkill
    from tests.factories import EscoSkillFactory, ProfileSkillFactory

    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa")
    helsinki = MunicipalityFactory(code="091", region=uusimaa)
    skill = EscoSkillFactory(label_fi="hitsaus", label_en="welding")

    def held(n, **kwargs):
        for _ in range(n):
            row = ProfileSkillFactory(skill=skill, profile=CustomerProfileFactory(**kwargs))
            ProfileSkill.objects.filter(pk=row.pk).update(created_at=moment(LAST))

    held(6)
    held(5, home_municipality=helsinki)
    national = get(client, "skills-demand", period=str(LAST))
    uusimaa_view = get(client, "skills-demand", period=str(LAST), region="01")
    held(1, home_municipality=helsinki)
    # the published views, in another language too, keep their figures
    assert get(client, "skills-demand", period=str(LAST))["rows"] == national["rows"]
    assert (
        get(client, "skills-demand", period=str(LAST), region="01")["rows"] == uusimaa_view["rows"]
    )
    assert national["rows"][0]["cells"][1] == {"value": 11, "suppressed": False}
    assert uusimaa_view["rows"][0]["cells"][1] == {"value": 5, "suppressed": False}
    english = get(client, "skills-demand", period=str(LAST), lang="en")
    assert english["rows"][0]["label"] == "welding"
    assert english["rows"][0]["cells"] == national["rows"][0]["cells"]
    assert PublishedTable.objects.count() == 1


def test_two_quarters_are_independent(client):
    # given: 5 in the previous quarter, 6 in the latest one
    service = enrolments(5, when=moment(PREVIOUS))
    enrolments(6, when=moment(LAST), service=service)
    # when
    previous = get(client, "enrolments", period=str(PREVIOUS))
    last = get(client, "enrolments", period=str(LAST))
    # then: each quarter counts its own events only, in its own stored table
    assert next(r for r in previous["rows"] if r["key"] == "06")["cells"][-1]["value"] == 5
    assert next(r for r in last["rows"] if r["key"] == "06")["cells"][-1]["value"] == 6
    assert previous["period"]["quarter"] == str(PREVIOUS)
    assert set(PublishedTable.objects.values_list("quarter", flat=True)) == {
        str(PREVIOUS),
        str(LAST),
    }
    # publishing one quarter did not freeze or change the other
    assert figures(get(client, "enrolments", period=str(PREVIOUS))) == figures(previous)


def test_measures_and_k_are_separate_tables(client, settings):
    enrolments(5, when=moment(LAST))
    get(client, "enrolments")
    get(client, "enrolments", measure="referrals")
    settings.OPEN_STATISTICS_K = 10
    hidden = get(client, "enrolments")
    assert set(PublishedTable.objects.values_list("measure", "k")) == {
        ("requests", 5),
        ("referrals", 5),
        ("requests", 10),
    }
    assert next(r for r in hidden["rows"] if r["key"] == "06")["cells"][-1]["suppressed"]


def test_table_publish__stores_one_table_and_codes_not_names():
    RegionFactory()
    enrolments(5, when=moment(LAST))
    first = table_publish(dataset="enrolments", quarter=LAST, measure="requests", k=5)
    second = table_publish(dataset="enrolments", quarter=LAST, measure="requests", k=5)
    assert first.pk == second.pk
    assert PublishedTable.objects.count() == 1
    stored = PublishedTable.objects.get().table
    assert stored["columns"][-1] == "total"
    row = next(r for r in stored["rows"] if r["key"] == "06")
    assert row["cells"][-1] == [5, False]
    assert "Pirkanmaa" not in str(stored)


def test_table_publish__a_concurrent_first_request_gets_the_stored_table(monkeypatch):
    # given: another request stored the table between our look-up and our insert
    from openstats import selectors

    enrolments(5, when=moment(LAST))
    original = selectors.protected_table_compute

    def compute_while_another_publishes(**kwargs):
        table = original(**kwargs)
        PublishedTable.objects.create(
            dataset="enrolments", quarter=str(LAST), measure="requests", k=5, table={"x": 1}
        )
        return table

    monkeypatch.setattr(selectors, "protected_table_compute", compute_while_another_publishes)
    # when
    published = table_publish(dataset="enrolments", quarter=LAST, measure="requests", k=5)
    # then: one row, the one stored first, is served
    assert PublishedTable.objects.count() == 1
    assert published.table == {"x": 1}


def test_services_stay_live(client):
    RegionFactory()
    ServiceFactory(is_nationwide=True)
    first = get(client, "services")
    ServiceFactory(is_nationwide=True)
    again = get(client, "services")
    assert first["period"] is None
    assert again["totals"]["cells"][-1]["value"] == first["totals"]["cells"][-1]["value"] + 1
    assert not PublishedTable.objects.exists()
