from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillSuggestionRun(models.Model):
    """One analysis of a jobseeker's text or CV: its state, its suggestions and what the
    jobseeker decided about each. The uploaded file is deleted once it has been read."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Analysing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        TEXT = "text", _("Text")
        FILE = "file", _("CV file")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Added to profile")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_suggestion_runs"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(max_length=2, blank=True)
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="skills/cv/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    result = models.JSONField(default=list, blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("skill suggestion run")
        verbose_name_plural = _("skill suggestion runs")

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def error_message(self):
        from skills.messages import error_message

        return error_message(self.error_code) if self.error_code else ""
