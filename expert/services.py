"""Writes of the expert view: cases, assessments, plans and tasks, notes, referrals, job
offers, outcomes, and the expert's side of e-service items. Every function checks its
predicate from tori.permissions and raises ApplicationError when refused."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from eservices import services as eservice_services
from eservices.models import EserviceItem
from expert.models import (
    Case,
    CaseNote,
    ExpertOffice,
    JobOffer,
    Outcome,
    Plan,
    PlanTask,
    Referral,
    ServiceNeedAssessment,
)
from profiles import services as profile_services
from profiles.models import DataAccessLog, ProfileSection
from tori import permissions as perms
from tori.exceptions import ApplicationError

CUSTOMER_PAGE_SECTIONS = list(ProfileSection.values)
WORK_ABILITY_SECTION = "work_ability"
# What an expert reads of an item about a person, in every channel (the expert's item page,
# the generic item page, the API): the name and phone, the previous work and employer, the
# education, and the start date and availability.
ESERVICE_ITEM_SECTIONS = [
    ProfileSection.CONTACT.value,
    ProfileSection.WORK_HISTORY.value,
    ProfileSection.EDUCATION.value,
    ProfileSection.SITUATION.value,
]


def _text(value, *, field: str, max_length: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": max_length}, field=field
        )
    return value


def _date(value, *, field: str, required: bool = False) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not value:
        if required:
            raise ApplicationError(_("This field is required."), field=field)
        return None
    parsed = parse_date(str(value))
    if parsed is None:
        raise ApplicationError(_("Enter a valid date."), field=field)
    return parsed


def _forbidden():
    return ApplicationError(_("You cannot do this."), code="forbidden")


# --- Access log ------------------------------------------------------------------------------


def customer_access_record(*, viewer, case: Case, sections) -> DataAccessLog:
    """Record that an expert viewed a customer's data for a case (purpose = case reference).
    Uses the one access log the customer sees in "My data"; written before the data is shown.
    """
    if not perms.can_view_case(viewer, case):
        raise _forbidden()
    return profile_services.data_access_record(
        subject=case.profile.user,
        accessor=viewer,
        purpose=DataAccessLog.Purpose.EXPERT,
        sections=sections,
        object_ref=case.reference,
        organisation=case.office.name,
    )


def eservice_item_access_record(*, viewer, item: EserviceItem) -> DataAccessLog | None:
    """An expert of the item's area reads an e-service item: one access-log row per read,
    written before the data is shown, with the same sections whichever channel shows it.
    The purpose is the customer's open case when the expert may see it, else the item's
    reference. Items about no Tori user (wage subsidy applications) have nobody's log to
    write to."""
    from expert import selectors

    if not perms.can_process_eservice_item(viewer, item):
        raise _forbidden()
    if item.subject_id is None:
        return None
    case = selectors.eservice_item_case(viewer=viewer, item=item)
    if case is not None:
        return customer_access_record(viewer=viewer, case=case, sections=ESERVICE_ITEM_SECTIONS)
    office = (
        ExpertOffice.objects.filter(
            memberships__user=viewer, municipalities=perms.eservice_item_municipality(item)
        )
        .order_by("pk")
        .first()
    )
    return profile_services.data_access_record(
        subject=item.subject,
        accessor=viewer,
        purpose=DataAccessLog.Purpose.EXPERT,
        sections=ESERVICE_ITEM_SECTIONS,
        object_ref=item.reference,
        organisation=office.name if office is not None else "",
    )


def referral_disclosure_record(*, viewer, referral: Referral, sections) -> DataAccessLog:
    """A provider received a customer's referral data: logged as a disclosure."""
    return profile_services.data_access_record(
        subject=referral.case.profile.user,
        accessor=viewer,
        purpose=DataAccessLog.Purpose.REFERRAL,
        sections=sections,
        object_ref=referral.case.reference,
        organisation=referral.service.provider.name,
    )


def referral_disclosures_record(*, viewer, referrals) -> None:
    """A provider is shown referred customers (the referrals page, a group's participants,
    an attendance report): each referral is logged as a disclosure of what the customer
    allowed the provider to see."""
    from expert import selectors

    for referral in referrals:
        referral_disclosure_record(
            viewer=viewer,
            referral=referral,
            sections=selectors.referral_provider_sections(referral),
        )


# --- Cases -----------------------------------------------------------------------------------


