from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tori.validators import validate_business_id


class Provider(models.Model):
    """An organisation that offers employment or skills services."""

    class Sector(models.TextChoices):
        PUBLIC = "public", _("Public sector")
        PRIVATE = "private", _("Private sector")
        THIRD = "third", _("Third sector")

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    municipality_code = models.CharField(_("municipality code"), max_length=3, blank=True)
    is_verified = models.BooleanField(_("verified"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self):
        return self.name


class ProviderMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "user"], name="uniq_provider_member")
        ]
