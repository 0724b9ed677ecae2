"""The service catalogue: services aligned with Open Referral HSDS 3.0, their taxonomy,
locations and areas, and the enrolment requests people send to providers."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.querysets import EnrolmentRequestQuerySet, ServiceQuerySet
from tori import i18n

LANGUAGE_CHOICES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("se", _("Northern Sami")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("uk", _("Ukrainian")),
    ("fa", _("Persian")),
]
LANGUAGE_CODES = [code for code, _label in LANGUAGE_CHOICES]


def localized(obj, field: str) -> str:
    """`field` in the active language, falling back to Finnish, then English (tori.i18n)."""
    return i18n.localized(obj, field)


class TaxonomyTerm(models.Model):
    """A term of one of Tori's own taxonomies (served as HSDS taxonomy_terms)."""

    class Taxonomy(models.TextChoices):
        SERVICE_TYPE = "service_type", _("Service type")
        TARGET_GROUP = "target_group", _("Target group")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.CharField(_("taxonomy"), max_length=20, choices=Taxonomy.choices)
    code = models.SlugField(_("code"), max_length=40)
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["taxonomy", "position", "code"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="uniq_taxonomy_code"),
            models.CheckConstraint(
                condition=~Q(code__contains="-") & ~Q(code__contains="_"),
                name="taxonomy_code_alphanumeric",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Service(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        OUTDATED = "outdated", _("Outdated")
        ARCHIVED = "archived", _("Archived")

    class DeliveryMode(models.TextChoices):
        ON_SITE = "onsite", _("On site")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid")

    class Funding(models.TextChoices):
        PUBLIC = "public", _("Publicly funded")
        MARKET = "market", _("Market-based")

    class DurationUnit(models.TextChoices):
        DAYS = "days", _("days")
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("provider"),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    summary_fi = models.CharField(_("summary in Finnish"), max_length=300, blank=True)
    summary_sv = models.CharField(_("summary in Swedish"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    service_type = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="typed_services",
        limit_choices_to={"taxonomy": TaxonomyTerm.Taxonomy.SERVICE_TYPE},
        verbose_name=_("service type"),
    )
    target_groups = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="targeted_services",
        limit_choices_to={"taxonomy": TaxonomyTerm.Taxonomy.TARGET_GROUP},
        verbose_name=_("target groups"),
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=10,
        choices=DeliveryMode.choices,
        default=DeliveryMode.ON_SITE,
    )
    is_nationwide = models.BooleanField(_("available nationwide"), default=False)
    regions = models.ManyToManyField(
        "reference.Region", blank=True, related_name="services", verbose_name=_("regions")
    )
    municipalities = models.ManyToManyField(
        "reference.Municipality",
        blank=True,
        related_name="services",
        verbose_name=_("municipalities"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    schedule_fi = models.CharField(_("schedule in Finnish"), max_length=300, blank=True)
    schedule_sv = models.CharField(_("schedule in Swedish"), max_length=300, blank=True)
    schedule_en = models.CharField(_("schedule in English"), max_length=300, blank=True)
    days_per_week = models.PositiveSmallIntegerField(_("days per week"), null=True, blank=True)
    hours_per_day = models.DecimalField(
        _("hours per day"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    duration_value = models.PositiveSmallIntegerField(_("duration"), null=True, blank=True)
    duration_unit = models.CharField(
        _("duration unit"), max_length=6, choices=DurationUnit.choices, blank=True
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    price_terms_fi = models.CharField(_("price terms in Finnish"), max_length=300, blank=True)
    price_terms_sv = models.CharField(_("price terms in Swedish"), max_length=300, blank=True)
    price_terms_en = models.CharField(_("price terms in English"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    enrolment_starts = models.DateField(_("enrolment starts"), null=True, blank=True)
    enrolment_ends = models.DateField(_("enrolment ends"), null=True, blank=True)
    funding = models.CharField(
        _("funding"), max_length=10, choices=Funding.choices, default=Funding.PUBLIC
    )
    esco_skills = models.ManyToManyField(
        "reference.EscoSkill", blank=True, related_name="services", verbose_name=_("ESCO skills")
    )
    esco_occupations = models.ManyToManyField(
        "reference.EscoOccupation",
        blank=True,
        related_name="services",
        verbose_name=_("ESCO occupations"),
    )
    how_to_enrol_fi = models.TextField(_("how to enrol in Finnish"), blank=True)
    how_to_enrol_sv = models.TextField(_("how to enrol in Swedish"), blank=True)
    how_to_enrol_en = models.TextField(_("how to enrol in English"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    url = models.URLField(_("web page"), blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    outdated_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Search index, maintained by catalog.search.index_service (see catalog/text.py).
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    facet_keys = models.JSONField(default=list, blank=True, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["status", "-published_at"], name="service_status_pub")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(price__isnull=True), name="free_service_no_price"
            ),
            models.CheckConstraint(
                condition=Q(enrolment_ends__isnull=True)
                | Q(enrolment_starts__isnull=True)
                | Q(enrolment_ends__gte=F("enrolment_starts")),
                name="enrolment_period_ordered",
            ),
            models.CheckConstraint(condition=~Q(name_fi=""), name="service_name_fi_required"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def schedule(self) -> str:
        return localized(self, "schedule")

    @property
    def price_terms(self) -> str:
        return localized(self, "price_terms")

    @property
    def how_to_enrol(self) -> str:
        return localized(self, "how_to_enrol")

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_open_for_enrolment(self) -> bool:
        today = timezone.localdate()
        if self.enrolment_starts and today < self.enrolment_starts:
            return False
        return not (self.enrolment_ends and today > self.enrolment_ends)

    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.languages]

    def translations(self, field: str) -> dict[str, str]:
        return {lang: getattr(self, f"{field}_{lang}") for lang in ("fi", "sv", "en")}

    # Plain-language (selkokieli / lättläst) summary, shown on the detail page on request.
    plain_summary_fi = models.TextField(_("plain-language summary in Finnish"), blank=True)
    plain_summary_sv = models.TextField(_("plain-language summary in Swedish"), blank=True)
    plain_summary_en = models.TextField(_("plain-language summary in English"), blank=True)

    @property
    def plain_summary(self) -> str:
        return localized(self, "plain_summary")


class ServiceLocation(models.Model):
    """Where a service is delivered (an HSDS location of type physical)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=5)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_locations",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")

    def __str__(self):
        return f"{self.street_address}, {self.postal_code} {self.city}"


class SearchTerm(models.Model):
    """Vocabulary of indexed tokens; typo tolerance looks up similar terms here (pg_trgm)."""

    term = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term


class FacetSet(models.Model):
    """A distinct set of facet keys, space-separated and sorted (PostgreSQL search).

    Each service points at three of them (target groups, areas, the rest), so that facet
    counting groups the matching services by three small integers and expands only the few
    hundred distinct sets into keys, instead of unnesting every key of every match."""

    keys = models.TextField(unique=True)

    def __str__(self):
        return self.keys


class ServiceSearchEntry(models.Model):
    """Narrow PostgreSQL copy of a service's search columns, for the catalogue query.

    Kept in sync by a database trigger on catalog_service (migration 0003) from
    ``status``, ``published_at``, ``search_vector`` and ``facet_keys``, so every write path
    (services, bulk updates, raw SQL) updates it. The table stores its tsvectors out of line
    (``toast_tuple_target``), so a heap row is about 100 bytes and a query matching a third
    of the catalogue reads a thousand pages instead of the wide service rows. Unused on
    other databases."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    status = models.CharField(max_length=10)
    published_at = models.DateTimeField(null=True)
    target_group_set = models.IntegerField()
    area_set = models.IntegerField()
    other_set = models.IntegerField()
    names = SearchVectorField(null=True)  # the name (weight A) lexemes, for relevance
    document = SearchVectorField(null=True)

    def __str__(self):
        return str(self.service_id)


class EnrolmentRequest(models.Model):
    """'I'm interested': a person asks a provider to be enrolled in a service."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="enrolment_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_requests"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enrolment request")
        verbose_name_plural = _("enrolment requests")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "user"],
                condition=Q(status__in=["new", "accepted"]),
                name="uniq_open_enrolment_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.service}"
