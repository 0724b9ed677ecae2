"""Writes for accounts and employer organisations."""

from django.db import transaction
from django.utils.translation import gettext as _

from profiles.models import EmployerMembership, EmployerOrganisation, User
from providers import services as provider_services
from tori.exceptions import ApplicationError

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
