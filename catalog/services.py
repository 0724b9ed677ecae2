"""Writes for the service catalogue. Every state change of a service or an enrolment request
goes through one function here."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalog import search, tasks
from catalog.models import (
    LANGUAGE_CODES,
    EnrolmentRequest,
    Service,
    ServiceLocation,
    TaxonomyTerm,
)
from catalog.sanitize import clean_html, clean_text
from matching import services as matching_services
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit
from tori.queue import enqueue_on_commit

STALE_AFTER = datetime.timedelta(days=182)  # six months without re-confirmation
STALE_WARNING_AFTER = datetime.timedelta(days=152)  # dashboard warns a month before

TEXT_FIELDS = [
    f"{name}_{lang}"
    for name in ("name", "summary", "schedule", "price_terms", "plain_summary")
    for lang in ("fi", "sv", "en")
] + ["contact_name", "contact_phone"]
HTML_FIELDS = [
    f"{name}_{lang}" for name in ("description", "how_to_enrol") for lang in ("fi", "sv", "en")
]
SCALAR_FIELDS = [
    "service_type",
    "delivery_mode",
    "is_nationwide",
    "languages",
    "days_per_week",
    "hours_per_day",
    "duration_value",
    "duration_unit",
    "is_free",
    "price",
    "capacity",
    "enrolment_starts",
    "enrolment_ends",
    "funding",
    "contact_email",
    "url",
]
M2M_FIELDS = ["target_groups", "regions", "municipalities", "esco_skills", "esco_occupations"]
EDITABLE_FIELDS = TEXT_FIELDS + HTML_FIELDS + SCALAR_FIELDS + M2M_FIELDS + ["locations"]
MAX_LENGTHS = {
    "name": 200,
    "summary": 300,
    "schedule": 300,
    "price_terms": 300,
    "plain_summary": 1000,
    "contact_name": 200,
    "contact_phone": 40,
}
MAX_HTML_LENGTH = 20_000


# --- validation ---------------------------------------------------------------------------


def _max_length(field_name: str) -> int:
    return MAX_LENGTHS.get(field_name.rsplit("_", 1)[0], MAX_LENGTHS.get(field_name, 200))


def _apply_fields(service: Service, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Unknown field: %(field)s.") % {"field": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    for name in TEXT_FIELDS:
        if name in data:
            value = clean_text(str(data[name] or ""))
            if len(value) > _max_length(name):
                raise ApplicationError(
                    _("Use at most %(count)d characters.") % {"count": _max_length(name)},
                    field=name,
                )
            setattr(service, name, value)
    for name in HTML_FIELDS:
        if name in data:
            value = clean_html(str(data[name] or ""))
            if len(value) > MAX_HTML_LENGTH:
                raise ApplicationError(
                    _("Use at most %(count)d characters.") % {"count": MAX_HTML_LENGTH},
                    field=name,
                )
            setattr(service, name, value)
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(service, name, data[name])
    service.price = _decimal(service.price, "price")
    service.hours_per_day = _decimal(service.hours_per_day, "hours_per_day")
    if service.languages is None:
        service.languages = []
    service.languages = list(dict.fromkeys(service.languages))


def _decimal(value, field: str):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ApplicationError(_("Enter a number."), field=field)


def _validate(service: Service) -> None:
    """Rules every saved service keeps, draft or not."""
    if not service.name_fi.strip():
        raise ApplicationError(_("Enter the name of the service in Finnish."), field="name_fi")
    if (
        service.service_type_id
        and service.service_type.taxonomy != TaxonomyTerm.Taxonomy.SERVICE_TYPE
    ):
        raise ApplicationError(_("Choose a service type."), field="service_type")
    if service.delivery_mode not in Service.DeliveryMode.values:
        raise ApplicationError(_("Choose how the service is delivered."), field="delivery_mode")
    if service.funding not in Service.Funding.values:
        raise ApplicationError(_("Choose how the service is funded."), field="funding")
    if not isinstance(service.languages, list) or any(
        code not in LANGUAGE_CODES for code in service.languages
    ):
        raise ApplicationError(_("Choose languages from the list."), field="languages")
    if service.is_free and service.price is not None:
        raise ApplicationError(
            _("A free service cannot have a price. Remove the price or mark the service as paid."),
            field="price",
        )
    if not service.is_free and service.price is None:
        raise ApplicationError(_("Enter the price of a paid service."), field="price")
    if service.price is not None and (service.price < 0 or service.price >= Decimal("10000000")):
        raise ApplicationError(_("Enter a price between 0 and 9,999,999 euros."), field="price")
    if service.days_per_week is not None and not 1 <= service.days_per_week <= 7:
        raise ApplicationError(_("Enter 1–7 days per week."), field="days_per_week")
    if service.hours_per_day is not None and not Decimal("0.5") <= service.hours_per_day <= 24:
        raise ApplicationError(_("Enter 0.5–24 hours per day."), field="hours_per_day")
    if service.duration_value is not None and service.duration_unit not in (
        Service.DurationUnit.values
    ):
        raise ApplicationError(_("Choose the unit of the duration."), field="duration_unit")
    if service.duration_value is None:
        service.duration_unit = ""
    if service.capacity is not None and service.capacity > 100_000:
        raise ApplicationError(_("Enter a smaller capacity."), field="capacity")
    if (
        service.enrolment_starts
        and service.enrolment_ends
        and service.enrolment_ends < service.enrolment_starts
    ):
        raise ApplicationError(
            _("The enrolment period cannot end before it starts."), field="enrolment_ends"
        )
    if service.contact_email:
        try:
            validate_email(service.contact_email)
        except ValidationError:
            raise ApplicationError(_("Enter a valid e-mail address."), field="contact_email")
    if service.url:
        try:
            URLValidator(schemes=["http", "https"])(service.url)
        except ValidationError:
            raise ApplicationError(_("Enter a valid web address."), field="url")


def _validate_for_publication(service: Service) -> None:
    """What a service needs before it can be moderated and shown in the catalogue."""
    if not service.summary_fi and not service.description_fi:
        raise ApplicationError(
            _("Describe the service in Finnish before sending it for publication."),
            field="description_fi",
        )
    if not service.service_type_id:
        raise ApplicationError(_("Choose a service type."), field="service_type")
    if not (service.is_nationwide or service.regions.exists() or service.municipalities.exists()):
        raise ApplicationError(
            _("Tell where the service is available: nationwide, regions or municipalities."),
            field="municipalities",
        )


def _set_relations(service: Service, data: dict) -> None:
    for name in M2M_FIELDS:
        if name not in data:
            continue
        values = list(data[name] or [])
        if name == "target_groups" and any(
            term.taxonomy != TaxonomyTerm.Taxonomy.TARGET_GROUP for term in values
        ):
            raise ApplicationError(_("Choose target groups from the list."), field=name)
        getattr(service, name).set(values)
    if "locations" in data:
        service.locations.all().delete()
        for location in data["locations"] or []:
            _location_create(service, location)


def _location_create(service: Service, data: dict) -> ServiceLocation:
    from reference.models import PostalCode

    street = clean_text(str(data.get("street_address", "")))[:200]
    postal_code = str(data.get("postal_code", "")).strip()
    city = clean_text(str(data.get("city", "")))[:100]
    if not street or not city:
        raise ApplicationError(_("Enter the street address and city."), field="locations")
    if not (len(postal_code) == 5 and postal_code.isdigit()):
        raise ApplicationError(_("Enter a five-digit postal code."), field="locations")
    postal = PostalCode.objects.filter(code=postal_code).select_related("municipality").first()
    return ServiceLocation.objects.create(
        service=service,
        name=clean_text(str(data.get("name", "")))[:200],
        street_address=street,
        postal_code=postal_code,
        city=city,
        municipality=postal.municipality if postal else None,
    )


def _reindex(service: Service) -> None:
    fresh = Service.objects.select_related("provider", "service_type").get(pk=service.pk)
    search.index_service(fresh)
    service.search_document, service.facet_keys = fresh.search_document, fresh.facet_keys


# --- services -----------------------------------------------------------------------------


@transaction.atomic
def service_create(*, actor, provider, data: dict, uuid=None) -> Service:
    """A new draft service of `provider`, written by one of its members (or imported with
    its HSDS id as `uuid`)."""
    if not perms.can_create_service(actor, provider):
        raise ApplicationError(_("You cannot add services for this provider."), code="forbidden")
    service = Service(provider=provider, status=Service.Status.DRAFT)
    if uuid is not None:
        service.uuid = uuid
    _apply_fields(service, data)
    _validate(service)
    service.save()
    _set_relations(service, data)
    _reindex(service)
    return service


def _content(service: Service) -> tuple:
    """What a person reads about the service: every editable field, areas and locations."""
    scalars = tuple(
        getattr(service, f"{name}_id" if name == "service_type" else name)
        for name in TEXT_FIELDS + HTML_FIELDS + SCALAR_FIELDS
    )
    if service.pk is None:
        return scalars
    relations = tuple(
        tuple(sorted(getattr(service, name).values_list("pk", flat=True))) for name in M2M_FIELDS
    )
    locations = tuple(
        service.locations.order_by("pk").values_list("name", "street_address", "postal_code")
    )
    return scalars + relations + locations


@transaction.atomic
def service_update(*, actor, service: Service, data: dict) -> Service:
    """Edit a service. Editing a published or outdated service also re-confirms it.

    A provider's change to a published (or outdated) service goes back to moderation, as a
    new service would: it leaves the catalogue until a platform administrator has accepted
    it (moderation checks content, not just the first version of it). Saving without a
    change only re-confirms the service; a platform administrator's own edit stays
    published (the administrators are the moderators)."""
    if not perms.can_edit_service(actor, service):
        raise ApplicationError(_("You cannot edit this service."), code="forbidden")
    was_live = service.status in (Service.Status.PUBLISHED, Service.Status.OUTDATED)
    before = _content(service) if was_live else None
    _apply_fields(service, data)
    _validate(service)
    now = timezone.now()
    if was_live:
        service.status = Service.Status.PUBLISHED
        service.confirmed_at = now
        service.outdated_at = None
    service.save()
    _set_relations(service, data)
    if was_live:
        _validate_for_publication(service)
        if _content(service) != before and not perms.can_moderate_service(actor, service):
            service.status = Service.Status.SUBMITTED
            service.submitted_at = now
            service.moderation_note = ""
            service.save(update_fields=["status", "submitted_at", "moderation_note", "updated_at"])
    _reindex(service)
    matching_services.recommendations_schedule_refresh(service=service)
    return service


@transaction.atomic
def service_submit(*, actor, service: Service) -> Service:
    """Draft → submitted: the provider asks the platform administrators to publish it."""
    if not perms.can_edit_service(actor, service):
        raise ApplicationError(_("You cannot edit this service."), code="forbidden")
    if not perms.can_submit_service(actor, service):
        raise ApplicationError(
            _("Your organisation must be verified before its services can be published."),
            code="unverified",
        )
    if service.status != Service.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be sent for publication."), code="state")
    _validate(service)
    _validate_for_publication(service)
    service.status = Service.Status.SUBMITTED
    service.submitted_at = timezone.now()
    service.moderation_note = ""
    service.save(update_fields=["status", "submitted_at", "moderation_note", "updated_at"])
    return service


@transaction.atomic
def service_publish(*, actor, service: Service) -> Service:
    """Moderation: a platform administrator accepts a submitted service."""
    if not perms.can_moderate_service(actor, service):
        raise ApplicationError(
            _("Only platform administrators moderate services."), code="forbidden"
        )
    if service.status != Service.Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted service can be published."), code="state")
    now = timezone.now()
    service.status = Service.Status.PUBLISHED
    service.published_at = service.published_at or now
    service.confirmed_at = now
    service.outdated_at = None
    service.moderation_note = ""
    service.save(
        update_fields=[
            "status",
            "published_at",
            "confirmed_at",
            "outdated_at",
            "moderation_note",
            "updated_at",
        ]
    )
    matching_services.recommendations_schedule_refresh(service=service)
    return service


@transaction.atomic
def service_reject(*, actor, service: Service, note: str) -> Service:
    """Moderation: back to draft with the reason (e.g. not about work or skills)."""
    if not perms.can_moderate_service(actor, service):
        raise ApplicationError(
            _("Only platform administrators moderate services."), code="forbidden"
        )
    if service.status not in (Service.Status.SUBMITTED, Service.Status.PUBLISHED):
        raise ApplicationError(
            _("Only a submitted or published service can be returned."), code="state"
        )
    note = clean_text(note)
    if not note:
        raise ApplicationError(_("Tell the provider why the service was returned."), field="note")
    service.status = Service.Status.DRAFT
    service.moderation_note = note[:2000]
    service.save(update_fields=["status", "moderation_note", "updated_at"])
    return service


@transaction.atomic
def service_confirm(*, actor, service: Service) -> Service:
    """The provider confirms the information is still correct (published again if outdated)."""
    if not perms.can_edit_service(actor, service):
        raise ApplicationError(_("You cannot edit this service."), code="forbidden")
    if service.status not in (Service.Status.PUBLISHED, Service.Status.OUTDATED):
        raise ApplicationError(
            _("Only a published or outdated service can be confirmed."), code="state"
        )
    service.status = Service.Status.PUBLISHED
    service.confirmed_at = timezone.now()
    service.outdated_at = None
    service.save(update_fields=["status", "confirmed_at", "outdated_at", "updated_at"])
    return service


@transaction.atomic
def service_archive(*, actor, service: Service) -> Service:
    if not perms.can_archive_service(actor, service):
        raise ApplicationError(_("You cannot archive this service."), code="forbidden")
    service.status = Service.Status.ARCHIVED
    service.archived_at = timezone.now()
    service.save(update_fields=["status", "archived_at", "updated_at"])
    matching_services.recommendations_schedule_refresh(service=service)
    return service


@transaction.atomic
def service_mark_outdated(*, service: Service, now: datetime.datetime | None = None) -> bool:
    """Published and not confirmed for six months → outdated, and the provider is reminded.
    Returns whether the service changed (idempotent)."""
    now = now or timezone.now()
    service = Service.objects.select_for_update().get(pk=service.pk)
    last = service.confirmed_at or service.published_at or service.created_at
    if service.status != Service.Status.PUBLISHED or last > now - STALE_AFTER:
        return False
    service.status = Service.Status.OUTDATED
    service.outdated_at = now
    service.save(update_fields=["status", "outdated_at", "updated_at"])
    enqueue_on_commit(tasks.service_outdated_remind_task, service_id=service.pk)
    return True


def services_mark_outdated(*, now: datetime.datetime | None = None) -> int:
    """Mark every stale published service outdated; returns how many changed."""
    now = now or timezone.now()
    stale_ids = list(
        Service.objects.published()
        .filter(confirmed_at__lt=now - STALE_AFTER)
        .values_list("pk", flat=True)
    )
    return sum(
        service_mark_outdated(service=service, now=now)
        for service in Service.objects.filter(pk__in=stale_ids)
    )


def service_outdated_remind(*, service: Service) -> int:
    """E-mail the provider's members, each in their own language; returns messages sent."""
    sent = 0
    for membership in service.provider.memberships.select_related("user"):
        user = membership.user
        if not (user.is_active and user.email):
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = _("Please confirm your service: %(name)s") % {"name": service.name}
            body = _(
                "The service “%(name)s” has not been confirmed for six months, so it is no "
                "longer shown in the Tori catalogue. Check the information and confirm it on "
                "your provider dashboard: %(url)s"
            ) % {"name": service.name, "url": reverse("providers:dashboard")}
        mail_send_after_commit(subject=subject, body=body, to=[user.email])
        sent += 1
    return sent


