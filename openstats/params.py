"""The filters of the open statistics, shared by the API and the page: a period and a region.

**Periods are fixed calendar quarters** (``period=2026-Q3``), and only quarters that have
ended are published. Free periods (a year, a range of months) would let a reader subtract
two overlapping tables (January–May from January–June) and recover a small figure that each
table hides on its own; quarters never overlap, so there is nothing to subtract. The tables
of a quarter are frozen the first time they are asked for (openstats.models.PublishedTable),
so a later request — after late or corrected data arrived — gets the same figures.

Bad input raises ApplicationError with a translated message (the API answers 400, the page
shows it next to the field)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tori.exceptions import ApplicationError

QUARTER_RE = re.compile(r"^(\d{4})-Q(\d)$")
DEFAULT_FIRST_QUARTER = "2025-Q1"
DEFAULT_LAG_DAYS = 14
# the parameters of the old free periods: refused with a message, never silently ignored
RETIRED_PERIOD_PARAMETERS = ("year", "from", "to")

ENROLMENT_MEASURES = ("requests", "participations", "referrals")


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: ``number`` 1 (January–March) to 4 (October–December)."""

    year: int
    number: int

    @classmethod
    def containing(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, value: str) -> Quarter | None:
        match = QUARTER_RE.match(value.strip().upper())
        if not match or not 1 <= int(match.group(2)) <= 4:
            return None
        quarter = cls(int(match.group(1)), int(match.group(2)))
        # a quarter, the one after it and its publication day must be dates (years 1–9999)
        if not datetime.MINYEAR <= quarter.year <= datetime.MAXYEAR - 1:
            return None
        return quarter

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end_exclusive(self) -> datetime.date:
        if self.number == 4:
            return datetime.date(self.year + 1, 1, 1)
        return datetime.date(self.year, 3 * self.number + 1, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.end_exclusive - datetime.timedelta(days=1)

    @property
    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def is_published(self, today: datetime.date) -> bool:
        """A quarter's figures are published (and frozen) only some days after it ended, so
        that entries made a little late (attendance, outcomes confirmed afterwards) count."""
        return today >= self.end_exclusive + datetime.timedelta(days=publication_lag_days())

    def aware_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) as aware datetimes in Finnish time, for DateTimeField filters."""
        zone = timezone.get_default_timezone()
        return (
            timezone.make_aware(datetime.datetime.combine(self.start, datetime.time()), zone),
            timezone.make_aware(
                datetime.datetime.combine(self.end_exclusive, datetime.time()), zone
            ),
        )

    def as_dict(self) -> dict:
        return {
            "quarter": str(self),
            "from": self.start.isoformat(),
            "to": self.last_day.isoformat(),
        }

    @property
    def label(self) -> str:
        """For people, in the active language, e.g. "3rd quarter 2026 (1.7.2026–30.9.2026)"."""
        return _("Quarter %(number)s/%(year)s (%(start)s–%(end)s)") % {
            "number": self.number,
            "year": self.year,
            "start": formats.date_format(self.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(self.last_day, "SHORT_DATE_FORMAT"),
        }


def first_quarter() -> Quarter:
    """The first quarter with figures (setting OPEN_STATISTICS_FIRST_QUARTER, e.g. 2025-Q1)."""
    value = getattr(settings, "OPEN_STATISTICS_FIRST_QUARTER", DEFAULT_FIRST_QUARTER)
    return Quarter.parse(value) or Quarter.parse(DEFAULT_FIRST_QUARTER)


def publication_lag_days() -> int:
    """Days after the end of a quarter before it is published (OPEN_STATISTICS_LAG_DAYS)."""
    return int(getattr(settings, "OPEN_STATISTICS_LAG_DAYS", DEFAULT_LAG_DAYS))


def latest_completed_quarter(today: datetime.date | None = None) -> Quarter:
    """The latest quarter whose figures are published."""
    today = today or timezone.localdate()
    return Quarter.containing(today - datetime.timedelta(days=publication_lag_days())).previous


def published_quarters(today: datetime.date | None = None) -> list[Quarter]:
    """Every quarter that may be asked for, the latest first."""
    quarter, first = latest_completed_quarter(today), first_quarter()
    quarters = []
    while quarter >= first:
        quarters.append(quarter)
        quarter = quarter.previous
    return quarters or [latest_completed_quarter(today)]


@dataclass(frozen=True)
class StatisticsQuery:
    period: Quarter | None = None
    region: str | None = None
    measure: str | None = None

    @property
    def cache_key(self) -> str:
        return f"{self.period or '-'}:{self.region or '-'}:{self.measure or '-'}"


def parse_period(data: Mapping[str, str], *, today: datetime.date | None = None) -> Quarter:
    """``period=2026-Q3``: a calendar quarter that has ended, not before the first one;
    the latest completed quarter when none is given."""
    today = today or timezone.localdate()
    for name in RETIRED_PERIOD_PARAMETERS:
        if name in data:
            raise ApplicationError(
                _(
                    "Figures are published by calendar quarter, not by year or month: give "
                    "a quarter, for example period=%(example)s."
                )
                % {"example": latest_completed_quarter(today)},
                field=name,
            )
    value = (data.get("period") or "").strip()
    latest = latest_completed_quarter(today)
    if not value:
        return latest
    quarter = Quarter.parse(value)
    if quarter is None:
        raise ApplicationError(
            _("Give a calendar quarter as YYYY-QN, for example %(example)s (N is 1 to 4).")
            % {"example": latest},
            field="period",
        )
    if not quarter.is_published(today):
        raise ApplicationError(
            _(
                "Figures for %(quarter)s are published two weeks after the quarter has "
                "ended. The latest quarter with figures is %(latest)s."
            )
            % {"quarter": quarter, "latest": latest},
            field="period",
        )
    first = first_quarter()
    if quarter < first:
        raise ApplicationError(
            _("Figures are available from %(first)s onwards.") % {"first": first},
            field="period",
        )
    return quarter


def parse_region(data: Mapping[str, str], *, allowed: bool = True) -> str | None:
    from reference.models import Region

    code = (data.get("region") or "").strip()
    if not code:
        return None
    if not allowed:
        raise ApplicationError(
            _("These figures are national only and cannot be filtered by region."),
            field="region",
        )
    if not Region.objects.filter(code=code).exists():
        raise ApplicationError(_("Unknown region: give a region code, e.g. 06."), field="region")
    return code


def parse_measure(data: Mapping[str, str]) -> str:
    measure = (data.get("measure") or "").strip() or ENROLMENT_MEASURES[0]
    if measure not in ENROLMENT_MEASURES:
        raise ApplicationError(
            _("Unknown measure: use one of %(choices)s.")
            % {"choices": ", ".join(ENROLMENT_MEASURES)},
            field="measure",
        )
    return measure


def parse_query(data: Mapping[str, str], *, dataset: str) -> StatisticsQuery:
    """The filters one dataset takes; the others are ignored like unknown parameters (but the
    year and month parameters are refused everywhere, also for the live services table)."""
    if dataset == "services":
        for name in RETIRED_PERIOD_PARAMETERS:
            if name in data:
                parse_period(data)  # raises the explanation
        return StatisticsQuery(region=parse_region(data))
    if dataset == "outcomes":
        return StatisticsQuery(period=parse_period(data), region=parse_region(data, allowed=False))
    if dataset == "enrolments":
        return StatisticsQuery(
            period=parse_period(data), region=parse_region(data), measure=parse_measure(data)
        )
    if dataset == "skills-demand":
        return StatisticsQuery(period=parse_period(data), region=parse_region(data))
    raise ValueError(dataset)