def _office_for(*, actor, profile) -> ExpertOffice | None:
    return (
        ExpertOffice.objects.filter(
            memberships__user=actor, municipalities=profile.home_municipality_id
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def case_open(*, actor, profile) -> Case:
    """Open a case for a customer of the actor's area; the actor becomes responsible."""
    if not perms.can_view_customer(actor, profile):
        raise _forbidden()
    if not perms.can_open_case(actor, profile):
        raise ApplicationError(_("The customer already has an open case."), code="state")
    office = _office_for(actor=actor, profile=profile)
    if office is None:
        raise _forbidden()
    for _attempt in range(5):
        case = Case(profile=profile, office=office, responsible=actor)
        case.reference = f"AS-{timezone.localdate().year}-{case.id.hex[:6].upper()}"
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            return case
        except IntegrityError:
            if Case.objects.open().filter(profile=profile).exists():
                raise ApplicationError(
                    _("The customer already has an open case."), code="state"
                ) from None
    raise ApplicationError(_("Please try again in a moment."), code="busy")


@transaction.atomic
def case_take(*, actor, case: Case) -> Case:
    """Become the responsible expert of a case of one's area."""
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    case.responsible = actor
    case.save(update_fields=["responsible"])
    return case


@transaction.atomic
def case_close(*, actor, case: Case, outcome: str, outcome_date=None) -> Case:
    """Close the case with its outcome (the Vates categories)."""
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    if outcome not in Outcome.values:
        raise ApplicationError(_("Choose from the list."), field="outcome")
    when = _date(outcome_date, field="outcome_date") or timezone.localdate()
    if when > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field="outcome_date")
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.outcome = outcome
    case.outcome_date = when
    case.save(update_fields=["status", "closed_at", "outcome", "outcome_date"])
    return case


@transaction.atomic
def assessment_save(
    *,
    actor,
    case: Case,
    work_ability: str,
    agreed_goal: str,
    skills: str = "",
    barriers=(),
    barriers_note: str = "",
) -> ServiceNeedAssessment:
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    if work_ability not in ServiceNeedAssessment.WorkAbility.values:
        raise ApplicationError(_("Choose from the list."), field="work_ability")
    barriers = list(dict.fromkeys(barriers or []))
    if any(b not in ServiceNeedAssessment.Barrier.values for b in barriers):
        raise ApplicationError(_("Choose from the list."), field="barriers")
    assessment, _created = ServiceNeedAssessment.objects.update_or_create(
        case=case,
        defaults={
            "work_ability": work_ability,
            "skills": _text(skills, field="skills", max_length=3000),
            "barriers": barriers,
            "barriers_note": _text(barriers_note, field="barriers_note", max_length=3000),
            "agreed_goal": _text(agreed_goal, field="agreed_goal", max_length=2000, required=True),
            "assessed_by": actor,
            "assessed_at": timezone.now(),
        },
    )
    return assessment


# --- Plans and tasks -------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, case: Case, kind: str, goal: str) -> Plan:
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    if kind not in Plan.Kind.values:
        raise ApplicationError(_("Choose from the list."), field="kind")
    return Plan.objects.create(
        case=case,
        kind=kind,
        goal=_text(goal, field="goal", max_length=2000, required=True),
        created_by=actor,
    )


@transaction.atomic
def plan_task_add(*, actor, plan: Plan, title: str, due_date=None) -> PlanTask:
    if not perms.can_edit_case(actor, plan.case):
        raise _forbidden()
    due = _date(due_date, field="due_date")
    return PlanTask.objects.create(
        plan=plan, title=_text(title, field="title", max_length=200, required=True), due_date=due
    )


@transaction.atomic
def plan_task_set_done(*, actor, task: PlanTask, done: bool) -> PlanTask:
    """Both the customer and the expert tick tasks (and untick them)."""
    if not perms.can_tick_plan_task(actor, task):
        raise _forbidden()
    if done and task.done_at is None:
        task.done_at = timezone.now()
        task.done_by = actor
    elif not done:
        task.done_at = None
        task.done_by = None
    task.save(update_fields=["done_at", "done_by"])
    return task


# --- Journal ---------------------------------------------------------------------------------


@transaction.atomic
def case_note_add(*, actor, case: Case, text: str) -> CaseNote:
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    return CaseNote.objects.create(
        case=case, author=actor, text=_text(text, field="text", max_length=5000, required=True)
    )


# --- Referrals -------------------------------------------------------------------------------


@transaction.atomic
def referral_propose(*, actor, case: Case, service, message: str = "") -> Referral:
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    if service is None or service.status != "published":
        raise ApplicationError(_("Choose a published service."), field="service")
    if case.referrals.filter(
        service=service, status__in=[Referral.Status.PROPOSED, Referral.Status.ACCEPTED]
    ).exists():
        raise ApplicationError(
            _("This service has already been proposed to the customer."), field="service"
        )
    return Referral.objects.create(
        case=case,
        service=service,
        message=_text(message, field="message", max_length=2000),
        proposed_by=actor,
    )


@transaction.atomic
def referral_answer(
    *, actor, referral: Referral, accept: bool, share_first_name: bool = False
) -> Referral:
    """The customer accepts (and decides what the provider sees) or declines."""
    if not perms.can_answer_referral(actor, referral):
        raise _forbidden()
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.share_first_name = bool(accept and share_first_name)
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "share_first_name", "answered_at"])
    return referral


