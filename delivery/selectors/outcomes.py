"""Reads of outcomes: the provider's report page, and the experts' list of reports waiting
for confirmation (the participants of the expert's area and those the expert referred)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from delivery.models import Participation
from delivery.selectors.diary import participant_label
from tori import permissions as perms


def _queryset():
    return Participation.objects.select_related(
        "group__service__provider",
        "user__jobseeker_profile__home_municipality",
        "referral__case__office",
        "enrolment",
        "outcome_reported_by",
    )


def outcome_was_returned(participation: Participation) -> bool:
    """A report returned by an expert: no outcome, the expert's note waits for the provider."""
    return not participation.outcome and bool(participation.outcome_note)


def outcome_state(participation: Participation) -> str:
    """ "confirmed", "reported" (waiting for an expert), "returned" or "" (nothing yet)."""
    if participation.outcome_confirmed:
        return "confirmed"
    if participation.outcome:
        return "reported"
    if outcome_was_returned(participation):
        return "returned"
    return ""


def outcome_participation_get(*, viewer, participation_id) -> Participation:
    """Provider side: a participation in a group of the viewer's provider; 404 otherwise."""
    participation = _queryset().filter(uuid=participation_id).first()
    if participation is None or not perms.can_manage_group(viewer, participation.group):
        raise Http404
    participation.label = participant_label(participation)
    participation.state = outcome_state(participation)
    return participation


def outcome_confirmation_get(*, viewer, participation_id) -> Participation:
    """Expert side: a participation of the expert's area or referral; 404 otherwise (a
    participant outside the area does not exist for the expert)."""
    participation = _queryset().filter(uuid=participation_id).first()
    if participation is None or not perms.can_handle_outcome(viewer, participation):
        raise Http404
    participation.state = outcome_state(participation)
    participation.pseudonym = _pseudonym(participation)
    return participation


def _pseudonym(participation: Participation) -> str:
    profile = getattr(participation.user, "jobseeker_profile", None)
    return profile.pseudonym if profile is not None else ""


def outcomes_waiting_list(*, viewer) -> list[Participation]:
    """Reported, unconfirmed outcomes the viewer may confirm, oldest report first."""
    if not perms.can_use_expert_view(viewer):
        return []
    codes = perms.expert_municipality_codes(viewer)
    candidates = (
        _queryset()
        .filter(outcome_confirmed_at__isnull=True)
        .exclude(outcome="")
        .filter(
            Q(user__jobseeker_profile__home_municipality_id__in=codes)
            | Q(referral__proposed_by=viewer)
            | Q(referral__case__responsible=viewer)
        )
        .distinct()
        .order_by("outcome_reported_at", "pk")
    )
    rows = []
    for participation in candidates:
        if perms.can_confirm_outcome(viewer, participation):
            participation.pseudonym = _pseudonym(participation)
            participation.case = (
                participation.referral.case
                if participation.referral is not None
                and perms.can_view_case(viewer, participation.referral.case)
                else None
            )
            rows.append(participation)
    return rows


def group_outcome_rows(*, viewer, group) -> list[Participation]:
    """Provider side: every participation of the group with its outcome state."""
    if not perms.can_manage_group(viewer, group):
        raise Http404
    rows = list(_queryset().filter(group=group).order_by("joined_on", "pk"))
    for participation in rows:
        participation.label = participant_label(participation)
        participation.state = outcome_state(participation)
    return rows
