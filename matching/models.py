"""Stored recommendations and the feedback people give on them.

A recommendation links one subject (a jobseeker profile, a job ad or an employer
organisation) to one target (a service, a job ad or a profile) through explicit nullable
foreign keys; ``kind`` says which pair it is. Rows are replaced whenever the subject is
recomputed. Feedback is kept apart, so that it survives recomputation and can be used to
evaluate the model."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SERVICE = "service", _("Service")
    JOB = "job", _("Job")
    CANDIDATE = "candidate", _("Candidate")


# kind → (subject fields allowed, target field)
SUBJECT_FIELDS = ("subject_profile", "subject_job_ad", "subject_organisation")
TARGET_FIELDS = {
    Kind.SERVICE: "target_service",
    Kind.JOB: "target_job_ad",
    Kind.CANDIDATE: "target_profile",
}


def _exactly_one(fields) -> Q:
    condition = Q()
    for field in fields:
        others = {f"{other}__isnull": True for other in fields if other != field}
        condition |= Q(**{f"{field}__isnull": False}, **others)
    return condition


class RecommendationLinks(models.Model):
    """The subject and target foreign keys shared by recommendations and feedback."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    subject_profile = models.ForeignKey(
        "profiles.JobseekerProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    subject_job_ad = models.ForeignKey(
        "jobs.JobAd", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_organisation = models.ForeignKey(
        "profiles.EmployerOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_service = models.ForeignKey(
        "catalog.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_job_ad = models.ForeignKey(
        "jobs.JobAd", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_profile = models.ForeignKey(
        "profiles.JobseekerProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.subject_profile or self.subject_job_ad or self.subject_organisation

    @property
    def target(self):
        return getattr(self, TARGET_FIELDS[self.kind])

    @property
    def target_id(self):
        return getattr(self, f"{TARGET_FIELDS[self.kind]}_id")


def _kind_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=_exactly_one(SUBJECT_FIELDS), name=f"{prefix}_one_subject"
        ),
        models.CheckConstraint(
            condition=Q(
                kind=Kind.SERVICE,
                target_service__isnull=False,
                target_job_ad__isnull=True,
                target_profile__isnull=True,
                subject_job_ad__isnull=True,
            )
            | Q(
                kind=Kind.JOB,
                target_job_ad__isnull=False,
                target_service__isnull=True,
                target_profile__isnull=True,
                subject_profile__isnull=False,
            )
            | Q(
                kind=Kind.CANDIDATE,
                target_profile__isnull=False,
                target_service__isnull=True,
                target_job_ad__isnull=True,
                subject_job_ad__isnull=False,
            ),
            name=f"{prefix}_target_matches_kind",
        ),
    ]


class Recommendation(RecommendationLinks):
    score = models.FloatField(_("score"))
    factors = models.JSONField(_("factors"), default=list)  # [{"code", "points", "detail"}]
    algorithm_version = models.CharField(max_length=20)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["subject_profile", "kind", "-score"], name="rec_profile_kind"),
            models.Index(fields=["subject_job_ad", "kind", "-score"], name="rec_job_kind"),
            models.Index(fields=["subject_organisation", "kind", "-score"], name="rec_org_kind"),
        ]
        constraints = [
            *_kind_constraints("rec"),
            models.UniqueConstraint(
                fields=["subject_profile", "target_service"],
                condition=Q(subject_profile__isnull=False, target_service__isnull=False),
                name="uniq_rec_profile_service",
            ),
            models.UniqueConstraint(
                fields=["subject_profile", "target_job_ad"],
                condition=Q(subject_profile__isnull=False, target_job_ad__isnull=False),
                name="uniq_rec_profile_job",
            ),
            models.UniqueConstraint(
                fields=["subject_job_ad", "target_profile"],
                condition=Q(subject_job_ad__isnull=False, target_profile__isnull=False),
                name="uniq_rec_job_profile",
            ),
            models.UniqueConstraint(
                fields=["subject_organisation", "target_service"],
                condition=Q(subject_organisation__isnull=False, target_service__isnull=False),
                name="uniq_rec_organisation_service",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.score:.1f}"


class RecommendationFeedback(RecommendationLinks):
    """'Save' or 'Not for me' on a recommendation. Append-only; the latest row for a subject
    and target is the one in force. Score, factors and version are copied from the
    recommendation as it was shown, for offline evaluation."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        DISMISSED = "dismissed", _("Dismissed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    score = models.FloatField(null=True, blank=True)
    factors = models.JSONField(default=list, blank=True)
    algorithm_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("recommendation feedback")
        verbose_name_plural = _("recommendation feedback")
        constraints = _kind_constraints("recfb")

    def __str__(self):
        return f"{self.action} {self.kind}"
