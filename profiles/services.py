"""Writes for accounts and employer organisations."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from matching import services as matching_services
from profiles import codes
from profiles.models import PROFILE_ITEM_KINDS, EmployerMembership, EmployerOrganisation, User
from providers import services as provider_services
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit

SELF_SERVICE_ROLES = {User.Role.JOBSEEKER, User.Role.EMPLOYER, User.Role.PROVIDER}


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "fi",
    organisation_name: str = "",
    business_id: str = "",
    sector: str = "",
    municipality_code: str = "",
) -> User:
    """Create a self-service account. Experts and administrators are never self-registered:
    their accounts are created by a platform administrator."""
    if role not in SELF_SERVICE_ROLES:
        raise ApplicationError(_("This kind of account cannot be created here."), field="role")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            _("An account with this e-mail address already exists."), field="email"
        )
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language=preferred_language,
    )
    if role == User.Role.EMPLOYER:
        employer_organisation_join_or_create(
            user=user, name=organisation_name, business_id=business_id
        )
    elif role == User.Role.PROVIDER:
        provider_services.provider_register(
            user=user,
            name=organisation_name,
            sector=sector,
            business_id=business_id,
            municipality_code=municipality_code,
        )
    return user


@transaction.atomic
def employer_organisation_join_or_create(*, user: User, name: str, business_id: str):
    """The first member of an organisation becomes its administrator; later sign-ups with the
    same business ID join as members."""
    organisation, created = EmployerOrganisation.objects.get_or_create(
        business_id=business_id.strip(), defaults={"name": name.strip()}
    )
    EmployerMembership.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "role": EmployerMembership.Role.ADMIN if created else EmployerMembership.Role.MEMBER
        },
    )
    return organisation


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    if language not in User.Language.values:
        raise ApplicationError(_("Unknown language."), field="language")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def second_factor_device_for_setup(*, user: User):
    """The unconfirmed authenticator (TOTP) device the user is setting up, created once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm_setup(*, user: User, token: str):
    """Confirm the device being set up with its first code; returns the device or None."""
    device = second_factor_device_for_setup(user=user)
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def second_factor_match(*, user: User, token: str):
    """The confirmed device (authenticator or backup code) that accepts the token, or None."""
    from django_otp import match_token

    return match_token(user, token.strip().replace(" ", ""))


@transaction.atomic
def jobseeker_profile_get_or_create(*, user: User):
    """The jobseeker's profile, created on first use."""
    from profiles.models import JobseekerProfile

    profile, _created = JobseekerProfile.objects.get_or_create(user=user)
    return profile


# --- Jobseeker profile parts ---------------------------------------------------------------

PUBLISH_CONSENT_VERSION = "2026-1"
PROVIDER_CONSENT_VERSION = "2026-1"
INTRODUCTION_MAX = 4000


def _text(value, *, field: str, max_length: int, required: bool = False) -> str:
    """Plain text from a form or an API: surrounding space and control characters removed."""
    text = "".join(
        ch for ch in str(value or "") if ch in "\n\t" or (ord(ch) >= 32 and ord(ch) != 127)
    ).strip()
    if required and not text:
        raise ApplicationError(_("This field is required."), field=field)
    if len(text) > max_length:
        raise ApplicationError(
            _("Use at most %(count)d characters.") % {"count": max_length}, field=field
        )
    return text


def _codes(values, *, allowed, field: str) -> list[str]:
    codes = []
    for value in values or []:
        if value not in allowed:
            raise ApplicationError(_("Choose from the list."), field=field)
        if value not in codes:
            codes.append(value)
    return codes


def _not_in_future(value, *, field: str):
    if value is not None and value > timezone.localdate():
        raise ApplicationError(_("The date cannot be in the future."), field=field)
    return value


def _check_range(start, end, *, field: str = "end_date"):
    if start and end and end < start:
        raise ApplicationError(_("The end date cannot be before the start date."), field=field)


