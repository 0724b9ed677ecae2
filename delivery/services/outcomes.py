"""Writes of outcomes: the provider reports where the participant went after the service, an
employment expert confirms the report or returns it to the provider with a note.

Confirming ends the participation when it is still active and completes (or interrupts) the
expert's referral it came from, through expert.services.referral_update:

- the participation ends on the outcome date (or keeps its earlier end date);
- its status becomes "interrupted" when the person left before the group's last day without
  moving on (outcome "unemployment" or "other"), otherwise "completed" — a person who found
  work or a study place mid-way completed the service successfully;
- the referral gets the same status and the same outcome.

A confirmed outcome is final. Returning a report clears the outcome and keeps the expert's
note in ``outcome_note``, where the provider sees it until reporting again."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from delivery.models import Participation
from delivery.services.groups import forbidden
from expert import services as expert_services
from expert.models import Outcome, Referral
from tori import permissions as perms
from tori.exceptions import ApplicationError

NOTE_MAX_LENGTH = 2000
NOT_MOVING_ON = {Outcome.UNEMPLOYMENT, Outcome.OTHER}


# What a provider's report sets and an expert's return clears.
REPORT_FIELDS = [
    "outcome",
    "outcome_date",
    "outcome_note",
    "outcome_reported_by",
    "outcome_reported_at",
]


def _note(value, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(_("Write a note for the service provider."), field="note")
    if len(value) > NOTE_MAX_LENGTH:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": NOTE_MAX_LENGTH}, field="note"
        )
    return value


def _outcome_date(value, *, participation: Participation) -> datetime.date:
    if value in (None, ""):
        raise ApplicationError(_("Enter the date of the outcome."), field="outcome_date")
    day = value if isinstance(value, datetime.date) else parse_date(str(value))
    if day is None:
        raise ApplicationError(_("Enter a valid date."), field="outcome_date")
    if day > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="outcome_date")
    if day < participation.joined_on:
        raise ApplicationError(
            _("The date cannot be before %(date)s, when the participation began.")
            % {"date": date_format(participation.joined_on, "j.n.Y")},
            field="outcome_date",
        )
    return day


def _check_confirmable(actor, participation: Participation) -> None:
    if not perms.can_handle_outcome(actor, participation):
        raise forbidden()
    if participation.outcome_confirmed:
        raise ApplicationError(_("This outcome has already been confirmed."), code="final")
    if not participation.outcome:
        raise ApplicationError(
            _("The service provider has not reported an outcome yet."), code="no_outcome"
        )
    if not perms.can_confirm_outcome(actor, participation):
        raise forbidden()


@transaction.atomic
def outcome_report(
    *, actor, participation: Participation, outcome: str, outcome_date, note: str = ""
) -> Participation:
    """The provider reports (or corrects, until confirmed) the outcome of a participation."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if not perms.can_manage_group(actor, participation.group):
        raise forbidden()
    if participation.outcome_confirmed:
        raise ApplicationError(
            _("The outcome has been confirmed and can no longer be changed."), code="final"
        )
    if not perms.can_report_outcome(actor, participation):
        raise forbidden()
    if outcome not in Outcome.values:
        raise ApplicationError(_("Choose the outcome."), field="outcome")
    participation.outcome = outcome
    participation.outcome_date = _outcome_date(outcome_date, participation=participation)
    participation.outcome_note = _note(note, required=False)
    participation.outcome_reported_by = actor
    participation.outcome_reported_at = timezone.now()
    participation.save(update_fields=REPORT_FIELDS)
    return participation


def status_after(participation: Participation) -> str:
    """The participation's status when its outcome is confirmed (see the module docstring)."""
    if participation.status != Participation.Status.ACTIVE:
        return participation.status
    left_early = participation.outcome_date < participation.group.ends_on
    if left_early and participation.outcome in NOT_MOVING_ON:
        return Participation.Status.INTERRUPTED
    return Participation.Status.COMPLETED


def _end_referral(*, actor, participation: Participation) -> None:
    """Complete (or interrupt) the referral the participation came from, with its outcome.

    Done through the expert service, so its own rules apply: an accepted referral is marked
    started first; a referral already ended, or one the actor may no longer update (e.g. the
    customer's case was closed), is left as it is."""
    referral = participation.referral
    if referral is None or not perms.can_update_referral(actor, referral):
        return
    if referral.status == Referral.Status.ACCEPTED:
        referral = expert_services.referral_update(
            actor=actor, referral=referral, status=Referral.Status.STARTED
        )
    target = (
        Referral.Status.INTERRUPTED
        if participation.status == Participation.Status.INTERRUPTED
        else Referral.Status.COMPLETED
    )
    expert_services.referral_update(
        actor=actor, referral=referral, status=target, outcome=participation.outcome
    )


@transaction.atomic
def outcome_confirm(*, actor, participation: Participation) -> Participation:
    """An expert confirms the reported outcome: final, ends the participation and referral."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    _check_confirmable(actor, participation)
    participation.outcome_confirmed_by = actor
    participation.outcome_confirmed_at = timezone.now()
    fields = ["outcome_confirmed_by", "outcome_confirmed_at"]
    if participation.status == Participation.Status.ACTIVE:
        participation.status = status_after(participation)
        participation.left_on = participation.left_on or participation.outcome_date
        fields += ["status", "left_on"]
    participation.save(update_fields=fields)
    _end_referral(actor=actor, participation=participation)
    return participation


@transaction.atomic
def outcome_return(*, actor, participation: Participation, note: str) -> Participation:
    """An expert returns the report to the provider: the outcome is cleared, the note kept."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    _check_confirmable(actor, participation)
    participation.outcome_note = _note(note, required=True)
    participation.outcome = ""
    participation.outcome_date = None
    participation.outcome_reported_by = None
    participation.outcome_reported_at = None
    participation.save(update_fields=REPORT_FIELDS)
    return participation
