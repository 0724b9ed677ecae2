"""Writes for accounts and employer organisations."""

import hashlib
import secrets
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from matching import services as matching_services
from profiles import codes
from profiles.models import (
    PROFILE_ITEM_KINDS,
    EmployerMembership,
    EmployerOrganisation,
    User,
    normalise_email,
)
from providers import services as provider_services
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.mail import mail_send_after_commit

SELF_SERVICE_ROLES = {User.Role.JOBSEEKER, User.Role.EMPLOYER, User.Role.PROVIDER}


class _SignUpConfirmationTokens(PasswordResetTokenGenerator):
    """Links that confirm a sign-up's e-mail address: valid for PASSWORD_RESET_TIMEOUT, and
    only until the account is confirmed or its password changes."""

    key_salt = "profiles.services.sign_up_confirmation"

    def _make_hash_value(self, user, timestamp):
        return (
            f"{user.pk}{user.password}{user.email}{user.is_active}"
            f"{user.email_confirmed_at}{timestamp}"
        )


sign_up_confirmation_tokens = _SignUpConfirmationTokens()


def _is_unconfirmed(user: User) -> bool:
    return not user.is_active and user.email_confirmed_at is None


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
    send_mail_to_existing: bool = True,
) -> User | None:
    """Create a self-service account, inactive until the link mailed to the address is
    followed. Experts and administrators are never self-registered: their accounts are
    created by a platform administrator.

    The answer must not tell whether the address already has an account. So for a known
    address the same steps run (same checks, same errors, same password hashing) in a
    savepoint that is rolled back, and the address's owner gets a mail instead: the
    confirmation link again while that account is unconfirmed, otherwise "someone tried to
    register with your address" with links to sign in and to reset the password
    (``send_mail_to_existing=False`` when the caller's rate limit says no). Returns the new
    account, or None for a known address."""
    if role not in SELF_SERVICE_ROLES:
        raise ApplicationError(_("This kind of account cannot be created here."), field="role")
    email = normalise_email(email)
    existing = User.objects.filter(email=email).first()
    with transaction.atomic():
        user = User.objects.create_user(
            email=email if existing is None else f"sign-up-{uuid.uuid4().hex}@invalid",
            password=password,
            role=role,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_language=preferred_language,
            is_active=False,
            email_confirmed_at=None,
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
        if existing is not None:
            transaction.set_rollback(True)  # nothing of this sign-up is kept
    if existing is not None:
        if send_mail_to_existing:
            transaction.on_commit(partial(_send_sign_up_mail, existing.pk))
        return None
    transaction.on_commit(partial(_send_sign_up_mail, user.pk))
    return user


def _send_sign_up_mail(user_id) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    site = settings.TORI_SITE_URL
    with translation.override(user.preferred_language):
        if _is_unconfirmed(user):
            link = reverse(
                "accounts:signup-confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": sign_up_confirmation_tokens.make_token(user),
                },
            )
            subject = _("Confirm your e-mail address for Tori")
            body = _(
                "Hello,\n\nan account was created in Tori with this e-mail address. Confirm "
                "the address at this link, then sign in with your e-mail address and "
                "password:\n\n%(url)s\n\nThe link is valid for 24 hours. If you did not "
                "create an account, ignore this message: the account is not taken into use."
            ) % {"url": f"{site}{link}"}
        else:
            subject = _("Someone tried to create a Tori account with your address")
            body = _(
                "Hello,\n\nsomeone tried to create a new Tori account with this e-mail "
                "address. You already have an account, so no new one was created.\n\nIf it "
                "was you, sign in here: %(sign_in)s\nForgot your password? Choose a new one "
                "here: %(reset)s\n\nIf it was not you, you need not do anything: your "
                "account and password stay as they are."
            ) % {
                "sign_in": f"{site}{reverse('accounts:login')}",
                "reset": f"{site}{reverse('accounts:password-reset')}",
            }
    mail_send_after_commit(subject=subject, body=body, to=[user.email])


@transaction.atomic
def user_email_confirm(*, user: User) -> User:
    """The sign-up's address is confirmed (its confirmation link, or a password reset link,
    was followed): the account is taken into use."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
        for membership_id in user.employer_memberships.pending().values_list("pk", flat=True):
            transaction.on_commit(partial(_membership_request_mail, membership_id=membership_id))
    return user


def user_password_reset_done(*, user: User) -> None:
    """After a new password was set through a reset link: the address is proven, so an
    unconfirmed sign-up is confirmed, and the account's sign-in lockout is lifted."""
    from axes.handlers.proxy import AxesProxyHandler

    user_email_confirm(user=user)
    AxesProxyHandler.reset_attempts(username=user.email)