def _require_owner(actor, profile) -> None:
    if not perms.can_edit_jobseeker_profile(actor, profile):
        raise ApplicationError(_("You can only change your own profile."), code="forbidden")


def _touch(profile) -> None:
    profile.save(update_fields=["updated_at"])


@transaction.atomic
def jobseeker_introduction_update(
    *, profile, actor, headline: str, introduction: str, home_municipality=None
):
    _require_owner(actor, profile)
    profile.headline = _text(headline, field="headline", max_length=150)
    profile.introduction = _text(introduction, field="introduction", max_length=INTRODUCTION_MAX)
    profile.home_municipality = home_municipality
    profile.save(update_fields=["headline", "introduction", "home_municipality", "updated_at"])
    matching_services.recommendations_schedule_refresh(profile=profile)
    return profile


@transaction.atomic
def jobseeker_wishes_update(
    *,
    profile,
    actor,
    regions=(),
    municipalities=(),
    working_time=(),
    continuity=(),
    remote_ok: bool = False,
    available_from=None,
):
    _require_owner(actor, profile)
    profile.working_time = _codes(
        working_time, allowed=dict(codes.WORKING_TIME), field="working_time"
    )
    profile.continuity = _codes(continuity, allowed=dict(codes.CONTINUITY), field="continuity")
    profile.remote_ok = bool(remote_ok)
    profile.available_from = available_from
    profile.save(
        update_fields=["working_time", "continuity", "remote_ok", "available_from", "updated_at"]
    )
    profile.wish_regions.set(regions)
    profile.wish_municipalities.set(municipalities)
    matching_services.recommendations_schedule_refresh(profile=profile)
    return profile


@transaction.atomic
def jobseeker_licences_update(*, profile, actor, driving_licences=(), cards=()):
    _require_owner(actor, profile)
    profile.driving_licences = _codes(
        driving_licences, allowed=dict(codes.DRIVING_LICENCES), field="driving_licences"
    )
    profile.cards = _codes(cards, allowed=codes.CARDS_AND_PERMITS, field="cards")
    profile.save(update_fields=["driving_licences", "cards", "updated_at"])
    return profile


@transaction.atomic
def jobseeker_situation_update(
    *,
    profile,
    actor,
    unemployed_since=None,
    under_30: bool = False,
    immigrant: bool = False,
    partial_work_ability: bool = False,
    work_ability_reasons: str = "",
):
    """The situation that services target. The reasons of a partial work ability are health
    data: stored apart, and removed as soon as the person says the situation no longer
    applies."""
    from profiles.models import WorkAbilityDetails

    _require_owner(actor, profile)
    profile.unemployed_since = _not_in_future(unemployed_since, field="unemployed_since")
    profile.under_30 = bool(under_30)
    profile.immigrant = bool(immigrant)
    profile.partial_work_ability = bool(partial_work_ability)
    reasons = _text(work_ability_reasons, field="work_ability_reasons", max_length=2000)
    profile.save(
        update_fields=[
            "unemployed_since",
            "under_30",
            "immigrant",
            "partial_work_ability",
            "updated_at",
        ]
    )
    if profile.partial_work_ability and reasons:
        WorkAbilityDetails.objects.update_or_create(profile=profile, defaults={"reasons": reasons})
    else:
        WorkAbilityDetails.objects.filter(profile=profile).delete()
    matching_services.recommendations_schedule_refresh(profile=profile)
    return profile


@transaction.atomic
def free_skill_add(*, profile, actor, name: str):
    from profiles.models import ProfileFreeSkill

    _require_owner(actor, profile)
    name = _text(name, field="name", max_length=100, required=True)
    if profile.free_skills.filter(name__iexact=name).exists():
        raise ApplicationError(_("This skill is already in your profile."), field="name")
    if profile.free_skills.count() >= 50:
        raise ApplicationError(_("You can add at most 50 skills of your own."), field="name")
    skill = ProfileFreeSkill.objects.create(profile=profile, name=name)
    _touch(profile)
    return skill