# --- enrolment requests -------------------------------------------------------------------


@transaction.atomic
def enrolment_request_create(
    *, user, service: Service, message: str = "", share_sections=None
) -> EnrolmentRequest:
    """`share_sections`: the parts of a jobseeker's profile they consent to share with the
    provider (recorded as a consent by profiles.services.provider_share_set)."""
    if not perms.can_request_enrolment(user, service):
        raise ApplicationError(
            _("Sign in as a jobseeker or an employer to enrol in a published service."),
            code="forbidden",
        )
    message = clean_text(message)
    if len(message) > 2000:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": 2000}, field="message"
        )
    already_sent = ApplicationError(
        _("You have already sent a request for this service."), field="message"
    )
    if EnrolmentRequest.objects.filter(
        service=service,
        user=user,
        status__in=[EnrolmentRequest.Status.NEW, EnrolmentRequest.Status.ACCEPTED],
    ).exists():
        raise already_sent
    try:
        # Two identical requests at once both pass the check above; the database's unique
        # constraint on open requests lets one in, and the other gets the same answer as a
        # request sent twice in a row (the savepoint keeps the outer transaction usable).
        with transaction.atomic():
            enrolment = EnrolmentRequest.objects.create(service=service, user=user, message=message)
    except IntegrityError:
        raise already_sent from None
    if share_sections and perms.is_jobseeker(user):
        from profiles.services import provider_share_set

        provider_share_set(actor=user, enrolment=enrolment, sections=share_sections)
    return enrolment