@transaction.atomic
def employer_organisation_join_or_create(*, user: User, name: str, business_id: str):
    """Sign-up of an employer. A new business ID creates an unverified organisation with the
    person as its first administrator (a platform administrator verifies it before it may
    publish). A known business ID only asks to join: the membership waits (PENDING) until an
    administrator of the organisation approves it, and the administrators are told by e-mail.
    Returns the membership."""
    organisation, created = EmployerOrganisation.objects.get_or_create(
        business_id=business_id.strip(), defaults={"name": name.strip()}
    )
    if created:
        return EmployerMembership.objects.create(
            organisation=organisation,
            user=user,
            role=EmployerMembership.Role.ADMIN,
            status=EmployerMembership.Status.ACTIVE,
            decided_at=timezone.now(),
        )
    membership, _created = EmployerMembership.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={
            "role": EmployerMembership.Role.MEMBER,
            "status": EmployerMembership.Status.PENDING,
        },
    )
    if membership.status == EmployerMembership.Status.PENDING and user.is_active:
        # an unconfirmed sign-up's request reaches the administrators once the address is
        # confirmed (user_email_confirm): nobody is bothered by a request nobody stands for
        transaction.on_commit(partial(_membership_request_mail, membership_id=membership.pk))
    return membership


def _site_url(path: str) -> str:
    return settings.TORI_SITE_URL.rstrip("/") + path


def _membership_request_mail(*, membership_id: int) -> None:
    """Tell the organisation's administrators (or, when it has none, the platform
    administrators) that someone asks to join. Only the requester's name and e-mail."""
    membership = (
        EmployerMembership.objects.select_related("organisation", "user")
        .filter(pk=membership_id, status=EmployerMembership.Status.PENDING)
        .first()
    )
    if membership is None:
        return
    organisation = membership.organisation
    admins = [
        m.user
        for m in organisation.memberships.active()
        .filter(role=EmployerMembership.Role.ADMIN, user__is_active=True)
        .select_related("user")
    ]
    if admins:
        url = _site_url(reverse("jobs:organisation-members", args=[organisation.pk]))
    else:
        admins = list(
            User.objects.filter(role=User.Role.PLATFORM_ADMIN, is_active=True, is_staff=True)
        )
        url = _site_url(reverse("admin:profiles_employermembership_changelist"))
    for admin in admins:
        with translation.override(admin.preferred_language or settings.LANGUAGE_CODE):
            subject = _("%(name)s asks to join %(organisation)s in Tori") % {
                "name": membership.user.get_full_name(),
                "organisation": organisation.name,
            }
            body = _(
                "%(name)s (%(email)s) created an employer account in Tori with the business ID "
                "of %(organisation)s and asks to act for it. They cannot see anything of the "
                "organisation until an administrator approves the request. If you do not know "
                "this person, reject the request: %(url)s"
            ) % {
                "name": membership.user.get_full_name(),
                "email": membership.user.email,
                "organisation": organisation.name,
                "url": url,
            }
        mail_send_after_commit(subject=subject, body=body, to=[admin.email])


