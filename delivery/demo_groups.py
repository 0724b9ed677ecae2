"""Demo groups of the demo provider (Nauha ry, signed in as valmentaja@demo.tori.fi): two
groups of its rehabilitative work activity with about six months of days — remote in the
first months (the Tampere COVID case), then hybrid and on site — the demo jobseekers and a
few more demo participants, and attendance for every past day. Idempotent: a group that
exists is left as it is."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from delivery.models import Attendance, GroupSession, Participation, ServiceGroup
from delivery.services.groups import scheduled_dates

PROVIDER_NAME = "Nauha ry"
STAFF_EMAIL = "valmentaja@demo.tori.fi"
DEMO_JOBSEEKERS = [
    "maija.meikalainen@demo.tori.fi",
    "ahmed.hassan@demo.tori.fi",
    "anna.lindqvist@demo.tori.fi",
]
# Extra participants (no other demo data): e-mail, first name, last name, home municipality.
EXTRA_PARTICIPANTS = [
    ("osallistuja.1@demo.tori.fi", "Jari", "Virtanen", "837"),
    ("osallistuja.2@demo.tori.fi", "Minna", "Korhonen", "837"),
    ("osallistuja.3@demo.tori.fi", "Mikko", "Nieminen", "837"),
    ("osallistuja.4@demo.tori.fi", "Sanna", "Mäkinen", "837"),
    ("osallistuja.5@demo.tori.fi", "Timo", "Hämäläinen", "837"),
    ("osallistuja.6@demo.tori.fi", "Leena", "Laine", "211"),
    ("osallistuja.7@demo.tori.fi", "Kari", "Heikkinen", "536"),
    ("osallistuja.8@demo.tori.fi", "Päivi", "Koskinen", "837"),
    ("osallistuja.9@demo.tori.fi", "Juha", "Järvinen", "837"),
]
# name, weeks since the first day, weeks until the last day, weekdays, hours, usual mode
GROUPS = [
    ("Puutyöryhmä 2026", 26, 6, [1, 2, 4], Decimal("4.0"), "hybrid"),
    ("Kädentaitoryhmä 2026", 18, 10, [1, 3], Decimal("3.0"), "hybrid"),
]
REASONS = ["illness", "agreed", "illness", "unannounced", "child_illness", "other"]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _mode_for(day: datetime.date, starts_on: datetime.date, index: int) -> str:
    """Remote in the first two months, then a hybrid phase, then mostly hybrid and on site."""
    months = (day - starts_on).days // 30
    if months < 2:
        return "remote" if index % 5 else "hybrid"
    if months < 4:
        return ("remote", "hybrid", "onsite")[index % 3]
    return ("hybrid", "onsite", "hybrid", "onsite", "remote")[index % 5]


def _participants():
    from profiles.models import JobseekerProfile, User
    from reference.models import Municipality

    users = list(User.objects.filter(email__in=DEMO_JOBSEEKERS).order_by("email"))
    tampere = Municipality.objects.filter(code="837").first()
    for email, first, last, code in EXTRA_PARTICIPANTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "role": User.Role.JOBSEEKER},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        municipality = Municipality.objects.filter(code=code).first() or tampere
        JobseekerProfile.objects.get_or_create(
            user=user, defaults={"home_municipality": municipality}
        )
        users.append(user)
    return users


def _enrolment(service, user):
    from catalog.models import EnrolmentRequest

    enrolment = EnrolmentRequest.objects.filter(
        service=service, user=user, status=EnrolmentRequest.Status.ACCEPTED
    ).first()
    if (
        enrolment is None
        and not EnrolmentRequest.objects.filter(
            service=service, user=user, status=EnrolmentRequest.Status.NEW
        ).exists()
    ):
        enrolment = EnrolmentRequest.objects.create(
            service=service,
            user=user,
            message="Haluaisin mukaan ryhmään.",
            status=EnrolmentRequest.Status.ACCEPTED,
            decided_at=timezone.now(),
        )
    return enrolment


def _referral(service, user):
    from expert.models import Referral

    return Referral.objects.filter(
        service=service,
        case__profile__user=user,
        status__in=[Referral.Status.ACCEPTED, Referral.Status.STARTED],
    ).first()


def _group(service, staff, spec, today, people) -> int:
    name, weeks_since, weeks_until, weekdays, hours, mode = spec
    if ServiceGroup.objects.filter(service=service, name=name).exists():
        return 0
    starts_on = _monday(today) - datetime.timedelta(weeks=weeks_since)
    ends_on = _monday(today) + datetime.timedelta(weeks=weeks_until, days=4)
    group = ServiceGroup.objects.create(
        service=service,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays=weekdays,
        hours_per_day=hours,
        delivery_mode=mode,
        remote_tools="Teams (linkki tulee sähköpostiin), WhatsApp-ryhmä päivän tehtäville",
        capacity=12,
    )
    if staff is not None:
        group.coaches.add(staff)
    days = scheduled_dates(
        starts_on=starts_on, ends_on=ends_on, weekdays=weekdays, skip_holidays=True
    )
    GroupSession.objects.bulk_create(
        GroupSession(
            group=group,
            date=day,
            delivery_mode=_mode_for(day, starts_on, index),
            is_cancelled=index == 17,
            note="Ohjaaja sairaana" if index == 17 else "",
        )
        for index, day in enumerate(days)
    )
    participations = []
    for index, user in enumerate(people):
        profile = getattr(user, "jobseeker_profile", None)
        referral = _referral(service, user)
        enrolment = None if referral else _enrolment(service, user)
        joined_on = starts_on if index % 4 else starts_on + datetime.timedelta(weeks=8 + index)
        joined_on = min(joined_on, today)
        left_on, status = None, Participation.Status.ACTIVE
        if index == 5:
            left_on, status = joined_on + datetime.timedelta(weeks=7), "interrupted"
        participations.append(
            Participation.objects.create(
                group=group,
                user=user,
                enrolment=enrolment,
                referral=referral,
                municipality=getattr(profile, "home_municipality", None),
                joined_on=joined_on,
                left_on=left_on,
                status=status,
            )
        )
        if referral is not None and referral.status == "accepted" and staff is not None:
            from expert import services as expert_services

            expert_services.referral_update(actor=staff, referral=referral, status="started")
    rng = random.Random(f"{name}-{starts_on.isoformat()}")
    now = timezone.now()
    attendance = []
    sessions = group.sessions.filter(date__lte=today, is_cancelled=False).order_by("date")
    for session in sessions:
        for participation in participations:
            if session.date < participation.joined_on or (
                participation.left_on and session.date > participation.left_on
            ):
                continue
            roll = rng.random()
            if roll < 0.13:
                status = Attendance.Status.ABSENT
                reason = REASONS[rng.randrange(len(REASONS))]
            elif session.delivery_mode == "remote":
                status, reason = Attendance.Status.PRESENT_REMOTELY, ""
            elif session.delivery_mode == "onsite":
                status, reason = Attendance.Status.PRESENT_ON_SITE, ""
            else:
                status = (
                    Attendance.Status.PRESENT_REMOTELY
                    if roll < 0.5
                    else Attendance.Status.PRESENT_ON_SITE
                )
                reason = ""
            attendance.append(
                Attendance(
                    participation=participation,
                    session=session,
                    status=status,
                    absence_reason=reason,
                    recorded_by=staff,
                    recorded_at=now,
                )
            )
    Attendance.objects.bulk_create(attendance, batch_size=500)
    return len(attendance)


@transaction.atomic
def load() -> list[str]:
    from catalog.models import Service
    from profiles.models import User
    from providers.models import Provider

    provider = Provider.objects.filter(name=PROVIDER_NAME).first()
    if provider is None:
        return []
    services = list(
        Service.objects.filter(provider=provider, status=Service.Status.PUBLISHED).order_by("pk")[
            : len(GROUPS)
        ]
    )
    if not services:
        return []
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    people = _participants()
    today = timezone.localdate()
    halves = [people[0::2], people[1::2]]
    recorded = 0
    for index, spec in enumerate(GROUPS):
        service = services[index % len(services)]
        recorded += _group(service, staff, spec, today, halves[index % 2])
    if not recorded:
        return []
    return [
        f"Delivery: {len(GROUPS)} groups of {PROVIDER_NAME} with {len(people)} participants and "
        f"{recorded} attendance records (sign in as {STAFF_EMAIL})."
    ]
