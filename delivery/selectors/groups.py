"""Reads for the provider's groups, scoped to the viewer: a provider member sees only the
groups of its own providers; anything else is a 404."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from delivery.models import GroupSession, Participation, ServiceGroup
from tori import permissions as perms


def group_list(*, viewer):
    """The groups of the viewer's providers, newest first, with counts."""
    if not perms.can_use_delivery(viewer):
        return ServiceGroup.objects.none()
    return (
        ServiceGroup.objects.filter(service__provider_id__in=perms.provider_ids(viewer))
        .select_related("service__provider")
        .annotate(
            taking_part=Count(
                "participations",
                filter=Q(participations__status=Participation.Status.ACTIVE),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "name")
    )


def group_list_with_coach_flag(*, viewer):
    """group_list, each group with `is_coach`: whether the viewer is one of its coaches."""
    coached = ServiceGroup.coaches.through.objects.filter(
        servicegroup_id=OuterRef("pk"), user_id=viewer.pk
    )
    return group_list(viewer=viewer).annotate(is_coach=Exists(coached))


def group_get(*, viewer, group_id) -> ServiceGroup:
    group = (
        ServiceGroup.objects.filter(uuid=group_id)
        .select_related("service__provider")
        .prefetch_related("coaches")
        .first()
    )
    if group is None or not perms.can_manage_group(viewer, group):
        raise Http404
    return group


def session_get(*, viewer, group: ServiceGroup, day: datetime.date) -> GroupSession:
    if not perms.can_manage_group(viewer, group):
        raise Http404
    session = GroupSession.objects.filter(group=group, date=day).first()
    if session is None:
        raise Http404
    return session


def participation_get(*, viewer, group: ServiceGroup, participation_id) -> Participation:
    participation = (
        Participation.objects.filter(group=group, uuid=participation_id)
        .select_related("group__service", "user", "referral__case__profile", "municipality")
        .first()
    )
    if participation is None or not perms.can_manage_group(viewer, group):
        raise Http404
    return participation


def group_services(*, viewer):
    """The viewer's providers' services a group can be made for."""
    from catalog.models import Service

    if not perms.can_use_delivery(viewer):
        return Service.objects.none()
    return (
        Service.objects.filter(
            provider_id__in=perms.provider_ids(viewer),
            status__in=[Service.Status.PUBLISHED, Service.Status.OUTDATED],
        )
        .select_related("provider")
        .order_by("name_fi")
    )


def provider_staff(*, provider_ids):
    """Members of the providers: the possible coaches of a group."""
    from profiles.models import User

    return (
        User.objects.filter(
            role=User.Role.PROVIDER,
            is_active=True,
            provider_memberships__provider_id__in=provider_ids,
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


# --- Sessions by month -------------------------------------------------------------------------


@dataclass
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def next(self) -> "Month":
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    @property
    def param(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, value, *, default: datetime.date) -> "Month":
        """'2026-03' → Month(2026, 3); anything invalid → the default day's month."""
        try:
            year, month = (int(part) for part in str(value).split("-"))
            datetime.date(year, month, 1)
        except (TypeError, ValueError):
            return cls(default.year, default.month)
        if not 2000 <= year <= 2100:
            return cls(default.year, default.month)
        return cls(year, month)


def group_month_sessions(*, viewer, group: ServiceGroup, month: Month):
    """The group's days in a month, with attendance counts."""
    if not perms.can_manage_group(viewer, group):
        raise Http404
    return (
        group.sessions.filter(date__gte=month.first_day, date__lte=month.last_day)
        .annotate(
            onsite=Count("attendances", filter=Q(attendances__status="onsite")),
            remote=Count("attendances", filter=Q(attendances__status="remote")),
            absent=Count("attendances", filter=Q(attendances__status="absent")),
        )
        .order_by("date")
    )


def group_counts(*, group: ServiceGroup) -> dict:
    sessions = group.sessions.aggregate(
        total=Count("pk"),
        cancelled=Count("pk", filter=Q(is_cancelled=True)),
        remote=Count("pk", filter=Q(is_cancelled=False, delivery_mode="remote")),
        hybrid=Count("pk", filter=Q(is_cancelled=False, delivery_mode="hybrid")),
        onsite=Count("pk", filter=Q(is_cancelled=False, delivery_mode="onsite")),
    )
    people = group.participations.aggregate(
        active=Count("pk", filter=Q(status=Participation.Status.ACTIVE)),
        left=Count("pk", filter=~Q(status=Participation.Status.ACTIVE)),
    )
    return {**sessions, **people, "room": max(group.capacity - people["active"], 0)}


# --- Participants and how the provider sees them -----------------------------------------------


def participant_label(participation: Participation) -> str:
    """What the provider may see of the person, by the same rules as the provider's
    enrolment inbox and referrals page: from an enrolment request the person's name; from a
    referral the pseudonym, with the first name only if the customer allowed it."""
    referral = participation.referral
    if referral is not None and participation.enrolment_id is None:
        profile = getattr(participation.user, "jobseeker_profile", None)
        pseudonym = profile.pseudonym if profile else "–"
        if referral.share_first_name and participation.user.first_name:
            return f"{participation.user.first_name} ({pseudonym})"
        return pseudonym
    return participation.user.get_full_name() or _("Participant")


def group_participants(*, viewer, group: ServiceGroup):
    if not perms.can_manage_group(viewer, group):
        raise Http404
    participations = list(
        group.participations.select_related(
            "user__jobseeker_profile", "referral", "municipality"
        ).order_by("status", "joined_on", "pk")
    )
    for participation in participations:
        participation.label = participant_label(participation)
    return participations


def referral_participations(participations) -> list:
    """Participations that came from a referral: showing them is a disclosure to log."""
    return [p for p in participations if p.referral_id and p.enrolment_id is None]


def participation_candidates(*, viewer, group: ServiceGroup) -> list[dict]:
    """People the provider can add: its accepted enrolment requests to the group's service and
    the accepted or started referrals to it, who are not in the group yet."""
    from catalog.models import EnrolmentRequest
    from expert.models import Referral

    if not perms.can_manage_group(viewer, group):
        raise Http404
    in_group = set(group.participations.values_list("user_id", flat=True))
    candidates = []
    enrolments = (
        EnrolmentRequest.objects.visible_to(viewer)
        .filter(
            service=group.service,
            service__provider_id__in=perms.provider_ids(viewer),
            status=EnrolmentRequest.Status.ACCEPTED,
        )
        .exclude(user_id__in=in_group)
        .select_related("user")
        .order_by("created_at")
    )
    for enrolment in enrolments:
        candidates.append(
            {
                "value": f"enrolment:{enrolment.pk}",
                "label": enrolment.user.get_full_name() or enrolment.user.email,
                "source": _("Enrolment request"),
                "enrolment": enrolment,
                "referral": None,
            }
        )
    referrals = (
        Referral.objects.visible_to_provider(perms.provider_ids(viewer))
        .filter(
            service=group.service,
            status__in=[Referral.Status.ACCEPTED, Referral.Status.STARTED],
        )
        .exclude(case__profile__user_id__in=in_group)
        .select_related("case__profile__user", "case__office")
        .order_by("answered_at")
    )
    for referral in referrals:
        profile = referral.case.profile
        label = profile.pseudonym
        if referral.share_first_name and profile.user.first_name:
            label = f"{profile.user.first_name} ({profile.pseudonym})"
        candidates.append(
            {
                "value": f"referral:{referral.pk}",
                "label": label,
                "source": _("Referral from employment services"),
                "enrolment": None,
                "referral": referral,
            }
        )
    return candidates