def _membership_decided_mail(*, membership_id: int) -> None:
    membership = (
        EmployerMembership.objects.select_related("organisation", "user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or membership.status not in (
        EmployerMembership.Status.ACTIVE,
        EmployerMembership.Status.REJECTED,
    ):
        return
    user = membership.user
    context = {"organisation": membership.organisation.name}
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        if membership.status == EmployerMembership.Status.ACTIVE:
            subject = _("You can now act for %(organisation)s in Tori") % context
            body = _(
                "An administrator of %(organisation)s approved your request. You can now "
                "manage its job ads in Tori: %(url)s"
            ) % {**context, "url": _site_url(reverse("jobs:employer-dashboard"))}
        else:
            subject = _("Your request to join %(organisation)s was not approved") % context
            body = (
                _(
                    "An administrator of %(organisation)s did not approve your request to act for "
                    "the organisation in Tori."
                )
                % context
            )
    mail_send_after_commit(subject=subject, body=body, to=[user.email])


def _membership_for_update(membership: EmployerMembership) -> EmployerMembership:
    return (
        EmployerMembership.objects.select_for_update()
        .select_related("organisation")
        .get(pk=membership.pk)
    )


def _active_admin_count(organisation: EmployerOrganisation) -> int:
    return (
        EmployerMembership.objects.select_for_update()
        .filter(
            organisation=organisation,
            status=EmployerMembership.Status.ACTIVE,
            role=EmployerMembership.Role.ADMIN,
        )
        .count()
    )


@transaction.atomic
def employer_membership_approve(*, actor, membership: EmployerMembership) -> EmployerMembership:
    """An administrator of the organisation lets a person who asked to join act for it. A
    platform administrator approving the first member of an organisation without
    administrators makes them its administrator."""
    membership = _membership_for_update(membership)
    if membership.status != EmployerMembership.Status.PENDING:
        raise ApplicationError(_("This request has already been handled."), code="state")
    if not perms.can_decide_employer_membership(actor, membership):
        raise ApplicationError(
            _("Only the organisation's administrators can approve members."), code="forbidden"
        )
    if not perms.is_employer_admin(actor, membership.organisation):
        membership.role = EmployerMembership.Role.ADMIN
    membership.status = EmployerMembership.Status.ACTIVE
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["role", "status", "decided_at", "decided_by"])
    transaction.on_commit(partial(_membership_decided_mail, membership_id=membership.pk))
    return membership


@transaction.atomic
def employer_membership_reject(*, actor, membership: EmployerMembership) -> EmployerMembership:
    membership = _membership_for_update(membership)
    if membership.status != EmployerMembership.Status.PENDING:
        raise ApplicationError(_("This request has already been handled."), code="state")
    if not perms.can_decide_employer_membership(actor, membership):
        raise ApplicationError(
            _("Only the organisation's administrators can approve members."), code="forbidden"
        )
    membership.status = EmployerMembership.Status.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    transaction.on_commit(partial(_membership_decided_mail, membership_id=membership.pk))
    return membership


@transaction.atomic
def employer_membership_set_role(
    *, actor, membership: EmployerMembership, role: str
) -> EmployerMembership:
    """Make a member an administrator or an administrator a member. The last administrator
    cannot step down."""
    membership = _membership_for_update(membership)
    if not (
        perms.can_change_employer_member(actor, membership)
        and perms.can_manage_employer_members(actor, membership.organisation)
    ):
        raise ApplicationError(
            _("Only the organisation's administrators can change members."), code="forbidden"
        )
    if role not in EmployerMembership.Role.values:
        raise ApplicationError(_("Unknown role."), field="role")
    if (
        membership.role == EmployerMembership.Role.ADMIN
        and role != EmployerMembership.Role.ADMIN
        and _active_admin_count(membership.organisation) <= 1
    ):
        raise ApplicationError(
            _(
                "The organisation needs at least one administrator. Make another member an "
                "administrator first."
            ),
            field="role",
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def employer_membership_remove(*, actor, membership: EmployerMembership) -> EmployerMembership:
    """An administrator removes a member (or a member leaves). The row stays, marked
    REMOVED, so the person cannot ask to join again without an administrator adding them.
    The last administrator cannot leave."""
    membership = _membership_for_update(membership)
    if not perms.can_change_employer_member(actor, membership):
        raise ApplicationError(
            _("Only the organisation's administrators can change members."), code="forbidden"
        )
    if (
        membership.role == EmployerMembership.Role.ADMIN
        and _active_admin_count(membership.organisation) <= 1
    ):
        raise ApplicationError(
            _(
                "The organisation needs at least one administrator. Make another member an "
                "administrator first."
            )
        )
    membership.status = EmployerMembership.Status.REMOVED
    membership.role = EmployerMembership.Role.MEMBER
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "role", "decided_at", "decided_by"])
    return membership


@transaction.atomic
def employer_organisation_verify(*, actor, organisation: EmployerOrganisation):
    """A platform administrator has checked that the organisation is who it says it is;
    from now on its members may publish job ads and apply for wage subsidies."""
    if not perms.can_verify_employer_organisation(actor, organisation):
        raise ApplicationError(
            _("Only a platform administrator can verify organisations."), code="forbidden"
        )
    organisation.is_verified = True
    organisation.verified_at = timezone.now()
    organisation.verified_by = actor
    organisation.save(update_fields=["is_verified", "verified_at", "verified_by"])
    return organisation


