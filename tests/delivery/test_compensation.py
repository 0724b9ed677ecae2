"""delivery.compensation: tariff choice, amounts, and the no-overlap rule."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from delivery import compensation
from delivery.compensation import TariffInfo
from delivery.models import CompensationTariff
from tests.factories.delivery import CompensationTariffFactory
from tests.factories.users import MunicipalityFactory

D = datetime.date

DEFAULT = TariffInfo(1, "Oletus", None, D(2026, 1, 1), None, {"open_market": Decimal("1000")})
TAMPERE_2025 = TariffInfo(2, "Tampere 2025", "837", D(2025, 1, 1), D(2025, 12, 31), {})
TAMPERE_2026 = TariffInfo(
    3, "Tampere 2026", "837", D(2026, 1, 1), None, {"open_market": Decimal("1500.50")}
)
ALL = [DEFAULT, TAMPERE_2025, TAMPERE_2026]


@pytest.mark.parametrize(
    ("municipality", "day", "expected"),
    [
        ("837", D(2026, 3, 1), TAMPERE_2026),  # own beats default
        ("837", D(2025, 6, 1), TAMPERE_2025),  # the one valid on the day
        ("837", D(2025, 12, 31), TAMPERE_2025),  # last day included
        ("091", D(2026, 3, 1), DEFAULT),  # no own tariff → default
        (None, D(2026, 3, 1), DEFAULT),
        ("091", D(2025, 6, 1), None),  # nothing valid then
        ("837", D(2024, 12, 31), None),
    ],
)
def test_pick_tariff(municipality, day, expected):
    assert compensation.pick_tariff(ALL, municipality, day) == expected


def test_pick_tariff__latest_start_wins_if_tariffs_overlap():
    later = TariffInfo(9, "Myöhempi", "837", D(2026, 6, 1), None, {})
    assert compensation.pick_tariff([*ALL, later], "837", D(2026, 7, 1)) == later


def test_compensation_lines_and_total():
    paid = compensation.compensation_line("open_market", 3, TAMPERE_2026)
    assert paid.rate == Decimal("1500.50")
    assert paid.amount == Decimal("4501.50")
    no_rate = compensation.compensation_line("education", 2, TAMPERE_2026)
    assert no_rate.has_tariff
    assert not no_rate.has_rate
    assert no_rate.amount == Decimal("0.00")
    no_tariff = compensation.compensation_line("open_market", 1, None)
    assert not no_tariff.has_tariff
    assert no_tariff.amount == Decimal("0.00")
    assert compensation.compensation_total([paid, no_rate, no_tariff]) == Decimal("4501.50")
    assert compensation.compensation_total([]) == Decimal("0.00")


def test_share_never_divides_by_zero():
    assert compensation.share(0, 0) is None
    assert compensation.share(1, 4) == 0.25


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 7, 1), None), False),
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 6, 30), None), True),
        ((D(2026, 1, 1), None), (D(2020, 1, 1), D(2025, 12, 31)), False),
        ((D(2026, 1, 1), None), (D(2030, 1, 1), None), True),
        ((D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 1, 1), D(2026, 12, 31)), True),
    ],
)
def test_periods_overlap(a, b, overlap):
    assert compensation.periods_overlap(*a, *b) is overlap
    assert compensation.periods_overlap(*b, *a) is overlap


@pytest.mark.django_db
def test_validate_tariff_period__one_tariff_in_force_per_municipality():
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(code="091", name_fi="Helsinki")
    existing = CompensationTariffFactory(
        name="Tampere 2026", municipality=tampere, valid_from=D(2026, 1, 1)
    )
    CompensationTariffFactory(name="Oletus", municipality=None, valid_from=D(2026, 1, 1))

    clash = CompensationTariff(name="Uusi", municipality=tampere, valid_from=D(2026, 6, 1))
    with pytest.raises(ValidationError) as error:
        compensation.validate_tariff_period(clash)
    assert "Tampere 2026" in str(error.value)

    before = CompensationTariff(
        name="Tampere 2025",
        municipality=tampere,
        valid_from=D(2025, 1, 1),
        valid_until=D(2025, 12, 31),
    )
    compensation.validate_tariff_period(before)  # ends the day before: fine
    compensation.validate_tariff_period(
        CompensationTariff(name="Helsinki", municipality=helsinki, valid_from=D(2026, 1, 1))
    )  # another municipality: fine
    compensation.validate_tariff_period(existing)  # itself is not a clash

    with pytest.raises(ValidationError):
        compensation.validate_tariff_period(
            CompensationTariff(name="Oletus 2", municipality=None, valid_from=D(2027, 1, 1))
        )
    with pytest.raises(ValidationError):
        compensation.validate_tariff_period(
            CompensationTariff(
                name="Väärin",
                municipality=helsinki,
                valid_from=D(2026, 5, 1),
                valid_until=D(2026, 4, 1),
            )
        )
    assert (
        list(
            compensation.tariff_overlaps(
                municipality_code="837", valid_from=D(2025, 1, 1), valid_until=D(2025, 12, 31)
            )
        )
        == []
    )
