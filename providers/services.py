"""Writes for service providers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from providers.models import Provider, ProviderMembership
from tori import permissions as perms
from tori.exceptions import ApplicationError
from tori.validators import business_id_is_valid

CONTACT_FIELDS = ["email", "phone", "website", "street_address", "postal_code", "city"]
TEXT_FIELDS = ["name", "name_sv", "name_en", "description_fi", "description_sv", "description_en"]


def _check_identity(*, sector: str, business_id: str, municipality_code: str) -> None:
    if sector not in Provider.Sector.values:
        raise ApplicationError(_("Choose the organisation's sector."), field="sector")
    if sector == Provider.Sector.PUBLIC:
        if not (municipality_code or business_id):
            raise ApplicationError(
                _("A public body needs a municipality code or a business ID."),
                field="municipality_code",
            )
    elif not business_id:
        raise ApplicationError(_("Enter the organisation's business ID."), field="business_id")
    if business_id and not business_id_is_valid(business_id):
        raise ApplicationError(
            _("Enter a valid Finnish business ID (Y-tunnus) in the form 1234567-8."),
            field="business_id",
        )
    if municipality_code and not (len(municipality_code) == 3 and municipality_code.isdigit()):
        raise ApplicationError(
            _("Enter the three-digit municipality code, for example 837."),
            field="municipality_code",
        )


@transaction.atomic
def provider_register(
    *, user, name: str, sector: str, business_id: str = "", municipality_code: str = ""
) -> Provider:
    """Self-registration: the provider is created unverified (a platform administrator
    verifies it before it may publish) and the registering user becomes its administrator."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Enter the organisation's name."), field="organisation_name")
    business_id = business_id.strip()
    municipality_code = municipality_code.strip()
    _check_identity(sector=sector, business_id=business_id, municipality_code=municipality_code)
    provider = Provider.objects.create(
        name=name,
        sector=sector,
        business_id=business_id,
        municipality_code=municipality_code,
        is_verified=False,
    )
    ProviderMembership.objects.create(
        provider=provider, user=user, role=ProviderMembership.Role.ADMIN
    )
    return provider


@transaction.atomic
def provider_update(*, actor, provider: Provider, data: dict) -> Provider:
    """Names, description, contact details, identity and service areas of a provider.
    Changing the sector or the business ID of a verified provider needs re-verification."""
    from catalog.sanitize import clean_text

    if not perms.can_edit_provider(actor, provider):
        raise ApplicationError(_("You cannot edit this organisation."), code="forbidden")
    for field in TEXT_FIELDS + CONTACT_FIELDS:
        if field in data:
            setattr(provider, field, clean_text(str(data[field] or "")))
    if not provider.name:
        raise ApplicationError(_("Enter the organisation's name."), field="name")
    identity_before = (provider.sector, provider.business_id, provider.municipality_code)
    for field in ("sector", "business_id", "municipality_code"):
        if field in data:
            setattr(provider, field, str(data[field] or "").strip())
    _check_identity(
        sector=provider.sector,
        business_id=provider.business_id,
        municipality_code=provider.municipality_code,
    )
    if provider.postal_code and not (
        len(provider.postal_code) == 5 and provider.postal_code.isdigit()
    ):
        raise ApplicationError(_("Enter a five-digit postal code."), field="postal_code")
    identity_changed = identity_before != (
        provider.sector,
        provider.business_id,
        provider.municipality_code,
    )
    if identity_changed and not perms.is_platform_admin(actor):
        provider.is_verified = False
        provider.verified_at = None
        provider.verified_by = None
    if "is_nationwide" in data:
        provider.is_nationwide = bool(data["is_nationwide"])
    try:
        provider.full_clean(exclude=["regions", "municipalities", "verified_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(messages[0], field=field)
    provider.save()
    if "regions" in data:
        provider.regions.set(data["regions"] or [])
    if "municipalities" in data:
        provider.municipalities.set(data["municipalities"] or [])
    from catalog import services as catalog_services

    catalog_services.services_reindex(provider=provider)
    return provider


@transaction.atomic
def provider_verify(*, provider: Provider, actor) -> Provider:
    if not perms.can_verify_provider(actor, provider):
        raise ApplicationError(_("Only a platform administrator can verify providers."))
    provider.is_verified = True
    provider.verified_at = timezone.now()
    provider.verified_by = actor
    provider.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    return provider


@transaction.atomic
def provider_api_token_rotate(*, user):
    """A new API token for a provider member's own systems (the old one stops working)."""
    from rest_framework.authtoken.models import Token

    if not perms.is_provider_member(user):
        raise ApplicationError(_("Only service provider members can use the write API."))
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)
