"""Writes of the participant diary: the participant's own short entries and the coach's
records of daily personal guidance, and the access log of an expert reading the diary.

Every function checks its predicate from tori.permissions and raises ApplicationError when
refused (code "forbidden") or when the input breaks a rule (with the field)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from delivery.models import DiaryEntry, Participation
from delivery.services.groups import forbidden
from profiles import services as profile_services
from profiles.models import DIARY_LOG_SECTION, DataAccessLog
from tori import permissions as perms
from tori.exceptions import ApplicationError

TEXT_MAX_LENGTH = 2000


def _text(value, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(_("Write a few words."), field="text")
    if len(value) > TEXT_MAX_LENGTH:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH}, field="text"
        )
    return value


def _d(day: datetime.date) -> str:
    return date_format(day, "j.n.Y")


def _entry_date(value, *, participation: Participation) -> datetime.date:
    """Today by default; never in the future, never before joining or after leaving."""
    if value in (None, ""):
        return timezone.localdate()
    day = value if isinstance(value, datetime.date) else parse_date(str(value))
    if day is None:
        raise ApplicationError(_("Enter a valid date."), field="date")
    if day > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="date")
    if day < participation.joined_on:
        raise ApplicationError(
            _("The date cannot be before %(date)s, when the participation began.")
            % {"date": _d(participation.joined_on)},
            field="date",
        )
    if participation.left_on and day > participation.left_on:
        raise ApplicationError(
            _("The date cannot be after %(date)s, when the participation ended.")
            % {"date": _d(participation.left_on)},
            field="date",
        )
    return day


@transaction.atomic
def diary_entry_add(*, actor, participation: Participation, text: str, date=None) -> DiaryEntry:
    """The participant writes a short entry of their own (only while taking part)."""
    if not perms.can_write_diary_entry(actor, participation):
        raise forbidden()
    return DiaryEntry.objects.create(
        participation=participation,
        kind=DiaryEntry.Kind.PARTICIPANT,
        date=_entry_date(date, participation=participation),
        text=_text(text, required=True),
        author=actor,
    )


def _channel(contact_made, channel: str) -> tuple[bool, str]:
    """Contact made → how (not "no contact reached"); no contact → channel "none"."""
    if contact_made is None:
        raise ApplicationError(_("Tell whether contact was made."), field="contact_made")
    channel = channel or ""
    if channel and channel not in DiaryEntry.ContactChannel.values:
        raise ApplicationError(_("Choose how the contact was made."), field="contact_channel")
    if not contact_made:
        if channel not in ("", DiaryEntry.ContactChannel.NO_CONTACT):
            raise ApplicationError(
                _("Choose “No contact reached” when contact was not made."),
                field="contact_channel",
            )
        return False, DiaryEntry.ContactChannel.NO_CONTACT
    if channel in ("", DiaryEntry.ContactChannel.NO_CONTACT):
        raise ApplicationError(_("Choose how the contact was made."), field="contact_channel")
    return True, channel


@transaction.atomic
def guidance_record(
    *,
    actor,
    participation: Participation,
    contact_made: bool | None,
    contact_channel: str = "",
    text: str = "",
    date=None,
) -> DiaryEntry:
    """A coach of the group records the day's personal guidance of one participant."""
    if not perms.can_record_guidance(actor, participation):
        raise forbidden()
    made, channel = _channel(contact_made, contact_channel)
    return DiaryEntry.objects.create(
        participation=participation,
        kind=DiaryEntry.Kind.GUIDANCE,
        date=_entry_date(date, participation=participation),
        text=_text(text, required=False),
        contact_made=made,
        contact_channel=channel,
        author=actor,
    )


@transaction.atomic
def guidance_record_many(*, actor, group, records: list[dict]) -> list[DiaryEntry]:
    """Today's guidance of several participants of one group at once (all or nothing).

    Each record: {"participation": …, "contact_made": …, "contact_channel": …, "text": …}."""
    created = []
    for record in records:
        participation = record["participation"]
        if participation.group_id != group.pk:
            raise forbidden()
        created.append(
            guidance_record(
                actor=actor,
                participation=participation,
                contact_made=record.get("contact_made"),
                contact_channel=record.get("contact_channel", ""),
                text=record.get("text", ""),
            )
        )
    return created


def diary_access_record(*, viewer, participation: Participation) -> DataAccessLog | None:
    """An expert reads a participant's diary: logged as the expert handling personal data,
    before the diary is shown. The participant and the coaches are not logged."""
    if not perms.can_view_diary(viewer, participation):
        raise forbidden()
    if not perms.is_expert(viewer):
        return None
    referral = participation.referral
    case = referral.case if referral is not None else None
    return profile_services.data_access_record(
        subject=participation.user,
        accessor=viewer,
        purpose=DataAccessLog.Purpose.EXPERT,
        sections=[DIARY_LOG_SECTION],
        object_ref=case.reference if case is not None else str(participation.uuid),
        organisation=case.office.name if case is not None else "",
    )
