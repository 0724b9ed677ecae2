"""Writes for e-service items: submission (with a reference number), processing, decision,
and pseudonymisation when the person deletes their account."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eservices.models import AVAILABILITY, EserviceItem
from profiles import codes
from profiles import services as profile_services
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit

REGISTRATION_AVAILABILITY = tuple(dict(AVAILABILITY))

# Items are records of the employment authority and are kept after an account is deleted;
# these keys of `data` identify the person and are removed then.
PERSONAL_DATA_KEYS = {
    EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION: [
        "previous_work",
        "previous_employer",
        "education",
        "additional_information",
        "phone",
    ],
    EserviceItem.Kind.WAGE_SUBSIDY: ["person_name", "person_email"],
}


def _text(value, *, field, max_length, required=False) -> str:
    return profile_services._text(value, field=field, max_length=max_length, required=required)


def _date(value, *, field, required=True):
    if value in (None, ""):
        if required:
            raise ApplicationError(_("This field is required."), field=field)
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ApplicationError(_("Enter a valid date."), field=field) from None


def eservice_item_create(*, kind: str, data: dict, **fields) -> EserviceItem:
    """Give the item the next number of the sequence and its reference, e.g.
    PT-2026-000042. Two submissions racing for the same number meet the unique constraint;
    the loser retries with the next number."""
    prefix = EserviceItem.REFERENCE_PREFIX[kind]
    for _attempt in range(5):
        last = EserviceItem.objects.aggregate(m=Max("number"))["m"] or 0
        number = last + 1
        reference = f"{prefix}-{timezone.localdate().year}-{number:06d}"
        try:
            with transaction.atomic():
                return EserviceItem.objects.create(
                    kind=kind, number=number, reference=reference, data=data, **fields
                )
        except IntegrityError:
            continue
    raise ApplicationError(_("Please try again in a moment."), code="busy")


@transaction.atomic
def unemployment_registration_submit(
    *,
    actor,
    start_date,
    previous_work: str,
    previous_employer: str = "",
    previous_work_ended=None,
    education: str,
    education_level: str = "",
    availability: str,
    phone: str = "",
    additional_information: str = "",
) -> EserviceItem:
    """'Register as an unemployed jobseeker': the data the employment authority needs."""
    if not perms.can_register_as_unemployed(actor):
        raise ApplicationError(
            _("Only jobseekers can register as unemployed jobseekers."), code="forbidden"
        )
    if (
        EserviceItem.objects.open()
        .filter(subject=actor, kind=EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION)
        .exists()
    ):
        raise ApplicationError(
            _("You already have a registration being processed."), field="start_date"
        )
    start = _date(start_date, field="start_date")
    today = timezone.localdate()
    if (start - today).days > 14:
        raise ApplicationError(
            _("The start date can be at most two weeks from today."), field="start_date"
        )
    if (today - start).days > 365:
        raise ApplicationError(_("The start date can be at most one year ago."), field="start_date")
    ended = _date(previous_work_ended, field="previous_work_ended", required=False)
    if ended and ended > start:
        raise ApplicationError(
            _("Your previous work must end before the start date."), field="previous_work_ended"
        )
    if education_level and education_level not in dict(codes.EDUCATION_LEVELS):
        raise ApplicationError(_("Choose from the list."), field="education_level")
    if availability not in REGISTRATION_AVAILABILITY:
        raise ApplicationError(_("Choose from the list."), field="availability")
    data = {
        "start_date": start.isoformat(),
        "previous_work": _text(
            previous_work, field="previous_work", max_length=2000, required=True
        ),
        "previous_employer": _text(previous_employer, field="previous_employer", max_length=150),
        "previous_work_ended": ended.isoformat() if ended else None,
        "education": _text(education, field="education", max_length=1000, required=True),
        "education_level": education_level,
        "availability": availability,
        "phone": _text(phone, field="phone", max_length=30),
        "additional_information": _text(
            additional_information, field="additional_information", max_length=2000
        ),
    }
    return eservice_item_create(
        kind=EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION, data=data, applicant=actor, subject=actor
    )


@transaction.atomic
def wage_subsidy_apply(
    *,
    actor,
    organisation,
    municipality,
    person_name: str,
    person_email: str = "",
    job_title: str,
    start_date,
    end_date,
    weekly_hours,
    monthly_wage,
    justification: str,
) -> EserviceItem:
    """An employer applies for a wage subsidy (palkkatuki) for a named person and job. The
    municipality of the workplace decides which employment area handles the application."""
    if not perms.can_apply_wage_subsidy(actor, organisation):
        if perms.can_manage_employer(actor, organisation):
            raise profile_services.employer_unverified_error(organisation)
        raise ApplicationError(
            _("Only members of the employer organisation can apply."), code="forbidden"
        )
    if municipality is None:
        raise ApplicationError(_("Choose the municipality of the workplace."), field="municipality")
    start = _date(start_date, field="start_date")
    end = _date(end_date, field="end_date")
    if start < timezone.localdate():
        raise ApplicationError(_("The start date cannot be in the past."), field="start_date")
    if end < start:
        raise ApplicationError(_("The end date cannot be before the start date."), field="end_date")
    if (end - start).days > 2 * 366:
        raise ApplicationError(
            _("A wage subsidy can be granted for at most 24 months at a time."), field="end_date"
        )
    try:
        hours = Decimal(str(weekly_hours))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number."), field="weekly_hours") from None
    if not (Decimal(1) <= hours <= Decimal(40)):
        raise ApplicationError(
            _("Weekly working hours must be between 1 and 40."), field="weekly_hours"
        )
    try:
        wage = Decimal(str(monthly_wage))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number."), field="monthly_wage") from None
    if wage <= 0 or wage > Decimal(20000):
        raise ApplicationError(
            _("Enter the gross monthly wage in euros (at most 20 000)."), field="monthly_wage"
        )
    data = {
        "person_name": _text(person_name, field="person_name", max_length=150, required=True),
        "person_email": _text(person_email, field="person_email", max_length=254),
        "job_title": _text(job_title, field="job_title", max_length=150, required=True),
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "weekly_hours": str(hours),
        "monthly_wage": str(wage.quantize(Decimal("0.01"))),
        "justification": _text(
            justification, field="justification", max_length=3000, required=True
        ),
    }
    return eservice_item_create(
        kind=EserviceItem.Kind.WAGE_SUBSIDY,
        data=data,
        applicant=actor,
        organisation=organisation,
        municipality=municipality,
    )


@transaction.atomic
def eservice_start_processing(*, item: EserviceItem, actor) -> EserviceItem:
    if not perms.can_process_eservice_item(actor, item):
        raise ApplicationError(_("You cannot process e-service items."), code="forbidden")
    if item.status != EserviceItem.Status.RECEIVED:
        raise ApplicationError(_("This item is already being processed."), code="state")
    item.status = EserviceItem.Status.PROCESSING
    item.handler = actor
    item.save(update_fields=["status", "handler"])
    return item


@transaction.atomic
def eservice_decide(*, item: EserviceItem, actor, decision: str, reason: str = "") -> EserviceItem:
    """An expert approves or rejects an item (a rejection needs a reason). Approving a
    registration records the date of unemployment on the person's profile."""
    if not perms.can_process_eservice_item(actor, item):
        raise ApplicationError(_("You cannot decide e-service items."), code="forbidden")
    if item.is_decided:
        raise ApplicationError(_("This item has already been decided."), code="state")
    if decision not in (EserviceItem.Status.APPROVED, EserviceItem.Status.REJECTED):
        raise ApplicationError(_("Choose approve or reject."), field="decision")
    reason = _text(reason, field="reason", max_length=3000)
    if decision == EserviceItem.Status.REJECTED and not reason:
        raise ApplicationError(_("Give the reason for the rejection."), field="reason")
    item.status = decision
    item.decision_reason = reason
    item.decided_by = actor
    item.decided_at = timezone.now()
    if item.handler_id is None:
        item.handler = actor
    item.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "handler"])
    if (
        decision == EserviceItem.Status.APPROVED
        and item.kind == EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION
        and item.subject_id is not None
    ):
        profile = profile_services.jobseeker_profile_get_or_create(user=item.subject)
        profile.unemployed_since = date.fromisoformat(item.data["start_date"])
        profile.save(update_fields=["unemployed_since", "updated_at"])
    eservice_decision_notify(item)
    return item