def employer_unverified_error(organisation: EmployerOrganisation) -> ApplicationError:
    """Why an unverified organisation cannot publish or apply (one message everywhere)."""
    return ApplicationError(
        _(
            "%(organisation)s has not been verified by the Tori administrators yet. Until it "
            "is, you can prepare job ad drafts but cannot publish job ads or apply for wage "
            "subsidies."
        )
        % {"organisation": organisation.name},
        code="unverified",
    )


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    if language not in User.Language.values:
        raise ApplicationError(_("Unknown language."), field="language")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


ENROLMENT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
ENROLMENT_CODE_LENGTH = 16  # 32**16 = 2**80


def _enrolment_code_invalid_message() -> str:
    return _("The enrolment code is not valid or has expired. Ask an administrator for a new one.")


def _enrolment_code_hash(code: str) -> str:
    normalised = "".join(ch for ch in str(code or "").upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


@transaction.atomic
def second_factor_enrolment_code_issue(*, account: User, actor: User | None) -> str:
    """A new one-time code with which `account` connects their first authenticator; returns
    the code, which is shown once and stored only hashed. Earlier unused codes of the account
    stop working. `actor` is the administrator; None means the server console (the
    `issue_enrolment_code` management command)."""
    from profiles.models import SecondFactorEnrolmentCode

    if actor is not None and not perms.can_issue_second_factor_enrolment_code(actor, account):
        raise ApplicationError(
            _("Only platform administrators issue enrolment codes."), code="forbidden"
        )
    if not (account.is_active and perms.uses_second_factor(account)):
        raise ApplicationError(
            _("Only experts and platform administrators use an authenticator app.")
        )
    now = timezone.now()
    SecondFactorEnrolmentCode.objects.filter(user=account, used_at__isnull=True).delete()
    raw = "".join(secrets.choice(ENROLMENT_CODE_ALPHABET) for _i in range(ENROLMENT_CODE_LENGTH))
    SecondFactorEnrolmentCode.objects.create(
        user=account,
        code_hash=_enrolment_code_hash(raw),
        issued_by=actor,
        created_at=now,
        expires_at=now + timedelta(hours=settings.TORI_SECOND_FACTOR_ENROLMENT_HOURS),
    )
    return "-".join(raw[i : i + 4] for i in range(0, ENROLMENT_CODE_LENGTH, 4))


def second_factor_enrolment_code_get(*, user: User, code: str):
    """The usable enrolment code of `user` matching `code`, or None."""
    from profiles.models import SecondFactorEnrolmentCode

    found = SecondFactorEnrolmentCode.objects.filter(
        user=user, code_hash=_enrolment_code_hash(code)
    ).first()
    return found if found is not None and found.is_usable() else None


@transaction.atomic
def second_factor_enrolment_start(*, user: User, code: str):
    """Check the enrolment code and give the user a fresh authenticator key to scan (any
    earlier unconfirmed key is thrown away). Returns the code's row; the code is spent only
    when the authenticator is confirmed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    enrolment = second_factor_enrolment_code_get(user=user, code=code)
    if enrolment is None:
        raise ApplicationError(
            _enrolment_code_invalid_message(),
            field="code",
        )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return enrolment


@transaction.atomic
def second_factor_device_for_setup(*, user: User):
    """The unconfirmed authenticator (TOTP) device the user is setting up, created once."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


@transaction.atomic
def second_factor_confirm_setup(*, user: User, token: str, enrolment_code_id: int | None):
    """Confirm the device being set up with its first code; returns the device or None.

    Needs the enrolment code the user entered in this session: still unused, unexpired and
    theirs. Confirming spends it, so one code binds one authenticator."""
    from profiles.models import SecondFactorEnrolmentCode

    enrolment = (
        SecondFactorEnrolmentCode.objects.select_for_update()
        .filter(pk=enrolment_code_id, user=user)
        .first()
        if enrolment_code_id
        else None
    )
    if enrolment is None or not enrolment.is_usable():
        raise ApplicationError(
            _enrolment_code_invalid_message(),
            code="enrolment_code",
        )
    device = second_factor_device_for_setup(user=user)
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    enrolment.used_at = timezone.now()
    enrolment.save(update_fields=["used_at"])
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
