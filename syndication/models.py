"""Job ads from everywhere, posted once: partner feeds imported into jobs.JobAd with their
provenance, near-duplicates shown once, and partners that publish for employers.

The jobs models are not changed: provenance (JobAdSource), duplicate links (JobAdDuplicate)
and partner-written ads (PartnerJobAd) point at jobs.JobAd from here."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerFeed(models.Model):
    class Kind(models.TextChoices):
        JSONLD_PAGE = "jsonld_page", _("Web page with schema.org JobPosting (JSON-LD)")
        SITEMAP = "sitemap", _("Sitemap of job-ad pages with JSON-LD")
        JSON_FEED = "json_feed", _("Tori JSON job feed")

    class Status(models.TextChoices):
        NEVER = "never", _("Not run yet")
        OK = "ok", _("OK")
        PARTIAL = "partial", _("Imported with errors")
        FAILED = "failed", _("Failed")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    url = models.URLField(_("address"), max_length=500)
    enabled = models.BooleanField(_("enabled"), default=True)
    timeout_seconds = models.PositiveSmallIntegerField(_("timeout (seconds)"), default=20)
    max_bytes = models.PositiveIntegerField(
        _("largest accepted response (bytes)"), default=10_000_000
    )
    max_pages = models.PositiveIntegerField(_("most pages read from a sitemap"), default=500)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_status = models.CharField(
        _("last status"), max_length=8, choices=Status.choices, default=Status.NEVER
    )
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partner feed")
        verbose_name_plural = _("partner feeds")

    def __str__(self):
        return self.name


class FeedRun(models.Model):
    """One import of one feed with its per-feed error report."""

    feed = models.ForeignKey(PartnerFeed, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=8, choices=PartnerFeed.Status.choices, default=PartnerFeed.Status.NEVER
    )
    items = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    expired = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"item": id or "", "error": text}]

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("feed run")
        verbose_name_plural = _("feed runs")

    def __str__(self):
        return f"{self.feed} {self.started_at:%Y-%m-%d %H:%M}"


class ImportedOrganisation(models.Model):
    """An employer organisation created by an import (not verified by anyone). Its business ID
    is the one the feed gave, or a placeholder "X" + 8 hex digits when the feed gave none
    (never a valid Y-tunnus, so it cannot collide with a real organisation)."""

    organisation = models.OneToOneField(
        "profiles.EmployerOrganisation", on_delete=models.CASCADE, related_name="imported"
    )
    feed = models.ForeignKey(PartnerFeed, on_delete=models.SET_NULL, null=True, related_name="+")
    has_placeholder_business_id = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported organisation")
        verbose_name_plural = _("imported organisations")


class JobAdSource(models.Model):
    """Where an imported ad came from: the feed, the ad's id and address there, when it was
    first and last seen, and when it left the feed."""

    job_ad = models.ForeignKey("jobs.JobAd", on_delete=models.CASCADE, related_name="sources")
    feed = models.ForeignKey(PartnerFeed, on_delete=models.CASCADE, related_name="sources")
    original_id = models.CharField(max_length=500)
    original_url = models.URLField(max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    gone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job-ad source")
        verbose_name_plural = _("job-ad sources")
        constraints = [
            models.UniqueConstraint(fields=["feed", "original_id"], name="uniq_jobad_source")
        ]
        indexes = [models.Index(fields=["feed", "last_seen"], name="jobadsource_feed_seen")]

    def __str__(self):
        return f"{self.feed}: {self.original_id}"


class JobAdDuplicate(models.Model):
    """`job_ad` is a near-duplicate of `canonical`: listings show only the canonical ad, whose
    page lists the others' sources ("also published at")."""

    job_ad = models.OneToOneField(
        "jobs.JobAd", on_delete=models.CASCADE, related_name="duplicate_link"
    )
    canonical = models.ForeignKey(
        "jobs.JobAd", on_delete=models.CASCADE, related_name="duplicate_links"
    )
    similarity = models.FloatField()
    detected_at = models.DateTimeField()

    class Meta:
        verbose_name = _("duplicate job ad")
        verbose_name_plural = _("duplicate job ads")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(job_ad=models.F("canonical")), name="duplicate_not_self"
            )
        ]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerClient(models.Model):
    """A recruitment firm or ATS that publishes ads for the employers who authorised it.
    Only a SHA-256 of its token is stored."""

    name = models.CharField(_("name"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("token begins"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partner client")
        verbose_name_plural = _("partner clients")

    def __str__(self):
        return self.name

    @staticmethod
    def new_token() -> str:
        return "tori_" + secrets.token_urlsafe(32)


class PartnerAuthorisation(models.Model):
    """An employer organisation lets a partner publish its job ads."""

    partner = models.ForeignKey(
        PartnerClient, on_delete=models.CASCADE, related_name="authorisations"
    )
    organisation = models.ForeignKey(
        "profiles.EmployerOrganisation",
        on_delete=models.CASCADE,
        related_name="partner_authorisations",
    )
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner authorisation")
        verbose_name_plural = _("partner authorisations")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "organisation"], name="uniq_partner_authorisation"
            )
        ]


class PartnerJobAd(models.Model):
    """An ad a partner wrote through the partner API, under the partner's own id for it."""

    partner = models.ForeignKey(PartnerClient, on_delete=models.CASCADE, related_name="job_ads")
    job_ad = models.OneToOneField(
        "jobs.JobAd", on_delete=models.CASCADE, related_name="partner_link"
    )
    external_id = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "external_id"], name="uniq_partner_external_id"
            )
        ]