def eservice_decision_notify(item: EserviceItem) -> None:
    """E-mail the applicant that their item was decided, in their preferred language; queued
    to be sent after the decision commits. The decision itself is read on the item's page."""
    if not item.is_decided:
        return
    recipient = item.applicant or item.subject
    if recipient is None or not recipient.email:
        return
    with translation.override(recipient.preferred_language):
        subject = _("Decision on your e-service application %(reference)s") % {
            "reference": item.reference
        }
        if item.status == EserviceItem.Status.APPROVED:
            body = _(
                "Your application %(reference)s (%(kind)s) has been approved. "
                "See the decision in Tori: %(url)s"
            )
        else:
            body = _(
                "Your application %(reference)s (%(kind)s) has been rejected. "
                "See the decision and its reason in Tori: %(url)s"
            )
        body = body % {
            "reference": item.reference,
            "kind": item.get_kind_display(),
            "url": reverse("eservices:detail", kwargs={"item_id": item.pk}),
        }
    mail_send_after_commit(subject=subject, body=body, to=[recipient.email])


@transaction.atomic
def eservice_items_pseudonymise(*, user) -> int:
    """Before an account is deleted: keep the items and decisions (records of the employment
    authority) but remove what identifies the person."""
    items = EserviceItem.objects.filter(
        Q(subject=user) | Q(applicant=user, organisation__isnull=True)
    )
    count = 0
    now = timezone.now()
    for item in items:
        data = dict(item.data)
        for key in PERSONAL_DATA_KEYS.get(item.kind, []):
            data.pop(key, None)
        item.data = data
        item.applicant = None if item.applicant_id == user.pk else item.applicant
        item.subject = None
        item.pseudonymised_at = now
        item.save(update_fields=["data", "applicant", "subject", "pseudonymised_at"])
        count += 1
    # An employer's own applications stay with the organisation; only the link to the
    # person who submitted them goes (the foreign key empties itself on delete).
    return count
