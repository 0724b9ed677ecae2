"""Job ads with the fields Työmarkkinatori uses (codes from jobs.codes and the choices below),
jobseekers' saved ads and saved searches with alerts."""

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import localized
from jobs import codes
from jobs.querysets import JobAdQuerySet
from profiles.codes import EDUCATION_LEVELS


class JobAd(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        EXPIRED = "expired", _("Expired")
        CLOSED = "closed", _("Closed")

    class WorkTime(models.TextChoices):  # 7.13 Työaika
        FULL_TIME = "01", _("Full-time")
        PART_TIME = "02", _("Part-time")

    class Continuity(models.TextChoices):  # 7.14 Työn jatkuvuus
        PERMANENT = "01", _("Permanent")
        FIXED_TERM = "02", _("Fixed-term")
        SEASONAL = "0201", _("Seasonal work")
        SUMMER = "0202", _("Summer job")

    class StartType(models.TextChoices):  # 7.12 Työ alkaa
        AS_SOON_AS_POSSIBLE = "01", _("As soon as possible")
        ON_DATE = "02", _("On a given date")
        BY_AGREEMENT = "03", _("By agreement")

    class SalaryBasis(models.TextChoices):  # 7.11 Palkan peruste
        TIME_BASED = "01", _("Time-based pay (for example monthly salary)")
        FIXED = "02", _("Fixed pay, independent of the hours worked")
        PERFORMANCE = "03", _("Performance-based pay (for example commission)")
        FIXED_AND_PERFORMANCE = "04", _("Fixed pay with a performance-based part")
        TIME_AND_PERFORMANCE = "05", _("Time-based pay with a performance-based part")
        TASK = "06", _("Pay for completing an agreed piece of work")
        OTHER = "07", _("Other type of pay")

    class SalaryPeriod(models.TextChoices):
        HOUR = "HOUR", _("per hour")
        MONTH = "MONTH", _("per month")
        YEAR = "YEAR", _("per year")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "profiles.EmployerOrganisation",
        on_delete=models.PROTECT,
        related_name="job_ads",
        verbose_name=_("employer"),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    how_to_apply_fi = models.TextField(_("how to apply, in Finnish"), blank=True)
    how_to_apply_sv = models.TextField(_("how to apply, in Swedish"), blank=True)
    how_to_apply_en = models.TextField(_("how to apply, in English"), blank=True)
    application_url = models.URLField(_("application web address"), blank=True)
    application_email = models.EmailField(_("application e-mail"), blank=True)
    occupation = models.ForeignKey(
        "reference.EscoOccupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_ads",
        verbose_name=_("occupation (ESCO)"),
    )
    skills = models.ManyToManyField(
        "reference.EscoSkill",
        blank=True,
        related_name="job_ads",
        verbose_name=_("required skills (ESCO)"),
    )
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        related_name="job_ads",
        verbose_name=_("municipality"),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    remote = models.BooleanField(_("remote work possible"), default=False)
    work_time = models.CharField(
        _("working time"), max_length=2, choices=WorkTime.choices, default=WorkTime.FULL_TIME
    )
    continuity = models.CharField(
        _("continuity"), max_length=4, choices=Continuity.choices, default=Continuity.PERMANENT
    )
    start_type = models.CharField(
        _("work starts"),
        max_length=2,
        choices=StartType.choices,
        default=StartType.AS_SOON_AS_POSSIBLE,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    salary_basis = models.CharField(
        _("salary basis"), max_length=2, choices=SalaryBasis.choices, blank=True
    )
    salary_min = models.DecimalField(
        _("salary from (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("salary up to (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    salary_period = models.CharField(
        _("salary period"), max_length=5, choices=SalaryPeriod.choices, blank=True
    )
    language_requirements = models.JSONField(
        _("language requirements"),
        default=list,
        blank=True,
        help_text='[{"language": "fi", "level": "B2"}, …] (codes 7.3 and 7.4)',
    )
    education_level = models.CharField(
        _("minimum level of education required"),
        max_length=2,
        choices=EDUCATION_LEVELS,
        blank=True,
        help_text=_("Level of education code (7.6); blank when no education is required."),
    )
    cards_permits = models.JSONField(_("cards and permits"), default=list, blank=True)
    driving_licences = models.JSONField(_("driving licences"), default=list, blank=True)
    application_deadline = models.DateField(_("application deadline"))

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Search index, maintained by jobs.search.index_job_ads (normalised with catalog.text).
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    facet_keys = models.JSONField(default=list, blank=True, editable=False)

    objects = JobAdQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("job ad")
        verbose_name_plural = _("job ads")
        indexes = [
            models.Index(fields=["status", "application_deadline"], name="jobad_status_deadline"),
            models.Index(fields=["status", "-published_at"], name="jobad_status_pub"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(title_fi=""), name="jobad_title_fi_required"),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=F("salary_min")),
                name="jobad_salary_range_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(start_type="02") | Q(start_date__isnull=False),
                name="jobad_start_date_given",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def how_to_apply(self) -> str:
        return localized(self, "how_to_apply")

    def translations(self, field: str) -> dict[str, str]:
        return {lang: getattr(self, f"{field}_{lang}") for lang in codes.AD_LANGUAGES}

    @property
    def ad_languages(self) -> list[str]:
        """Languages the ad is written in (Työmarkkinatori search criterion `kieli`)."""
        return [lang for lang in codes.AD_LANGUAGES if getattr(self, f"title_{lang}")]

    @property
    def valid_through(self) -> datetime.datetime:
        """The end of the deadline day in Finnish time."""
        end = datetime.datetime.combine(self.application_deadline, datetime.time(23, 59, 59))
        return timezone.make_aware(end, timezone.get_default_timezone())

    def is_past_deadline(self, today=None) -> bool:
        return self.application_deadline < (today or timezone.localdate())

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_past_deadline()

    @property
    def is_gone(self) -> bool:
        """Expired, closed, or published past its deadline: answered with 410 Gone."""
        return self.status in (self.Status.EXPIRED, self.Status.CLOSED) or (
            self.status == self.Status.PUBLISHED and self.is_past_deadline()
        )

    @property
    def apply_url(self) -> str:
        if self.application_url:
            return self.application_url
        if self.application_email:
            return f"mailto:{self.application_email}"
        return ""

    def language_requirement_rows(self) -> list[dict]:
        levels = dict(LANGUAGE_LEVEL_CHOICES)
        return [
            {
                "language": codes.language_label(row["language"]),
                "level": str(levels.get(row["level"], row["level"])),
            }
            for row in self.language_requirements
        ]

    def card_permit_labels(self) -> list[str]:
        return [codes.card_permit_label(code) for code in self.cards_permits]

    def driving_licence_labels(self) -> list[str]:
        return [codes.driving_licence_label(code) for code in self.driving_licences]

    # small state changes, called only from jobs.services
    def mark_published(self, *, now) -> None:
        self.status = self.Status.PUBLISHED
        self.published_at = now
        self.expired_at = None
        self.closed_at = None

    def mark_expired(self, *, now) -> None:
        self.status = self.Status.EXPIRED
        self.expired_at = now

    def mark_closed(self, *, now) -> None:
        self.status = self.Status.CLOSED
        self.closed_at = now


# 7.4 Kielitaidon taso
LANGUAGE_LEVEL_CHOICES = [
    ("A1", _("Basic (A1)")),
    ("B1", _("Satisfactory (B1)")),
    ("B2", _("Good (B2)")),
    ("C1", _("Very good (C1)")),
    ("L1", _("Native language")),
]


class JobSearchTerm(models.Model):
    """Vocabulary of indexed job-ad tokens; typo tolerance finds similar terms (pg_trgm)."""

    term = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("job search term")
        verbose_name_plural = _("job search terms")

    def __str__(self):
        return self.term


class SavedJobAd(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_ads"
    )
    job_ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, related_name="saved_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved job ad")
        verbose_name_plural = _("saved job ads")
        constraints = [models.UniqueConstraint(fields=["user", "job_ad"], name="uniq_saved_job_ad")]


class SavedJobSearch(models.Model):
    """A jobseeker's search (the job list's query parameters) with an optional e-mail alert."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_job_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    filters = models.JSONField(_("search"), default=dict)
    alerts_enabled = models.BooleanField(_("e-mail alerts"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved job search")
        verbose_name_plural = _("saved job searches")

    def __str__(self):
        return self.name


class JobAlertDelivery(models.Model):
    """One ad alerted for one saved search; the unique pair makes alerts idempotent."""

    saved_search = models.ForeignKey(
        SavedJobSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    job_ad = models.ForeignKey(JobAd, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("job alert delivery")
        verbose_name_plural = _("job alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "job_ad"], name="uniq_job_alert_delivery"
            )
        ]
