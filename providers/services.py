"""Writes for service providers."""

from django.db import transaction
from django.utils.translation import gettext as _

from providers.models import Provider, ProviderMembership
from tori.exceptions import ApplicationError
from tori.validators import business_id_is_valid


@transaction.atomic
def provider_register(
    *, user, name: str, sector: str, business_id: str = "", municipality_code: str = ""
) -> Provider:
    """Self-registration: the provider is created unverified (a platform administrator
    verifies it before it may publish) and the registering user becomes its administrator."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Enter the organisation's name."), field="organisation_name")
    if sector not in Provider.Sector.values:
        raise ApplicationError(_("Choose the organisation's sector."), field="sector")
    business_id = business_id.strip()
    municipality_code = municipality_code.strip()
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
def provider_verify(*, provider: Provider, actor) -> Provider:
    from tori import permissions as perms

    if not perms.is_platform_admin(actor):
        raise ApplicationError(_("Only a platform administrator can verify providers."))
    provider.is_verified = True
    provider.save(update_fields=["is_verified"])
    return provider
