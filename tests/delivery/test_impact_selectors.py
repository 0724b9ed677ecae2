"""delivery.selectors.impact on the hand-built dataset of impact_world.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delivery.selectors import impact as selectors
from delivery.selectors.impact import Period
from tests.delivery.impact_world import build
from tests.factories import ExpertUserFactory, JobseekerUserFactory

D = datetime.date
Q1 = Period(first=D(2026, 1, 1), last=D(2026, 3, 1))

pytestmark = pytest.mark.django_db


def verified(user):
    user.is_verified = lambda: True
    return user


@pytest.fixture
def world():
    w = build()
    verified(w.tampere_expert)
    verified(w.helsinki_expert)
    return w


def month(report, m):
    return next(row for row in report.months if row.month == D(2026, m, 1))


def test_period__months_and_defaults():
    period = Period.last_months(12, today=D(2026, 11, 28))
    assert period.first == D(2025, 12, 1)
    assert period.last == D(2026, 11, 1)
    assert period.end == D(2026, 11, 30)
    assert len(period.months) == 12
    assert Q1.end == D(2026, 3, 31)
    assert Period(first=D(2024, 2, 1), last=D(2024, 2, 1)).end == D(2024, 2, 29)


def test_provider_impact__participants_attendance_and_sessions_per_month(world):
    report = selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
    jan, feb, mar = month(report, 1), month(report, 2), month(report, 3)

    assert [jan.participants, feb.participants, mar.participants] == [2, 2, 2]
    assert report.total.participants == 3  # p1, p2, p3 — provider B's p4 is not here

    assert (jan.days_onsite, jan.days_remote, jan.days_absent) == (1, 2, 0)
    assert (feb.days_onsite, feb.days_remote, feb.days_absent) == (0, 1, 1)
    assert (mar.days_onsite, mar.days_remote, mar.days_absent) == (1, 0, 0)  # 3.3. cancelled
    assert jan.remote_day_share == pytest.approx(2 / 3)
    assert feb.remote_day_share == 1
    assert mar.remote_day_share == 0

    assert (jan.sessions_onsite, jan.sessions_remote, jan.sessions_hybrid) == (1, 1, 0)
    assert (feb.sessions_onsite, feb.sessions_remote, feb.sessions_hybrid) == (1, 0, 1)
    assert (mar.sessions_onsite, mar.sessions_remote, mar.sessions_hybrid) == (1, 0, 0)
    assert jan.remote_session_share == 0.5
    assert feb.remote_session_share == 0.5
    assert mar.remote_session_share == 0

    total = report.total
    assert (total.days_onsite, total.days_remote, total.days_absent) == (2, 3, 1)
    assert total.remote_day_share == pytest.approx(3 / 5)
    assert total.sessions == 5


def test_provider_impact__outcomes_confirmed_and_pending(world):
    report = selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
    by_category = {row.outcome: (row.confirmed, row.pending) for row in report.outcomes}
    assert by_category == {
        "open_market": (1, 1),
        "education": (1, 0),
        "service": (0, 0),
        "unemployment": (0, 0),
        "other": (0, 0),
    }
    assert month(report, 1).outcomes == {"open_market": 1}
    assert month(report, 3).outcomes == {"education": 1}
    assert month(report, 3).pending == 1
    assert (report.total.confirmed, report.total.pending) == (2, 1)


def test_provider_impact__compensation_by_tariff_of_the_paying_municipality(world):
    report = selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
    lines = {
        (p.municipality_code, p.line.tariff.name, p.line.outcome): (p.line.count, p.amount)
        for p in report.payments
    }
    assert lines == {
        ("091", "Oletus 2026", "open_market"): (1, Decimal("1000.00")),  # Helsinki: default
        ("837", "Tampere 2026", "education"): (1, Decimal("700.00")),  # own beats default
    }
    assert report.compensation_total == Decimal("1700.00")
    assert {t.name for t in report.tariffs} == {"Oletus 2026", "Tampere 2026"}
    assert report.without_tariff == 0


def test_compensation__validity_dates_choose_the_tariff(world):
    """An outcome on 31.1.2026 in Tampere falls under the 2025 tariff (valid to 31.1.)."""
    world.p1.outcome_date = D(2026, 1, 31)
    world.p1.outcome = "open_market"
    world.p1.save()
    report = selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
    tampere = [p for p in report.payments if p.municipality_code == "837"]
    assert [(p.line.tariff.name, p.amount) for p in tampere] == [
        ("Tampere 2025", Decimal("1400.00"))
    ]


def test_compensation__missing_tariff_and_missing_rate_are_listed_with_zero(world):
    world.p3.outcome_date = D(2025, 12, 15)  # Helsinki, before the default tariff
    world.p3.save()
    world.p1.outcome = "service"  # Tampere 2026 has no rate for "service"
    world.p1.save()
    period = Period(first=D(2025, 12, 1), last=D(2026, 3, 1))
    report = selectors.provider_impact(
        viewer=world.user_a, provider=world.provider_a, period=period
    )
    lines = {(p.municipality_code, p.line.outcome): p.line for p in report.payments}
    no_tariff = lines[("091", "open_market")]
    assert no_tariff.tariff is None
    assert no_tariff.rate is None
    assert no_tariff.amount == 0
    no_rate = lines[("837", "service")]
    assert no_rate.tariff.name == "Tampere 2026"
    assert no_rate.rate is None
    assert no_rate.amount == 0
    assert report.without_tariff == 1
    assert report.without_rate == 1
    assert report.compensation_total == 0


def test_compensation__default_tariff_when_the_municipality_tariff_is_not_valid(world):
    world.tampere_2026.valid_from = D(2026, 4, 1)
    world.tampere_2026.save()
    report = selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
    tampere = [p for p in report.payments if p.municipality_code == "837"]
    assert [(p.line.tariff.name, p.amount) for p in tampere] == [("Oletus 2026", Decimal("500.00"))]


def test_municipality_impact__residents_of_the_area_across_providers(world):
    report = selectors.municipality_impact(
        viewer=world.tampere_expert, municipality_codes=["837"], period=Q1
    )
    # Tampere residents: p1, p2 (provider A) and p4 (provider B); Helsinki's p3 is not counted.
    assert report.total.participants == 3
    assert month(report, 1).participants == 2  # p1, p4
    assert (report.total.days_onsite, report.total.days_remote) == (3, 2)
    providers = {row.label: row for row in report.providers}
    assert set(providers) == {"Valmennus A ry", "Valmennus B oy"}
    a, b = providers["Valmennus A ry"], providers["Valmennus B oy"]
    assert (a.participants, a.days_onsite, a.days_remote, a.confirmed, a.pending) == (2, 2, 2, 1, 1)
    assert a.compensation == Decimal("700.00")
    assert (b.participants, b.days_onsite, b.confirmed, b.compensation) == (
        1,
        1,
        1,
        Decimal("1500.00"),
    )
    assert report.compensation_total == Decimal("2200.00")
    assert [(m.key, m.participants) for m in report.municipalities] == [("837", 3)]


def test_municipality_impact__one_provider(world):
    report = selectors.municipality_impact(
        viewer=world.tampere_expert,
        municipality_codes=["837"],
        provider=world.provider_b,
        period=Q1,
    )
    assert report.total.participants == 1
    assert [row.label for row in report.providers] == ["Valmennus B oy"]
    assert report.compensation_total == Decimal("1500.00")


def test_municipality_impact__only_the_experts_own_municipalities(world):
    with pytest.raises(PermissionDenied):
        selectors.municipality_impact(
            viewer=world.helsinki_expert, municipality_codes=["837"], period=Q1
        )
    with pytest.raises(PermissionDenied):
        selectors.municipality_impact(
            viewer=JobseekerUserFactory(), municipality_codes=[], period=Q1
        )
    assert [m.code for m in selectors.impact_municipalities(viewer=world.tampere_expert)] == ["837"]


def test_provider_impact__refuses_other_providers(world):
    with pytest.raises(PermissionDenied):
        selectors.provider_impact(viewer=world.user_b, provider=world.provider_a, period=Q1)
    assert (
        selectors.impact_provider_get(viewer=world.user_b, provider_uuid=world.provider_a.uuid)
        is None
    )
    assert list(selectors.impact_providers(viewer=world.user_b)) == [world.provider_b]
    assert list(selectors.impact_providers(viewer=verified(ExpertUserFactory()))) == []


def test_empty_period_has_zeros_and_no_division_errors(world):
    period = Period(first=D(2024, 1, 1), last=D(2024, 6, 1))
    report = selectors.provider_impact(
        viewer=world.user_a, provider=world.provider_a, period=period
    )
    assert report.is_empty
    assert all(m.remote_day_share is None and m.remote_session_share is None for m in report.months)
    assert report.compensation_total == 0


def test_query_count_does_not_grow_with_attendance(world):
    """Aggregated in the database: the number of queries is fixed, whatever the rows."""

    def count():
        with CaptureQueriesContext(connection) as ctx:
            selectors.provider_impact(viewer=world.user_a, provider=world.provider_a, period=Q1)
        return len(ctx.captured_queries)

    before = count()
    for day in (D(2026, 1, 8), D(2026, 1, 12), D(2026, 1, 13), D(2026, 2, 5), D(2026, 2, 9)):
        from tests.delivery.impact_world import attend

        attend(world.p1, day, "remote")
    assert count() == before
    assert before <= 12
