"""Outcome-based compensation: which tariff applies, what it pays, and the overlap rule.

The first part is pure computation over plain values (no ORM), shared by the impact
selectors and the tests. ``tariff_overlaps`` / ``validate_tariff_period`` at the end query the
database: the rule that one municipality (or the default, municipality = None) never has two
tariffs valid on the same day. Call ``validate_tariff_period`` from the tariff model's
``clean()`` or from the service that saves a tariff.

Tariff choice for a confirmed outcome: the tariff of the participant's paying municipality
valid on the outcome date; when the municipality has none, the default tariff valid then;
when neither exists the outcome is listed under "no tariff" and pays 0 €. A tariff that
applies but has no rate for the outcome's category also pays 0 € and is listed as such."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TariffInfo:
    """One tariff as plain data: rates maps an outcome category to an amount in euros."""

    pk: int
    name: str
    municipality_code: str | None
    valid_from: datetime.date
    valid_until: datetime.date | None
    rates: Mapping[str, Decimal] = field(default_factory=dict)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def periods_overlap(
    a_from: datetime.date,
    a_until: datetime.date | None,
    b_from: datetime.date,
    b_until: datetime.date | None,
) -> bool:
    """Two closed date ranges overlap; None as the end means open-ended."""
    a_ends_before_b = a_until is not None and a_until < b_from
    b_ends_before_a = b_until is not None and b_until < a_from
    return not (a_ends_before_b or b_ends_before_a)


def pick_tariff(
    tariffs: Iterable[TariffInfo], municipality_code: str | None, day: datetime.date
) -> TariffInfo | None:
    """The municipality's own tariff valid on `day`, else the default one valid then, else
    None. Should tariffs overlap despite the rule, the one that started latest wins."""
    own, default = [], []
    for tariff in tariffs:
        if not tariff.is_valid_on(day):
            continue
        if tariff.municipality_code is None:
            default.append(tariff)
        elif municipality_code is not None and tariff.municipality_code == municipality_code:
            own.append(tariff)
    for candidates in (own, default):
        if candidates:
            return max(candidates, key=lambda t: (t.valid_from, t.pk))
    return None


@dataclass(frozen=True)
class CompensationLine:
    """Confirmed outcomes of one category under one tariff (or under no tariff)."""

    outcome: str
    count: int
    tariff: TariffInfo | None
    rate: Decimal | None  # None: no tariff, or the tariff has no rate for the category

    @property
    def amount(self) -> Decimal:
        return ZERO if self.rate is None else (self.rate * self.count).quantize(ZERO)

    @property
    def has_tariff(self) -> bool:
        return self.tariff is not None

    @property
    def has_rate(self) -> bool:
        return self.rate is not None


def compensation_line(outcome: str, count: int, tariff: TariffInfo | None) -> CompensationLine:
    rate = None if tariff is None else tariff.rates.get(outcome)
    return CompensationLine(outcome=outcome, count=count, tariff=tariff, rate=rate)


def compensation_total(lines: Iterable[CompensationLine]) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


def share(part: int, whole: int) -> float | None:
    """part / whole as a fraction, or None when there is nothing to divide (never raises)."""
    if not whole:
        return None
    return part / whole


# --- Validation (queries the database) ------------------------------------------------------


def tariff_overlaps(*, municipality_code, valid_from, valid_until, exclude_pk=None):
    """Other tariffs of the same municipality (or other default tariffs) whose validity
    overlaps [valid_from, valid_until]."""
    from django.db.models import Q

    from delivery.models import CompensationTariff

    # municipality_id=None is "IS NULL": the default tariffs.
    qs = CompensationTariff.objects.filter(municipality_id=municipality_code)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    qs = qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
    if valid_until is not None:
        qs = qs.filter(valid_from__lte=valid_until)
    return qs.order_by("valid_from")


def validate_tariff_period(tariff) -> None:
    """Raise ValidationError when `tariff` would overlap another tariff of its municipality
    (or, for a default tariff, another default tariff). For CompensationTariff.clean()."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if tariff.valid_from is None:
        return
    if tariff.valid_until is not None and tariff.valid_until < tariff.valid_from:
        raise ValidationError(
            {"valid_until": _("The end of the validity cannot be before its start.")}
        )
    clash = tariff_overlaps(
        municipality_code=tariff.municipality_id,
        valid_from=tariff.valid_from,
        valid_until=tariff.valid_until,
        exclude_pk=tariff.pk,
    ).first()
    if clash is not None:
        raise ValidationError(
            {
                "valid_from": _(
                    "The validity overlaps the tariff “%(name)s” (from %(start)s). "
                    "A municipality can have only one tariff in force at a time."
                )
                % {"name": clash.name, "start": clash.valid_from.strftime("%d.%m.%Y")}
            }
        )
