"""Life-situation packages curated by platform administrators: the services and e-services
that fit "I lost my job", "I moved to Finland", … with the phrases people use for them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from catalog.models import localized

# E-services a package may point at: code → (URL name, label).
ESERVICES = {
    "registration": ("eservices:registration", _("Register as an unemployed jobseeker")),
    "wage-subsidy": ("eservices:wage-subsidy", _("Apply for wage subsidy (employers)")),
    "skills-profile": ("skills:suggest-text", _("Describe your skills in your own words")),
}


def validate_eservice_codes(value) -> None:
    if not isinstance(value, list) or any(code not in ESERVICES for code in value):
        raise ValidationError(
            _("Use a list of these codes: %(codes)s.") % {"codes": ", ".join(ESERVICES)}
        )


class LifeSituation(models.Model):
    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    phrases_fi = models.TextField(
        _("keywords and example phrases in Finnish"),
        blank=True,
        help_text=_("One keyword or example phrase per line, as people would write it."),
    )
    phrases_sv = models.TextField(_("keywords and example phrases in Swedish"), blank=True)
    phrases_en = models.TextField(_("keywords and example phrases in English"), blank=True)
    service_types = models.ManyToManyField(
        "catalog.TaxonomyTerm",
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy": "service_type"},
        verbose_name=_("service types"),
    )
    target_groups = models.ManyToManyField(
        "catalog.TaxonomyTerm",
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy": "target_group"},
        verbose_name=_("target groups"),
    )
    eservices = models.JSONField(
        _("e-services"),
        default=list,
        blank=True,
        validators=[validate_eservice_codes],
        help_text=_("Codes: registration, wage-subsidy, skills-profile."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_fi=""), name="situation_name_fi")
        ]

    def __str__(self):
        return self.name_fi

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def phrases(self) -> dict[str, list[str]]:
        return {
            lang: [line.strip() for line in getattr(self, f"phrases_{lang}").splitlines()]
            for lang in ("fi", "sv", "en")
        }

    def catalog_query(self) -> str:
        """The catalogue search for this package: its service types, else its target groups
        (the catalogue combines different filters with AND, values of one filter with OR)."""
        types = [("type", t.code) for t in self.service_types.all()]
        groups = [("target_group", g.code) for g in self.target_groups.all()]
        return urlencode(types or groups)

    def eservice_links(self) -> list[tuple[str, str]]:
        return [ESERVICES[code][:2] for code in self.eservices if code in ESERVICES]