REFERRAL_TRANSITIONS = {
    Referral.Status.ACCEPTED: {Referral.Status.STARTED, Referral.Status.INTERRUPTED},
    Referral.Status.STARTED: {Referral.Status.COMPLETED, Referral.Status.INTERRUPTED},
}


@transaction.atomic
def referral_update(*, actor, referral: Referral, status: str, outcome: str = "") -> Referral:
    """Started → completed / interrupted, by the provider of the service or an expert. An
    ended referral records the outcome after the service."""
    if not perms.can_update_referral(actor, referral):
        raise _forbidden()
    if status not in REFERRAL_TRANSITIONS.get(referral.status, set()):
        raise ApplicationError(_("This change is not possible now."), field="status")
    now = timezone.now()
    fields = ["status"]
    if status == Referral.Status.STARTED:
        referral.started_at = now
        fields.append("started_at")
    else:
        if outcome not in Outcome.values:
            raise ApplicationError(_("Choose the outcome."), field="outcome")
        referral.ended_at = now
        referral.outcome = outcome
        fields += ["ended_at", "outcome"]
    referral.status = status
    referral.save(update_fields=fields)
    return referral


# --- Job offers ------------------------------------------------------------------------------


@transaction.atomic
def job_offer_create(*, actor, case: Case, job_ad, message: str = "") -> JobOffer:
    if not perms.can_edit_case(actor, case):
        raise _forbidden()
    if job_ad is None or not job_ad.is_listed:
        raise ApplicationError(_("Choose an open job ad."), field="job_ad")
    if case.job_offers.filter(job_ad=job_ad).exists():
        raise ApplicationError(
            _("This job has already been offered to the customer."), field="job_ad"
        )
    return JobOffer.objects.create(
        case=case,
        job_ad=job_ad,
        message=_text(message, field="message", max_length=2000),
        offered_by=actor,
    )


@transaction.atomic
def job_offer_answer(*, actor, offer: JobOffer, interested: bool) -> JobOffer:
    if not perms.can_answer_job_offer(actor, offer):
        raise _forbidden()
    offer.status = JobOffer.Status.INTERESTED if interested else JobOffer.Status.DECLINED
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    return offer


# --- E-service items -------------------------------------------------------------------------


@transaction.atomic
def eservice_item_take(*, actor, item: EserviceItem) -> tuple[EserviceItem, Case | None]:
    """Take an item to handle; a registration of an area customer without an open case
    opens one (the expert becomes responsible)."""
    if not perms.can_process_eservice_item(actor, item):
        raise _forbidden()
    item = eservice_services.eservice_start_processing(item=item, actor=actor)
    return item, _case_for_item(actor=actor, item=item)


def _case_for_item(*, actor, item: EserviceItem) -> Case | None:
    if item.subject_id is None:
        return None
    profile = profile_services.jobseeker_profile_get_or_create(user=item.subject)
    case = Case.objects.open().filter(profile=profile).first()
    if case is None and perms.can_open_case(actor, profile):
        case = case_open(actor=actor, profile=profile)
    return case


@transaction.atomic
def eservice_item_decide(
    *, actor, item: EserviceItem, decision: str, reason: str = ""
) -> EserviceItem:
    """Approve or reject (with a reason); the applicant is e-mailed after the commit."""
    if not perms.can_process_eservice_item(actor, item):
        raise _forbidden()
    return eservice_services.eservice_decide(
        item=item, actor=actor, decision=decision, reason=reason
    )
