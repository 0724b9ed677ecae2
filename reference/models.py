from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LocalisedNameMixin(models.Model):
    name_fi = models.CharField(max_length=200)
    name_sv = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self):
        lang = (get_language() or "fi")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_fi

    def __str__(self):
        return self.name


class Region(LocalisedNameMixin):
    code = models.CharField(max_length=2, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Municipality(LocalisedNameMixin):
    code = models.CharField(max_length=3, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class PostalCode(LocalisedNameMixin):
    code = models.CharField(max_length=5, primary_key=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="postal_codes"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
