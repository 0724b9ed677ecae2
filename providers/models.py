import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tori.validators import validate_business_id


class Provider(models.Model):
    """An organisation that offers employment or skills services.

    ``name`` is the Finnish (primary) name; ``name_sv`` and ``name_en`` are optional
    translations (``localized_name`` picks the active language with a fallback to Finnish)."""

    class Sector(models.TextChoices):
        PUBLIC = "public", _("Public sector")
        PRIVATE = "private", _("Private sector")
        THIRD = "third", _("Third sector")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    business_id = models.CharField(
        _("business ID"), max_length=9, blank=True, validators=[validate_business_id]
    )
    municipality_code = models.CharField(_("municipality code"), max_length=3, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    is_nationwide = models.BooleanField(_("serves the whole country"), default=False)
    regions = models.ManyToManyField(
        "reference.Region", blank=True, related_name="providers", verbose_name=_("regions")
    )
    municipalities = models.ManyToManyField(
        "reference.Municipality",
        blank=True,
        related_name="providers",
        verbose_name=_("municipalities"),
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def localized_name(self) -> str:
        lang = (get_language() or "fi")[:2]
        if lang == "sv" and self.name_sv:
            return self.name_sv
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def localized_description(self) -> str:
        lang = (get_language() or "fi")[:2]
        return getattr(self, f"description_{lang}", "") or self.description_fi

    def names(self) -> dict[str, str]:
        return {"fi": self.name, "sv": self.name_sv, "en": self.name_en}


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