@transaction.atomic
def enrolment_request_decide(*, actor, enrolment: EnrolmentRequest, accept: bool):
    if not perms.can_decide_enrolment(actor, enrolment):
        raise ApplicationError(_("You cannot answer this request."), code="forbidden")
    if enrolment.status != EnrolmentRequest.Status.NEW:
        raise ApplicationError(_("This request has already been answered."), code="state")
    enrolment.status = (
        EnrolmentRequest.Status.ACCEPTED if accept else EnrolmentRequest.Status.DECLINED
    )
    enrolment.decided_at = timezone.now()
    enrolment.save(update_fields=["status", "decided_at"])
    return enrolment


@transaction.atomic
def enrolment_request_withdraw(*, actor, enrolment: EnrolmentRequest):
    if not perms.can_withdraw_enrolment(actor, enrolment):
        raise ApplicationError(_("You cannot withdraw this request."), code="forbidden")
    if enrolment.status not in (EnrolmentRequest.Status.NEW, EnrolmentRequest.Status.ACCEPTED):
        raise ApplicationError(_("This request can no longer be withdrawn."), code="state")
    enrolment.status = EnrolmentRequest.Status.WITHDRAWN
    enrolment.decided_at = timezone.now()
    enrolment.save(update_fields=["status", "decided_at"])
    return enrolment


def services_reindex(*, provider=None) -> int:
    """Recompute the search index (e.g. after a provider's name or sector changed)."""
    queryset = Service.objects.all()
    if provider is not None:
        queryset = queryset.filter(provider=provider)
    count = 0
    for service in queryset.select_related("provider", "service_type").iterator():
        search.index_service(service)
        count += 1
    return count
