"""Demo diary entries, guidance records and outcomes (idempotent).

Runs after delivery.demo_groups, which creates the demo provider's groups and participants.
Each participant without diary entries gets a few entries of their own and the coach's daily
guidance records. Of the participations without an outcome, every fourth gets a reported
outcome waiting for an expert's confirmation and every fourth (offset by one) a confirmed
outcome, so the demo expert has a list to work through and the impact pages have outcomes.
Does nothing when there are no participations."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from delivery.models import DiaryEntry, GroupSession, Participation
from delivery.services.outcomes import status_after
from expert.models import Referral
from profiles.models import User

STAFF_EMAIL = "valmentaja@demo.tori.fi"
EXPERT_EMAIL = "asiantuntija@demo.tori.fi"

PARTICIPANT_TEXTS = [
    "Osallistuin tänään etänä Teamsissa. Teimme CV:tä ja se eteni hyvin.",
    "Aamu oli vaikea, mutta pääsin mukaan. Puhuimme työnhausta.",
    "Kävin paikan päällä. Harjoittelimme työhaastattelua pareittain.",
]
GUIDANCE = [
    (
        True,
        DiaryEntry.ContactChannel.PHONE,
        "Soitin aamulla. Sovimme, että CV valmistuu tällä viikolla.",
    ),
    (True, DiaryEntry.ContactChannel.VIDEO, "Lyhyt videopuhelu: voit hyvin, jatketaan tehtävää."),
    (
        False,
        DiaryEntry.ContactChannel.NO_CONTACT,
        "Soitin kahdesti, et vastannut. Yritän huomenna.",
    ),
]
REPORTED_OUTCOMES = ["open_market", "education", "service"]
CONFIRMED_OUTCOMES = ["open_market", "service", "education", "unemployment"]


def _days(participation: Participation, today: datetime.date, count: int) -> list[datetime.date]:
    """Up to `count` latest days the group met while the person took part (or today)."""
    last = min(today, participation.left_on or today, participation.group.ends_on)
    days = list(
        GroupSession.objects.filter(
            group=participation.group,
            is_cancelled=False,
            date__gte=participation.joined_on,
            date__lte=last,
        )
        .order_by("-date")
        .values_list("date", flat=True)[:count]
    )
    if not days and participation.joined_on <= last:
        days = [last]
    return days


def _diary(participation: Participation, coach, today) -> int:
    if participation.diary_entries.exists():
        return 0
    created = 0
    for index, day in enumerate(_days(participation, today, 3)):
        DiaryEntry.objects.create(
            participation=participation,
            kind=DiaryEntry.Kind.PARTICIPANT,
            date=day,
            text=PARTICIPANT_TEXTS[index % len(PARTICIPANT_TEXTS)],
            author=participation.user,
        )
        made, channel, text = GUIDANCE[index % len(GUIDANCE)]
        DiaryEntry.objects.create(
            participation=participation,
            kind=DiaryEntry.Kind.GUIDANCE,
            date=day,
            text=text,
            contact_made=made,
            contact_channel=channel,
            author=coach,
        )
        created += 2
    return created


def _outcome_date(participation: Participation, today) -> datetime.date | None:
    day = min(today - datetime.timedelta(days=1), participation.group.ends_on)
    if participation.left_on:
        day = min(day, participation.left_on)
    return day if day >= participation.joined_on else None


def _report(participation: Participation, outcome: str, reporter, day) -> None:
    participation.outcome = outcome
    participation.outcome_date = day
    participation.outcome_note = "Demo: raportoitu seurannasta."
    participation.outcome_reported_by = reporter
    participation.outcome_reported_at = timezone.now()


def _confirm(participation: Participation, expert) -> None:
    participation.outcome_confirmed_by = expert
    participation.outcome_confirmed_at = timezone.now()
    if participation.status == Participation.Status.ACTIVE:
        participation.status = status_after(participation)
        participation.left_on = participation.left_on or participation.outcome_date
    referral = participation.referral
    if referral is not None and referral.status in (
        Referral.Status.ACCEPTED,
        Referral.Status.STARTED,
    ):
        now = timezone.now()
        referral.started_at = referral.started_at or now
        referral.ended_at = now
        referral.outcome = participation.outcome
        referral.status = (
            Referral.Status.INTERRUPTED
            if participation.status == Participation.Status.INTERRUPTED
            else Referral.Status.COMPLETED
        )
        referral.save(update_fields=["started_at", "ended_at", "outcome", "status"])


@transaction.atomic
def load() -> list[str]:
    today = timezone.localdate()
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    expert = User.objects.filter(email=EXPERT_EMAIL).first()
    participations = list(
        Participation.objects.select_related("group__service", "referral")
        .prefetch_related("group__coaches")
        .order_by("pk")
    )
    if staff is not None:
        provider_ids = set(staff.provider_memberships.values_list("provider_id", flat=True))
        participations = [
            p for p in participations if p.group.service.provider_id in provider_ids
        ] or participations
    if not participations:
        return ["Follow-up: no participations yet, no diary entries or outcomes created."]

    entries = waiting = confirmed = 0
    for index, participation in enumerate(participations):
        coach = next(iter(participation.group.coaches.all()), None) or staff
        entries += _diary(participation, coach, today)
        if participation.outcome or participation.outcome_note or index % 4 > 1:
            continue
        day = _outcome_date(participation, today)
        if day is None:
            continue
        if index % 4 == 0:
            _report(participation, REPORTED_OUTCOMES[index // 4 % 3], coach, day)
            waiting += 1
        elif expert is not None:
            _report(participation, CONFIRMED_OUTCOMES[index // 4 % 4], coach, day)
            _confirm(participation, expert)
            confirmed += 1
        else:
            continue
        participation.save()
    return [
        f"Follow-up: {entries} diary entries and guidance records, {waiting} outcomes waiting "
        f"for confirmation, {confirmed} confirmed outcomes."
    ]
