from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tori.i18n import localized


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


def _localised(obj, field):
    """The label in the active language or its fallback, with its language (tori.i18n)."""
    return localized(obj, field)


class IscoGroup(models.Model):
    code = models.CharField(max_length=4, primary_key=True)
    uri = models.CharField(max_length=200, unique=True)
    label_en = models.CharField(max_length=300, blank=True)
    label_fi = models.CharField(max_length=300, blank=True)
    label_sv = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")

    @property
    def label(self):
        return _localised(self, "label")

    def __str__(self):
        return f"{self.code} {self.label}"


class EscoSkill(models.Model):
    """An ESCO v1.1 skill or knowledge concept; Swedish labels come from ESCO v1.0.9 and are
    missing for the skills that v1.1 added (see reference/data/esco/README.md)."""

    class SkillType(models.TextChoices):
        SKILL = "skill/competence", _("Skill or competence")
        KNOWLEDGE = "knowledge", _("Knowledge")

    uri = models.CharField(max_length=200, unique=True)
    skill_type = models.CharField(max_length=20, choices=SkillType.choices, blank=True)
    reuse_level = models.CharField(max_length=30, blank=True)
    label_en = models.CharField(max_length=300)
    label_fi = models.CharField(max_length=300, blank=True)
    label_sv = models.CharField(max_length=300, blank=True)
    alt_text_fi = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    description_fi = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ESCO skill")
        verbose_name_plural = _("ESCO skills")

    @property
    def label(self):
        return _localised(self, "label")

    def __str__(self):
        return self.label


class EscoOccupation(models.Model):
    uri = models.CharField(max_length=200, unique=True)
    isco_group = models.ForeignKey(
        IscoGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="occupations"
    )
    label_en = models.CharField(max_length=300)
    label_fi = models.CharField(max_length=300, blank=True)
    label_sv = models.CharField(max_length=300, blank=True)
    alt_labels_en = models.TextField(blank=True, help_text="|-separated")
    alt_labels_fi = models.TextField(blank=True, help_text="|-separated")
    alt_labels_sv = models.TextField(blank=True, help_text="|-separated")
    description_en = models.TextField(blank=True)
    description_fi = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    skills = models.ManyToManyField(
        EscoSkill, through="OccupationSkill", related_name="occupations"
    )

    class Meta:
        verbose_name = _("ESCO occupation")
        verbose_name_plural = _("ESCO occupations")

    @property
    def label(self):
        return _localised(self, "label")

    def __str__(self):
        return self.label


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(EscoOccupation, on_delete=models.CASCADE)
    skill = models.ForeignKey(EscoSkill, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="uniq_occupation_skill")
        ]
