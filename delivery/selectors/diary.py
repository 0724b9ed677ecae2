"""Reads of the participant diary and the coaches' follow-up, scoped to the viewer.

Who sees a diary is answered by tori.permissions.can_view_diary (the participant, the
coaches of the group and the referring expert); anything else is 404 here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from delivery.models import DeliveryMode, DiaryEntry, GroupSession, Participation, ServiceGroup
from tori import permissions as perms

REMOTE_MODES = (DeliveryMode.REMOTE, DeliveryMode.HYBRID)


def _d(day: datetime.date) -> str:
    return date_format(day, "j.n.Y")


def participant_label(participation: Participation) -> str:
    """How the provider's staff see a participant: the first name when the person enrolled
    themself or allowed it in the referral, always with the pseudonym."""
    profile = getattr(participation.user, "jobseeker_profile", None)
    pseudonym = profile.pseudonym if profile is not None else str(participation.uuid)[:6].upper()
    referral = participation.referral
    shares_name = participation.enrolment_id is not None or (
        referral is not None and referral.share_first_name
    )
    first_name = participation.user.first_name if shares_name else ""
    return f"{first_name} ({pseudonym})" if first_name else pseudonym


def schedule_text(group: ServiceGroup) -> str:
    """The schedule in plain words: days of the week, hours a day, first and last day."""
    days = [str(WEEKDAYS[d - 1]) for d in sorted(group.weekdays or []) if 1 <= d <= 7]
    hours = group.hours_per_day
    hours_text = str(int(hours)) if hours == int(hours) else number_format(hours, 1)
    parts = []
    if days:
        parts.append(_("Days: %(days)s.") % {"days": get_text_list(days, _("and"))})
    parts.append(
        ngettext("%(hours)s hour a day.", "%(hours)s hours a day.", int(hours) or 1)
        % {"hours": hours_text}
    )
    parts.append(
        _("From %(start)s to %(end)s.") % {"start": _d(group.starts_on), "end": _d(group.ends_on)}
    )
    return " ".join(parts)


@dataclass
class NextDay:
    date: datetime.date
    delivery_mode: str
    delivery_mode_label: str
    remote_tools: str


def next_session(group: ServiceGroup, *, today: datetime.date | None = None) -> NextDay | None:
    """The next day the group meets (today included): its scheduled session if there is one,
    else the next weekday of the schedule, in the group's usual mode."""
    today = today or timezone.localdate()
    if today > group.ends_on:
        return None
    session = (
        GroupSession.objects.filter(group=group, date__gte=today, is_cancelled=False)
        .order_by("date")
        .first()
    )
    if session is not None:
        day, mode = session.date, session.delivery_mode
    elif group.sessions.exists():
        return None
    else:
        day = max(today, group.starts_on)
        weekdays = set(group.weekdays or [])
        while day <= group.ends_on and day.isoweekday() not in weekdays:
            day += datetime.timedelta(days=1)
        if day > group.ends_on or not weekdays:
            return None
        mode = group.delivery_mode
    return NextDay(
        date=day,
        delivery_mode=mode,
        delivery_mode_label=str(DeliveryMode(mode).label),
        remote_tools=group.remote_tools if mode in REMOTE_MODES else "",
    )


def _participation_queryset() -> QuerySet[Participation]:
    return Participation.objects.select_related(
        "group__service__provider",
        "user__jobseeker_profile",
        "referral__case__office",
        "enrolment",
    )


def my_participation_list(*, viewer) -> list[dict]:
    """The participant's own groups, newest first, with the schedule and the next day."""
    if not perms.is_signed_in(viewer):
        return []
    rows = []
    for participation in (
        _participation_queryset().filter(user=viewer).order_by("-group__starts_on", "pk")
    ):
        group = participation.group
        is_active = participation.status == Participation.Status.ACTIVE
        rows.append(
            {
                "participation": participation,
                "group": group,
                "service": group.service,
                "provider": group.service.provider,
                "schedule": schedule_text(group),
                "next": next_session(group) if is_active else None,
            }
        )
    return rows


def diary_participation_get(*, viewer, participation_id) -> Participation:
    """A participation whose diary the viewer may read; 404 for anything else."""
    participation = _participation_queryset().filter(uuid=participation_id).first()
    if participation is None or not perms.can_view_diary(viewer, participation):
        raise Http404
    return participation


def diary_entry_list(*, viewer, participation: Participation) -> list[DiaryEntry]:
    """Entries and guidance records, newest first, each with who wrote it in words."""
    if not perms.can_view_diary(viewer, participation):
        raise Http404
    entries = list(
        participation.diary_entries.select_related("author").order_by("-date", "-created_at")
    )
    label = participant_label(participation)
    for entry in entries:
        if entry.kind == DiaryEntry.Kind.PARTICIPANT:
            entry.author_label = _("You") if viewer.pk == participation.user_id else label
        else:
            name = entry.author.first_name if entry.author is not None else ""
            entry.author_label = (
                _("Coach %(name)s") % {"name": name} if name else _("Coach of the group")
            )
    return entries


# --- The coaches' follow-up ------------------------------------------------------------------


def followup_rows(*, viewer, group: ServiceGroup, day: datetime.date | None = None) -> list[dict]:
    """Participants of the group with the day's guidance (None when not recorded yet).
    Only coaches of the group see the guidance and the diary links."""
    if not perms.can_manage_group(viewer, group):
        raise Http404
    day = day or timezone.localdate()
    is_coach = perms.is_group_coach(viewer, group)
    guidance_today = DiaryEntry.objects.filter(kind=DiaryEntry.Kind.GUIDANCE, date=day).order_by(
        "-created_at"
    )
    participations = (
        _participation_queryset()
        .filter(group=group)
        .prefetch_related(Prefetch("diary_entries", queryset=guidance_today, to_attr="today"))
        .order_by("status", "joined_on", "pk")
    )
    rows = []
    for participation in participations:
        rows.append(
            {
                "participation": participation,
                "label": participant_label(participation),
                "is_active": participation.status == Participation.Status.ACTIVE,
                "guidance": (participation.today[0] if participation.today else None)
                if is_coach
                else None,
                "can_view_diary": is_coach,
                "can_record_guidance": is_coach,
            }
        )
    return rows


def active_participations(*, viewer, group: ServiceGroup, day: datetime.date | None = None):
    """Participants taking part on the day: the quick guidance entry lists these."""
    if not perms.is_group_coach(viewer, group):
        raise Http404
    day = day or timezone.localdate()
    return (
        _participation_queryset()
        .filter(group=group, status=Participation.Status.ACTIVE)
        .active_on(day)
    )
