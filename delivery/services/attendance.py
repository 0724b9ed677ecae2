"""Recording attendance: one participant, one scheduled day, present on site, present remotely
or absent with a reason. All rows of a request are checked first and saved together."""

import datetime
import uuid as uuid_lib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from delivery.models import Attendance, GroupSession, Participation, ServiceGroup
from delivery.services.groups import forbidden
from tori import permissions as perms
from tori.exceptions import ApplicationError


class AttendanceRefused(ApplicationError):
    """Some rows were refused. ``errors`` has one dict per row, in the order given:
    {field: [message]} for a refused row, {} for a good one. Nothing was saved."""

    def __init__(self, errors: list[dict]):
        first = next(messages for row in errors for messages in row.values())
        super().__init__(first[0], code="attendance")
        self.errors = errors


@dataclass
class AttendanceRow:
    """One row to record. `participation` is a Participation or its uuid."""

    participation: object
    date: datetime.date
    status: str
    absence_reason: str = ""
    note: str = ""


def _as_uuid(value):
    if isinstance(value, Participation):
        return value.uuid
    try:
        return uuid_lib.UUID(str(value))
    except (TypeError, ValueError):
        return None


@transaction.atomic
def attendance_record(*, actor, group: ServiceGroup, rows) -> list[Attendance]:
    """Record (or correct) the attendance of participants of `group`. Refused, all rows
    together: a day that is not a scheduled day of the group, a cancelled day, a future day,
    a person who is not a participant of the group or was not taking part that day, an
    absence without a reason, a reason given for a presence."""
    if not perms.can_manage_group(actor, group):
        raise forbidden()
    rows = [row if isinstance(row, AttendanceRow) else AttendanceRow(**row) for row in rows]
    if not rows:
        raise ApplicationError(_("There is no attendance to record."))
    today = timezone.localdate()
    participations = {
        p.uuid: p
        for p in group.participations.filter(
            uuid__in=[u for u in (_as_uuid(r.participation) for r in rows) if u]
        )
    }
    sessions = {
        s.date: s
        for s in GroupSession.objects.filter(
            group=group, date__in={r.date for r in rows if isinstance(r.date, datetime.date)}
        )
    }
    errors: list[dict] = []
    seen = set()
    checked = []
    for row in rows:
        row_errors: dict[str, list[str]] = {}

        def refuse(field, message, row_errors=row_errors):
            row_errors.setdefault(field, []).append(message)

        participation = participations.get(_as_uuid(row.participation))
        session = sessions.get(row.date) if isinstance(row.date, datetime.date) else None
        if participation is None:
            refuse("participation", _("This person is not a participant of this group."))
        if not isinstance(row.date, datetime.date):
            refuse("date", _("Give the date."))
        elif row.date > today:
            refuse("date", _("Attendance cannot be recorded for a future day."))
        elif session is None:
            refuse(
                "date",
                _("%(date)s is not a scheduled day of this group.")
                % {"date": date_format(row.date, "SHORT_DATE_FORMAT")},
            )
        elif session.is_cancelled:
            refuse("date", _("This day has been cancelled."))
        if (
            participation is not None
            and isinstance(row.date, datetime.date)
            and not participation.is_taking_part_on(row.date)
        ):
            refuse("participation", _("This person was not taking part in the group that day."))
        if row.status not in Attendance.Status.values:
            refuse("status", _("Choose the attendance."))
        reason = row.absence_reason or ""
        if row.status == Attendance.Status.ABSENT:
            if not reason:
                refuse("absence_reason", _("Choose the reason for the absence."))
            elif reason not in Attendance.AbsenceReason.values:
                refuse("absence_reason", _("Choose a valid reason for the absence."))
        elif reason and row.status in Attendance.Status.values:
            refuse("absence_reason", _("A reason is given only for an absence."))
        if len(row.note or "") > 300:
            refuse("note", _("The note can be at most 300 characters."))
        key = (getattr(participation, "pk", None), row.date)
        if participation is not None and key in seen:
            refuse("participation", _("This person is in the list twice for the same day."))
        seen.add(key)
        errors.append(row_errors)
        checked.append((participation, session, row))
    if any(errors):
        raise AttendanceRefused(errors)
    now = timezone.now()
    saved = []
    for participation, session, row in checked:
        attendance, _created = Attendance.objects.update_or_create(
            participation=participation,
            session=session,
            defaults={
                "status": row.status,
                "absence_reason": row.absence_reason or "",
                "note": (row.note or "").strip(),
                "recorded_by": actor,
                "recorded_at": now,
            },
        )
        saved.append(attendance)
    return saved
