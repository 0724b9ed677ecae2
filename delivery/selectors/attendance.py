"""Reads for attendance: the rows of one day, and the monthly attendance report of a provider
for one paying municipality (for reimbursement)."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.utils import timezone

from delivery.models import Attendance, GroupSession, Participation, ServiceGroup
from delivery.selectors.groups import Month, participant_label
from tori import permissions as perms

REASONS = list(Attendance.AbsenceReason.values)


def session_attendance_rows(*, viewer, session: GroupSession) -> list[dict]:
    """The participants taking part on the day, each with the attendance recorded so far."""
    group = session.group
    if not perms.can_manage_group(viewer, group):
        raise Http404
    participations = list(
        Participation.objects.filter(group=group)
        .active_on(session.date)
        .select_related("user__jobseeker_profile", "referral")
        .order_by("joined_on", "pk")
    )
    recorded = {
        a.participation_id: a
        for a in Attendance.objects.filter(session=session, participation__in=participations)
    }
    rows = []
    for participation in participations:
        participation.label = participant_label(participation)
        rows.append({"participation": participation, "attendance": recorded.get(participation.pk)})
    return rows


# --- Monthly attendance report ----------------------------------------------------------------


def report_providers(*, viewer):
    from providers.models import Provider

    return Provider.objects.filter(pk__in=perms.provider_ids(viewer)).order_by("name")


def report_municipalities(*, viewer, provider):
    """The paying municipalities of the provider's participants."""
    from reference.models import Municipality

    if not perms.can_view_attendance_report(viewer, provider):
        return Municipality.objects.none()
    codes = (
        Participation.objects.for_providers([provider.pk])
        .exclude(municipality__isnull=True)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    return Municipality.objects.filter(code__in=list(codes)).order_by("name_fi")


@dataclass
class ReportLine:
    label: str
    joined_on: object
    left_on: object
    onsite: int = 0
    remote: int = 0
    absences: dict = field(default_factory=lambda: dict.fromkeys(REASONS, 0))
    scheduled: int = 0
    hours: Decimal = Decimal("0")
    referral: object = None
    user: object = None

    @property
    def present(self) -> int:
        return self.onsite + self.remote

    @property
    def absent(self) -> int:
        return sum(self.absences.values())

    @property
    def unrecorded(self) -> int:
        return max(self.scheduled - self.present - self.absent, 0)

    @property
    def absence_list(self) -> list[int]:
        return [self.absences[reason] for reason in REASONS]


@dataclass
class ReportGroup:
    group: ServiceGroup
    lines: list
    total: ReportLine


@dataclass
class AttendanceReport:
    provider: object
    municipality: object
    month: Month
    groups: list
    total: ReportLine
    generated_at: object

    @property
    def lines(self) -> list:
        return [line for group in self.groups for line in group.lines]


def _add(total: ReportLine, line: ReportLine) -> None:
    total.onsite += line.onsite
    total.remote += line.remote
    total.scheduled += line.scheduled
    total.hours += line.hours
    for reason in REASONS:
        total.absences[reason] += line.absences[reason]


def attendance_report(*, viewer, provider, month: Month, municipality) -> AttendanceReport:
    """Per group and per participant paid for by `municipality`: days present on site and
    remotely, absences by reason, scheduled days (not cancelled, while taking part) and hours
    present (days present × the group's hours a day), with totals."""
    if not perms.can_view_attendance_report(viewer, provider):
        raise Http404
    participations = list(
        Participation.objects.for_providers([provider.pk])
        .filter(municipality=municipality, joined_on__lte=month.last_day)
        .exclude(left_on__lt=month.first_day)
        .select_related("group__service", "user__jobseeker_profile", "referral")
        .order_by("group__name", "group__pk", "joined_on", "pk")
    )
    group_ids = {p.group_id for p in participations}
    sessions_by_group: dict[int, list] = {}
    for session in GroupSession.objects.filter(
        group_id__in=group_ids,
        date__gte=month.first_day,
        date__lte=month.last_day,
        is_cancelled=False,
    ).order_by("date"):
        sessions_by_group.setdefault(session.group_id, []).append(session.date)
    marks = Counter(
        Attendance.objects.filter(
            participation__in=participations,
            session__date__gte=month.first_day,
            session__date__lte=month.last_day,
            session__is_cancelled=False,
        ).values_list("participation_id", "status", "absence_reason")
    )
    groups: list[ReportGroup] = []
    grand_total = ReportLine(label="", joined_on=None, left_on=None)
    for participation in participations:
        group = participation.group
        if not groups or groups[-1].group.pk != group.pk:
            groups.append(
                ReportGroup(
                    group=group, lines=[], total=ReportLine(label="", joined_on=None, left_on=None)
                )
            )
        line = ReportLine(
            label=participant_label(participation),
            joined_on=participation.joined_on,
            left_on=participation.left_on,
            referral=participation.referral if participation.enrolment_id is None else None,
            user=participation.user,
        )
        line.scheduled = sum(
            1 for day in sessions_by_group.get(group.pk, []) if participation.is_taking_part_on(day)
        )
        for (participation_id, status, reason), count in marks.items():
            if participation_id != participation.pk:
                continue
            if status == Attendance.Status.PRESENT_ON_SITE:
                line.onsite += count
            elif status == Attendance.Status.PRESENT_REMOTELY:
                line.remote += count
            elif reason in line.absences:
                line.absences[reason] += count
        line.hours = Decimal(line.present) * group.hours_per_day
        groups[-1].lines.append(line)
        _add(groups[-1].total, line)
        _add(grand_total, line)
    return AttendanceReport(
        provider=provider,
        municipality=municipality,
        month=month,
        groups=groups,
        total=grand_total,
        generated_at=timezone.localtime(),
    )
