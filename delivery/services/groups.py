"""Writes for the provider's groups: the group and its schedule, its scheduled days
(sessions) and its participants."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delivery.models import DeliveryMode, GroupSession, Participation, ServiceGroup
from tori import permissions as perms
from tori.exceptions import ApplicationError

MAX_PERIOD_DAYS = 2 * 366
MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("12")
GROUP_FIELDS = [
    "name",
    "starts_on",
    "ends_on",
    "weekdays",
    "hours_per_day",
    "delivery_mode",
    "remote_tools",
    "capacity",
]


def forbidden() -> ApplicationError:
    return ApplicationError(_("You cannot do this."), code="forbidden")


# --- Finnish public holidays (pure) ------------------------------------------------------------


def _easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def finnish_public_holidays(year: int) -> set[datetime.date]:
    """Days off in Finland that fall on weekdays: the public holidays plus Midsummer Eve and
    Christmas Eve (Saturday holidays such as Midsummer Day and All Saints' Day never fall on
    a weekday)."""
    easter = _easter_sunday(year)
    midsummer_eve = next(
        datetime.date(year, 6, d) for d in range(19, 26) if datetime.date(year, 6, d).weekday() == 4
    )
    return {
        datetime.date(year, 1, 1),
        datetime.date(year, 1, 6),
        easter - datetime.timedelta(days=2),
        easter + datetime.timedelta(days=1),
        datetime.date(year, 5, 1),
        easter + datetime.timedelta(days=39),
        midsummer_eve,
        datetime.date(year, 12, 6),
        datetime.date(year, 12, 24),
        datetime.date(year, 12, 25),
        datetime.date(year, 12, 26),
    }


def scheduled_dates(
    *, starts_on: datetime.date, ends_on: datetime.date, weekdays, skip_holidays: bool
) -> list[datetime.date]:
    """Every day between the first and the last day that falls on one of the weekdays."""
    holidays: set[datetime.date] = set()
    if skip_holidays:
        for year in range(starts_on.year, ends_on.year + 1):
            holidays |= finnish_public_holidays(year)
    days = []
    day = starts_on
    wanted = set(weekdays)
    while day <= ends_on:
        if day.isoweekday() in wanted and day not in holidays:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


# --- Groups ------------------------------------------------------------------------------------


def _clean_group_data(*, provider_id: int, data: dict) -> dict:
    """The domain rules of a group (the form checks the same; this is the backstop for every
    interface)."""
    clean = {key: data[key] for key in GROUP_FIELDS if key in data}
    name = (clean.get("name") or "").strip()
    if not name:
        raise ApplicationError(_("Give the group a name."), field="name")
    clean["name"] = name[:200]
    starts_on, ends_on = clean.get("starts_on"), clean.get("ends_on")
    if starts_on is None or ends_on is None:
        raise ApplicationError(_("Give the first and the last day."), field="starts_on")
    if ends_on < starts_on:
        raise ApplicationError(_("The last day cannot be before the first day."), field="ends_on")
    if (ends_on - starts_on).days > MAX_PERIOD_DAYS:
        raise ApplicationError(_("A group can last at most two years."), field="ends_on")
    try:
        weekdays = sorted({int(day) for day in clean.get("weekdays") or []})
    except (TypeError, ValueError):
        weekdays = []
    if not weekdays or any(day < 1 or day > 7 for day in weekdays):
        raise ApplicationError(_("Choose at least one weekday."), field="weekdays")
    clean["weekdays"] = weekdays
    hours = clean.get("hours_per_day")
    if hours is None or not (MIN_HOURS <= Decimal(hours) <= MAX_HOURS):
        raise ApplicationError(_("Hours a day must be between 0.5 and 12."), field="hours_per_day")
    if clean.get("delivery_mode") not in DeliveryMode.values:
        raise ApplicationError(_("Choose the usual delivery mode."), field="delivery_mode")
    capacity = clean.get("capacity")
    if capacity is None or int(capacity) < 1:
        raise ApplicationError(_("The capacity must be at least one."), field="capacity")
    clean["remote_tools"] = (clean.get("remote_tools") or "").strip()[:2000]
    return clean


def _check_coaches(*, provider_id: int, coaches) -> list:
    coaches = list(coaches or [])
    for coach in coaches:
        if not perms.is_provider_member(coach) or provider_id not in perms.provider_ids(coach):
            raise ApplicationError(
                _("Coaches must be staff of the group's provider."), field="coaches"
            )
    return coaches


@transaction.atomic
def group_create(
    *, actor, service, data: dict, coaches=(), skip_holidays: bool = True
) -> ServiceGroup:
    """A new group of one of the actor's provider's published services, with its sessions."""
    if not perms.can_create_group(actor, service):
        raise forbidden()
    clean = _clean_group_data(provider_id=service.provider_id, data=data)
    coaches = _check_coaches(provider_id=service.provider_id, coaches=coaches)
    group = ServiceGroup.objects.create(service=service, **clean)
    group.coaches.set(coaches)
    group_sessions_generate(actor=actor, group=group, skip_holidays=skip_holidays)
    return group


@transaction.atomic
def group_update(
    *, actor, group: ServiceGroup, data: dict, coaches=None, skip_holidays: bool = True
) -> ServiceGroup:
    """Change the group; a changed schedule regenerates the sessions (days with attendance
    are kept)."""
    if not perms.can_manage_group(actor, group):
        raise forbidden()
    clean = _clean_group_data(provider_id=group.service.provider_id, data=data)
    active = group.participations.filter(status=Participation.Status.ACTIVE).count()
    if clean["capacity"] < active:
        raise ApplicationError(
            _("The capacity cannot be smaller than the number of participants (%(count)s).")
            % {"count": active},
            field="capacity",
        )
    for key, value in clean.items():
        setattr(group, key, value)
    group.save(update_fields=list(clean))
    if coaches is not None:
        group.coaches.set(_check_coaches(provider_id=group.service.provider_id, coaches=coaches))
    group_sessions_generate(actor=actor, group=group, skip_holidays=skip_holidays)
    return group


@transaction.atomic
def group_sessions_generate(
    *, actor, group: ServiceGroup, skip_holidays: bool = True
) -> tuple[int, int]:
    """Make the sessions match the schedule: add the missing days (in the group's usual mode),
    remove days no longer scheduled unless attendance has been recorded for them. Existing
    days keep their own mode, cancellation and note. Returns (added, removed)."""
    if not perms.can_manage_group(actor, group):
        raise forbidden()
    wanted = set(
        scheduled_dates(
            starts_on=group.starts_on,
            ends_on=group.ends_on,
            weekdays=group.weekdays,
            skip_holidays=skip_holidays,
        )
    )
    existing = dict(group.sessions.values_list("date", "pk"))
    stale = [pk for day, pk in existing.items() if day not in wanted]
    removed = 0
    if stale:
        removed, _detail = (
            GroupSession.objects.filter(pk__in=stale).filter(attendances__isnull=True).delete()
        )
    missing = sorted(wanted - set(existing))
    GroupSession.objects.bulk_create(
        GroupSession(group=group, date=day, delivery_mode=group.delivery_mode) for day in missing
    )
    return len(missing), removed


@transaction.atomic
def session_update(
    *,
    actor,
    session: GroupSession,
    delivery_mode: str,
    is_cancelled: bool,
    note: str = "",
) -> GroupSession:
    """Change one day: its delivery mode (a day goes remote), cancel or restore it, with a
    note."""
    if not perms.can_manage_group(actor, session.group):
        raise forbidden()
    if delivery_mode not in DeliveryMode.values:
        raise ApplicationError(_("Choose the delivery mode."), field="delivery_mode")
    if is_cancelled and not session.is_cancelled and session.attendances.exists():
        raise ApplicationError(
            _("Attendance has been recorded for this day, so it cannot be cancelled."),
            field="is_cancelled",
        )
    session.delivery_mode = delivery_mode
    session.is_cancelled = bool(is_cancelled)
    session.note = (note or "").strip()[:300]
    session.save(update_fields=["delivery_mode", "is_cancelled", "note"])
    return session


# --- Participants ------------------------------------------------------------------------------


def _home_municipality(user):
    profile = getattr(user, "jobseeker_profile", None)
    return getattr(profile, "home_municipality", None)


def _check_joined_on(group: ServiceGroup, joined_on: datetime.date) -> None:
    if not (group.starts_on <= joined_on <= group.ends_on):
        raise ApplicationError(
            _("The joining day must be within the group's period."), field="joined_on"
        )


def _check_capacity(group: ServiceGroup) -> None:
    taking_part = group.participations.filter(status=Participation.Status.ACTIVE).count()
    if taking_part >= group.capacity:
        raise ApplicationError(
            _("The group is full: it has room for %(capacity)s participants.")
            % {"capacity": group.capacity},
            code="capacity",
        )


@transaction.atomic
def participation_add(
    *,
    actor,
    group: ServiceGroup,
    enrolment=None,
    referral=None,
    joined_on: datetime.date | None = None,
) -> Participation:
    """Add a person to the group from the provider's accepted enrolment request or from an
    accepted (or started) referral of the employment services; an accepted referral starts."""
    from catalog.models import EnrolmentRequest
    from expert import services as expert_services
    from expert.models import Referral

    if not perms.can_manage_group(actor, group):
        raise forbidden()
    if (enrolment is None) == (referral is None):
        raise ApplicationError(_("Choose the person to add."), field="person")
    # Lock the group so two simultaneous additions cannot overfill it.
    ServiceGroup.objects.select_for_update().filter(pk=group.pk).first()
    if enrolment is not None:
        if (
            enrolment.service_id != group.service_id
            or enrolment.status != EnrolmentRequest.Status.ACCEPTED
        ):
            raise ApplicationError(
                _("Only accepted enrolment requests to this service can be added."),
                field="person",
            )
        user = enrolment.user
    else:
        visible = Referral.objects.visible_to_provider(perms.provider_ids(actor)).filter(
            pk=referral.pk,
            service_id=group.service_id,
            status__in=[Referral.Status.ACCEPTED, Referral.Status.STARTED],
        )
        if not visible.exists():
            raise ApplicationError(
                _("Only accepted referrals to this service can be added."), field="person"
            )
        user = referral.case.profile.user
    if group.participations.filter(user=user).exists():
        raise ApplicationError(_("This person is already in the group."), field="person")
    _check_capacity(group)
    joined_on = joined_on or max(timezone.localdate(), group.starts_on)
    _check_joined_on(group, joined_on)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                group=group,
                user=user,
                enrolment=enrolment,
                referral=referral,
                municipality=_home_municipality(user),
                joined_on=joined_on,
            )
    except IntegrityError as error:
        raise ApplicationError(_("This person is already in the group."), field="person") from error
    if referral is not None and referral.status == Referral.Status.ACCEPTED:
        expert_services.referral_update(
            actor=actor, referral=referral, status=Referral.Status.STARTED
        )
    return participation


@transaction.atomic
def participation_leave(
    *, actor, participation: Participation, left_on: datetime.date, status: str
) -> Participation:
    """The participant left the group: completed or interrupted, on a day."""
    if not perms.can_manage_group(actor, participation.group):
        raise forbidden()
    if participation.status != Participation.Status.ACTIVE:
        raise ApplicationError(_("This person has already left the group."), field="status")
    if status not in (Participation.Status.COMPLETED, Participation.Status.INTERRUPTED):
        raise ApplicationError(_("Choose completed or interrupted."), field="status")
    if left_on is None or left_on < participation.joined_on:
        raise ApplicationError(
            _("The leaving day cannot be before the joining day."), field="left_on"
        )
    if participation.attendances.filter(session__date__gt=left_on).exists():
        raise ApplicationError(_("Attendance has been recorded after this day."), field="left_on")
    participation.left_on = left_on
    participation.status = status
    participation.save(update_fields=["left_on", "status"])
    return participation
