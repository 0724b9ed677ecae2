"""Impact of service delivery, aggregated in the database: participants, attendance and
delivery mode per month, outcomes by category, and the outcome-based compensation due.

Two scopes share one report: a provider's own groups (``provider_impact``), and the residents
of an expert's municipalities across all providers (``municipality_impact``; participants are
counted for the paying municipality, Participation.municipality). Only counts and sums leave
this module — never names.

Definitions (shown to users in plain language on the pages):

* participant active in a month — joined on or before its last day and neither left nor
  saw the group end before its first day; a person in two groups counts once;
* attendance days — recorded attendance on sessions that were not cancelled, by status;
* share of remote days — days present remotely / days present (on site + remotely);
* sessions held — scheduled days not cancelled with attendance recorded for at least one
  participant in scope; share of remote or hybrid sessions — (remote + hybrid) / sessions held;
* outcomes — by outcome date; confirmed by an expert, or reported and still pending;
* compensation — see delivery.compensation (confirmed outcomes only)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from catalog.models import Service
from delivery import compensation
from delivery.compensation import CompensationLine, TariffInfo
from delivery.models import Attendance, CompensationTariff, GroupSession, Participation
from expert.models import Outcome
from providers.models import Provider
from reference.models import Municipality
from tori import permissions as perms

DeliveryMode = Service.DeliveryMode
MAX_MONTHS = 36


# --- Period --------------------------------------------------------------------------------


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + (month.month - 1) + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_span(first: datetime.date, last: datetime.date) -> int:
    """Number of months from `first` to `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class Period:
    """Whole calendar months from `first` to `last` (both the first day of their month)."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def last_months(cls, count: int = 12, *, today: datetime.date) -> Period:
        last = first_of_month(today)
        return cls(first=add_months(last, -(count - 1)), last=last)

    @property
    def start(self) -> datetime.date:
        return self.first

    @property
    def end(self) -> datetime.date:
        return add_months(self.last, 1) - datetime.timedelta(days=1)

    @property
    def months(self) -> list[datetime.date]:
        return [add_months(self.first, i) for i in range(month_span(self.first, self.last))]


# --- Report shape --------------------------------------------------------------------------


@dataclass
class MonthRow:
    month: datetime.date
    participants: int = 0
    days_onsite: int = 0
    days_remote: int = 0
    days_absent: int = 0
    sessions_onsite: int = 0
    sessions_remote: int = 0
    sessions_hybrid: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # confirmed, by category
    pending: int = 0

    @property
    def days_present(self) -> int:
        return self.days_onsite + self.days_remote

    @property
    def days_recorded(self) -> int:
        return self.days_present + self.days_absent

    @property
    def sessions(self) -> int:
        return self.sessions_onsite + self.sessions_remote + self.sessions_hybrid

    @property
    def remote_day_share(self) -> float | None:
        return compensation.share(self.days_remote, self.days_present)

    @property
    def remote_session_share(self) -> float | None:
        return compensation.share(self.sessions_remote + self.sessions_hybrid, self.sessions)

    @property
    def confirmed(self) -> int:
        return sum(self.outcomes.values())

    def outcome_counts(self) -> list[int]:
        return [self.outcomes.get(value, 0) for value in Outcome.values]


@dataclass
class OutcomeRow:
    outcome: str
    label: str
    confirmed: int = 0
    pending: int = 0


@dataclass
class PaymentLine:
    """Confirmed outcomes of one category, paid by one municipality to one provider."""

    provider_id: int
    municipality_code: str | None
    line: CompensationLine
    provider_label: str = ""
    municipality_label: str = ""

    @property
    def amount(self) -> Decimal:
        return self.line.amount


@dataclass
class GroupRow:
    """A provider or a paying municipality in the municipality view."""

    key: object
    label: str
    participants: int = 0
    days_onsite: int = 0
    days_remote: int = 0
    days_absent: int = 0
    confirmed: int = 0
    pending: int = 0
    compensation: Decimal = compensation.ZERO
    lines: list[PaymentLine] = field(default_factory=list)

    @property
    def remote_day_share(self) -> float | None:
        return compensation.share(self.days_remote, self.days_onsite + self.days_remote)


@dataclass
class ImpactReport:
    period: Period
    months: list[MonthRow]
    total: MonthRow  # sums over the period; participants = distinct over the whole period
    outcomes: list[OutcomeRow]
    payments: list[PaymentLine]
    tariffs: list[TariffInfo]  # tariffs applied to the confirmed outcomes of the period
    providers: list[GroupRow] = field(default_factory=list)
    municipalities: list[GroupRow] = field(default_factory=list)
    municipality_names: dict[str, str] = field(default_factory=dict)

    @property
    def compensation_total(self) -> Decimal:
        return compensation.compensation_total(p.line for p in self.payments)

    @property
    def without_tariff(self) -> int:
        return sum(p.line.count for p in self.payments if not p.line.has_tariff)

    @property
    def without_rate(self) -> int:
        return sum(p.line.count for p in self.payments if p.line.has_tariff and not p.line.has_rate)

    @property
    def is_empty(self) -> bool:
        return not (
            self.total.participants
            or self.total.days_recorded
            or self.total.sessions
            or self.total.confirmed
            or self.total.pending
        )


# --- Choices for the viewer ----------------------------------------------------------------


def impact_providers(*, viewer):
    """Providers whose impact page the viewer may open: their own (platform admins: all)."""
    if perms.is_platform_admin(viewer):
        return Provider.objects.order_by("name")
    return Provider.objects.filter(pk__in=perms.provider_ids(viewer)).order_by("name")


def impact_provider_get(*, viewer, provider_uuid) -> Provider | None:
    """The provider if the viewer may see its impact; None (→ 404) otherwise."""
    provider = Provider.objects.filter(uuid=provider_uuid).first()
    if provider is None or not perms.can_view_provider_impact(viewer, provider):
        return None
    return provider


def impact_municipalities(*, viewer):
    """The municipalities of the expert's offices."""
    if not perms.can_view_municipality_impact(viewer):
        return Municipality.objects.none()
    return Municipality.objects.filter(code__in=perms.expert_municipality_codes(viewer)).order_by(
        "name_fi"
    )


def impact_municipality_providers(*, viewer, municipality_codes):
    """Providers that have (had) participants paid for by these municipalities."""
    codes = _allowed_codes(viewer, municipality_codes)
    return Provider.objects.filter(
        pk__in=Participation.objects.filter(municipality_id__in=codes).values(
            "group__service__provider_id"
        )
    ).order_by("name")


def _allowed_codes(viewer, municipality_codes) -> set[str]:
    codes = set(municipality_codes)
    if not perms.can_view_municipality_impact(viewer) or not codes <= (
        perms.expert_municipality_codes(viewer)
    ):
        raise PermissionDenied
    return codes


# --- Reports -------------------------------------------------------------------------------


def provider_impact(*, viewer, provider, period: Period) -> ImpactReport:
    if not perms.can_view_provider_impact(viewer, provider):
        raise PermissionDenied
    scope = Q(group__service__provider_id=provider.pk)
    return _report(scope=scope, period=period)


def municipality_impact(
    *, viewer, municipality_codes, period: Period, provider=None
) -> ImpactReport:
    codes = _allowed_codes(viewer, municipality_codes)
    scope = Q(municipality_id__in=codes)
    if provider is not None:
        scope &= Q(group__service__provider_id=provider.pk)
    return _report(scope=scope, period=period)


def _prefixed(scope: Q, prefix: str) -> Q:
    """The participation scope `scope` re-rooted on a relation (e.g. "participation__")."""
    clone = Q(*[], _connector=scope.connector, _negated=scope.negated)
    for child in scope.children:
        if isinstance(child, Q):
            clone.children.append(_prefixed(child, prefix))
        else:
            key, value = child
            clone.children.append((prefix + key, value))
    return clone


def _active_in(start: datetime.date, end: datetime.date) -> Q:
    return Q(joined_on__lte=end) & Q(active_until__gte=start)


def _participations(scope: Q):
    return Participation.objects.filter(scope).annotate(
        active_until=Coalesce("left_on", "group__ends_on")
    )


def _tariff_subquery(municipality_ref):
    day = OuterRef("outcome_date")
    valid = Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    if municipality_ref is None:
        qs = CompensationTariff.objects.filter(valid, municipality__isnull=True)
    else:
        qs = CompensationTariff.objects.filter(valid, municipality_id=OuterRef(municipality_ref))
    return Subquery(qs.order_by("-valid_from", "-pk").values("pk")[:1])


def _tariff_infos(tariff_ids) -> dict[int, TariffInfo]:
    infos = {}
    for tariff in CompensationTariff.objects.filter(pk__in=tariff_ids).prefetch_related("rates"):
        infos[tariff.pk] = TariffInfo(
            pk=tariff.pk,
            name=tariff.name,
            municipality_code=tariff.municipality_id,
            valid_from=tariff.valid_from,
            valid_until=tariff.valid_until,
            rates={rate.outcome: rate.amount for rate in tariff.rates.all()},
        )
    return infos


def _report(*, scope: Q, period: Period) -> ImpactReport:
    start, end = period.start, period.end
    rows = {month: MonthRow(month=month) for month in period.months}
    total = MonthRow(month=period.first)

    # Participants: distinct people per month and over the period, in one query.
    participations = _participations(scope)
    aggregates = {
        f"m{i}": Count(
            "user",
            distinct=True,
            filter=_active_in(month, add_months(month, 1) - datetime.timedelta(days=1)),
        )
        for i, month in enumerate(period.months)
    }
    aggregates["total"] = Count("user", distinct=True, filter=_active_in(start, end))
    counts = participations.aggregate(**aggregates)
    for i, month in enumerate(period.months):
        rows[month].participants = counts[f"m{i}"]
    total.participants = counts["total"]

    # Attendance days by month and status (and provider / municipality for the breakdown).
    attendance = (
        Attendance.objects.filter(_prefixed(scope, "participation__"))
        .filter(session__date__range=(start, end), session__is_cancelled=False)
        .annotate(month=TruncMonth("session__date"))
    )
    keys = [
        "month",
        "status",
        "participation__group__service__provider_id",
        "participation__municipality_id",
    ]
    attendance_rows = list(attendance.values(*keys).annotate(n=Count("pk")).order_by())
    for row in attendance_rows:
        status = row["status"]
        for target in (rows[row["month"]], total):
            setattr(target, f"days_{status}", getattr(target, f"days_{status}") + row["n"])

    # Sessions held, by month and delivery mode.
    sessions = (
        GroupSession.objects.filter(
            date__range=(start, end),
            is_cancelled=False,
            pk__in=Attendance.objects.filter(_prefixed(scope, "participation__")).values(
                "session_id"
            ),
        )
        .annotate(month=TruncMonth("date"))
        .values("month", "delivery_mode")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in sessions:
        attr = f"sessions_{row['delivery_mode']}"
        for target in (rows[row["month"]], total):
            setattr(target, attr, getattr(target, attr) + row["n"])

    # Outcomes of the period, with the tariff that applies to each (confirmed ones are paid).
    outcomes = (
        Participation.objects.filter(scope)
        .exclude(outcome="")
        .filter(outcome_date__range=(start, end))
        .annotate(
            month=TruncMonth("outcome_date"),
            confirmed=ExpressionWrapper(
                Q(outcome_confirmed_at__isnull=False), output_field=BooleanField()
            ),
            tariff_id=Coalesce(_tariff_subquery("municipality_id"), _tariff_subquery(None)),
        )
        .values(
            "month",
            "outcome",
            "confirmed",
            "tariff_id",
            "municipality_id",
            "group__service__provider_id",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    outcome_rows = list(outcomes)
    by_category = {
        value: OutcomeRow(outcome=value, label=label) for value, label in Outcome.choices
    }
    paid: dict[tuple, int] = defaultdict(int)
    for row in outcome_rows:
        month_row = rows[row["month"]]
        if row["confirmed"]:
            by_category[row["outcome"]].confirmed += row["n"]
            for target in (month_row, total):
                target.outcomes[row["outcome"]] = target.outcomes.get(row["outcome"], 0) + row["n"]
            key = (
                row["group__service__provider_id"],
                row["municipality_id"],
                row["tariff_id"],
                row["outcome"],
            )
            paid[key] += row["n"]
        else:
            by_category[row["outcome"]].pending += row["n"]
            month_row.pending += row["n"]
            total.pending += row["n"]

    infos = _tariff_infos({key[2] for key in paid if key[2] is not None})
    outcome_order = {value: i for i, value in enumerate(Outcome.values)}
    payments = [
        PaymentLine(
            provider_id=provider_id,
            municipality_code=code,
            line=compensation.compensation_line(outcome, n, infos.get(tariff_id)),
        )
        for (provider_id, code, tariff_id, outcome), n in paid.items()
    ]
    payments.sort(
        key=lambda p: (
            p.provider_id,
            p.municipality_code or "",
            p.line.tariff.name if p.line.tariff else "~",
            outcome_order.get(p.line.outcome, 99),
        )
    )
    report = ImpactReport(
        period=period,
        months=[rows[month] for month in period.months],
        total=total,
        outcomes=list(by_category.values()),
        payments=payments,
        tariffs=sorted(infos.values(), key=lambda t: (t.municipality_code or "", t.valid_from)),
    )
    _add_breakdown(report, participations, attendance_rows, outcome_rows, start, end)
    return report


def _add_breakdown(report, participations, attendance_rows, outcome_rows, start, end) -> None:
    """Per provider and per paying municipality tables (participants counted once per
    provider and once per paying municipality)."""
    active = participations.filter(_active_in(start, end))
    provider_key = "group__service__provider_id"
    per_provider = {
        row[provider_key]: row["n"]
        for row in active.values(provider_key).annotate(n=Count("user", distinct=True)).order_by()
    }
    per_municipality = {
        row["municipality_id"]: row["n"]
        for row in active.values("municipality_id")
        .annotate(n=Count("user", distinct=True))
        .order_by()
    }
    provider_ids = set(per_provider)
    provider_ids |= {row["participation__group__service__provider_id"] for row in attendance_rows}
    provider_ids |= {row[provider_key] for row in outcome_rows}
    codes = set(per_municipality)
    codes |= {row["participation__municipality_id"] for row in attendance_rows}
    codes |= {row["municipality_id"] for row in outcome_rows}

    names = {p.pk: p.localized_name for p in Provider.objects.filter(pk__in=provider_ids)}
    tariff_codes = {t.municipality_code for t in report.tariffs if t.municipality_code}
    municipalities = {
        m.code: m.name for m in Municipality.objects.filter(code__in=codes | tariff_codes)
    }
    report.municipality_names = municipalities
    providers = {pk: GroupRow(key=pk, label=names.get(pk, "")) for pk in provider_ids}
    places = {
        code: GroupRow(key=code, label=municipalities.get(code) or _("Municipality not recorded"))
        for code in codes
    }
    for pk, n in per_provider.items():
        providers[pk].participants = n
    for code, n in per_municipality.items():
        places[code].participants = n
    for row in attendance_rows:
        attr = f"days_{row['status']}"
        for target in (
            providers[row["participation__group__service__provider_id"]],
            places[row["participation__municipality_id"]],
        ):
            setattr(target, attr, getattr(target, attr) + row["n"])
    for row in outcome_rows:
        attr = "confirmed" if row["confirmed"] else "pending"
        for target in (providers[row[provider_key]], places[row["municipality_id"]]):
            setattr(target, attr, getattr(target, attr) + row["n"])
    for payment in report.payments:
        payment.provider_label = providers[payment.provider_id].label
        payment.municipality_label = places[payment.municipality_code].label
        for target in (providers[payment.provider_id], places[payment.municipality_code]):
            target.compensation += payment.amount
            target.lines.append(payment)
    report.providers = sorted(providers.values(), key=lambda r: r.label.casefold())
    report.municipalities = sorted(places.values(), key=lambda r: r.label.casefold())