def _work_fields(*, title: str, employer_name: str, start_date, end_date=None, description=""):
    if start_date is None:
        raise ApplicationError(_("This field is required."), field="start_date")
    _not_in_future(start_date, field="start_date")
    _check_range(start_date, end_date)
    return {
        "title": _text(title, field="title", max_length=150, required=True),
        "employer_name": _text(employer_name, field="employer_name", max_length=150),
        "start_date": start_date,
        "end_date": end_date,
        "description": _text(description, field="description", max_length=2000),
    }


@transaction.atomic
def work_experience_add(*, profile, actor, **data):
    """Add a job to the work history (fields: title, employer_name, start_date, end_date,
    description); only to the actor's own profile."""
    from profiles.models import WorkExperience

    _require_owner(actor, profile)
    entry = WorkExperience.objects.create(profile=profile, **_work_fields(**data))
    _touch(profile)
    return entry


@transaction.atomic
def work_experience_update(*, profile, actor, item_id: int, **data):
    """Correct a job of the work history (e.g. the end date when it ended); the same checks
    as adding one. Another person's entry is not found."""
    return _item_update(profile, actor, "work", item_id, _work_fields, data)


def _item_update(profile, actor, kind: str, item_id: int, fields, data):
    _require_owner(actor, profile)
    relation = getattr(profile, PROFILE_ITEM_KINDS[kind])
    entry = relation.select_for_update().filter(pk=item_id).first()
    if entry is None:
        raise ApplicationError(_("The entry was not found."), code="not_found")
    for name, value in fields(**data).items():
        setattr(entry, name, value)
    entry.save()
    _touch(profile)
    return entry


def _education_fields(
    *,
    degree: str,
    institution: str = "",
    level: str = "",
    start_date=None,
    end_date=None,
    completed: bool = True,
):
    if level and level not in dict(codes.EDUCATION_LEVELS):
        raise ApplicationError(_("Choose from the list."), field="level")
    _check_range(start_date, end_date)
    return {
        "degree": _text(degree, field="degree", max_length=150, required=True),
        "institution": _text(institution, field="institution", max_length=150),
        "level": level,
        "start_date": start_date,
        "end_date": end_date,
        "completed": bool(completed),
    }


@transaction.atomic
def education_add(*, profile, actor, **data):
    """Add a qualification (fields: degree, institution, level, start_date, end_date,
    completed); only to the actor's own profile."""
    from profiles.models import Education

    _require_owner(actor, profile)
    entry = Education.objects.create(profile=profile, **_education_fields(**data))
    _touch(profile)
    return entry


@transaction.atomic
def education_update(*, profile, actor, item_id: int, **data):
    """Correct a qualification (e.g. mark it completed); the same checks as adding one."""
    return _item_update(profile, actor, "education", item_id, _education_fields, data)


@transaction.atomic
def language_add(*, profile, actor, language: str, level: str):
    from profiles.models import ProfileLanguage

    _require_owner(actor, profile)
    if language not in codes.LANGUAGE_CODES:
        raise ApplicationError(_("Choose from the list."), field="language")
    if level not in dict(codes.LANGUAGE_LEVELS):
        raise ApplicationError(_("Choose from the list."), field="level")
    if profile.languages.filter(language=language).exists():
        raise ApplicationError(_("This language is already in your profile."), field="language")
    entry = ProfileLanguage.objects.create(profile=profile, language=language, level=level)
    _touch(profile)
    matching_services.recommendations_schedule_refresh(profile=profile)
    return entry


@transaction.atomic
def profile_item_delete(*, profile, actor, kind: str, item_id: int) -> None:
    """Remove one entry of the profile's lists; only from the actor's own profile."""
    _require_owner(actor, profile)
    relation = PROFILE_ITEM_KINDS.get(kind)
    if relation is None:
        raise ApplicationError(_("Unknown kind of entry."), field="kind")
    deleted, _details = getattr(profile, relation).filter(pk=item_id).delete()
    if not deleted:
        raise ApplicationError(_("The entry was not found."), code="not_found")
    _touch(profile)
    matching_services.recommendations_schedule_refresh(profile=profile)


# --- Consent -------------------------------------------------------------------------------


def _sections(values, *, allowed, field: str = "sections") -> list[str]:
    chosen = _codes(values, allowed=allowed, field=field)
    return [s for s in allowed if s in chosen]  # canonical order


@transaction.atomic
def profile_publish(*, profile, actor, sections):
    """Publish the profile pseudonymously to employers with the chosen parts; a new consent
    replaces the previous one (withdrawn at the same moment)."""
    from profiles.models import PUBLISHABLE_SECTIONS, ProfileConsent

    _require_owner(actor, profile)
    chosen = _sections(sections, allowed=PUBLISHABLE_SECTIONS)
    if not chosen:
        raise ApplicationError(
            _("Choose at least one part of your profile to publish."), field="sections"
        )
    now = timezone.now()
    ProfileConsent.objects.filter(
        user=actor, purpose=ProfileConsent.Purpose.PUBLISH, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    consent = ProfileConsent.objects.create(
        user=actor,
        purpose=ProfileConsent.Purpose.PUBLISH,
        scope=chosen,
        version=PUBLISH_CONSENT_VERSION,
        given_at=now,
    )
    profile.is_published = True
    profile.published_sections = chosen
    profile.save(update_fields=["is_published", "published_sections", "updated_at"])
    matching_services.recommendations_schedule_refresh(profile=profile)
    return consent


@transaction.atomic
def profile_unpublish(*, profile, actor) -> int:
    """Withdraw the publication consent: the profile disappears from candidate search and
    pending contact requests are closed."""
    from profiles.models import ContactRequest, ProfileConsent

    _require_owner(actor, profile)
    now = timezone.now()
    withdrawn = ProfileConsent.objects.filter(
        user=actor, purpose=ProfileConsent.Purpose.PUBLISH, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    profile.is_published = False
    profile.published_sections = []
    profile.save(update_fields=["is_published", "published_sections", "updated_at"])
    ContactRequest.objects.filter(profile=profile, status=ContactRequest.Status.PENDING).update(
        status=ContactRequest.Status.DECLINED, answered_at=now
    )
    matching_services.recommendations_schedule_refresh(profile=profile)
    return withdrawn


@transaction.atomic
def provider_share_set(*, actor, enrolment, sections):
    """What of the profile the provider of this enrolment may see. An empty choice withdraws
    the consent (the provider then sees only the enrolment request itself)."""
    from profiles.models import SHAREABLE_WITH_PROVIDER, ProfileConsent

    if not (perms.is_jobseeker(actor) and enrolment.user_id == actor.pk):
        raise ApplicationError(
            _("You can only choose what is shared on your own requests."), code="forbidden"
        )
    chosen = _sections(sections, allowed=SHAREABLE_WITH_PROVIDER)
    now = timezone.now()
    ProfileConsent.objects.filter(
        enrolment=enrolment, purpose=ProfileConsent.Purpose.PROVIDER, withdrawn_at__isnull=True
    ).update(withdrawn_at=now)
    if not chosen:
        return None
    jobseeker_profile_get_or_create(user=actor)
    return ProfileConsent.objects.create(
        user=actor,
        purpose=ProfileConsent.Purpose.PROVIDER,
        enrolment=enrolment,
        scope=chosen,
        version=PROVIDER_CONSENT_VERSION,
        given_at=now,
    )


@transaction.atomic
def consent_withdraw(*, consent, actor):
    from profiles.models import ProfileConsent

    if consent.user_id != actor.pk:
        raise ApplicationError(_("You can only withdraw your own consents."), code="forbidden")
    if consent.withdrawn_at is not None:
        raise ApplicationError(_("This consent has already been withdrawn."), code="state")
    if consent.purpose == ProfileConsent.Purpose.PUBLISH:
        profile_unpublish(profile=actor.jobseeker_profile, actor=actor)
        consent.refresh_from_db()
        return consent
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    return consent


# --- Contact requests ----------------------------------------------------------------------


def _contact_request_mail(contact) -> None:
    """Queue the e-mail to the jobseeker, in their language, to be sent after commit."""
    user = contact.profile.user
    with translation.override(user.preferred_language):
        subject = _("An employer would like to contact you")
        body = _(
            "%(organisation)s found your published profile in Tori and would like to contact "
            "you. Your name and contact details are shared only if you accept. Answer on "
            "your profile page: %(url)s"
        ) % {
            "organisation": contact.organisation.name,
            "url": reverse("profiles:contact-requests"),
        }
    mail_send_after_commit(subject=subject, body=body, to=[user.email])


@transaction.atomic
def contact_request_create(*, actor, profile, message: str, organisation=None):
    from profiles.models import ContactRequest

    if not perms.can_request_contact(actor, profile):
        raise ApplicationError(_("This candidate cannot be contacted."), code="forbidden")
    if organisation is None:
        organisation = (
            EmployerOrganisation.objects.filter(pk__in=perms.employer_ids(actor))
            .order_by("pk")
            .first()
        )
    if organisation is None or not perms.can_manage_employer(actor, organisation):
        raise ApplicationError(_("Choose your organisation."), field="organisation")
    message = _text(message, field="message", max_length=1000, required=True)
    if ContactRequest.objects.filter(
        profile=profile,
        organisation=organisation,
        status__in=[ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED],
    ).exists():
        raise ApplicationError(
            _("Your organisation has already contacted this candidate."), field="message"
        )
    contact = ContactRequest.objects.create(
        profile=profile, organisation=organisation, requested_by=actor, message=message
    )
    _contact_request_mail(contact)
    return contact


@transaction.atomic
def contact_request_answer(*, actor, contact_request, accept: bool):
    from profiles.models import ContactRequest

    if not perms.can_answer_contact_request(actor, contact_request):
        raise ApplicationError(_("You cannot answer this request."), code="forbidden")
    if contact_request.status != ContactRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been answered."), code="state")
    contact_request.status = (
        ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    )
    contact_request.answered_at = timezone.now()
    contact_request.save(update_fields=["status", "answered_at"])
    return contact_request


# --- Data access log -----------------------------------------------------------------------


def data_access_record(
    *, subject, accessor, purpose: str, sections, object_ref: str = "", organisation: str = ""
):
    """Record that `accessor` viewed or received `subject`'s data. Written in the request,
    before the data is shown: if the record cannot be written, nothing is shown."""
    from profiles.models import DataAccessLog

    profile = jobseeker_profile_get_or_create(user=subject)
    return DataAccessLog.objects.create(
        subject=subject,
        subject_key=profile.public_id,
        accessor=accessor,
        accessor_role=accessor.role,
        accessor_organisation=organisation[:200],
        purpose=purpose,
        sections=list(sections),
        object_ref=str(object_ref)[:64],
    )


# --- Account deletion ----------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user, actor, password: str) -> None:
    """Delete the jobseeker's account and personal data. Kept, without the link to the person:
    e-service items and decisions of the employment authority (pseudonymised) and the data
    access log (the person's key removed)."""
    from eservices import services as eservice_services

    if not (perms.can_manage_own_data(actor) and actor.pk == user.pk):
        raise ApplicationError(_("You can only delete your own account."), code="forbidden")
    if not user.check_password(password or ""):
        raise ApplicationError(_("The password is wrong."), field="password")
    eservice_services.eservice_items_pseudonymise(user=user)
    from skills.models import SkillSuggestionRun

    for run in SkillSuggestionRun.objects.filter(user=user).exclude(file=""):
        run.file.delete(save=False)
    user.delete()
