import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExpertOffice(models.Model):
    """An employment office or municipal unit; its experts serve customers of its area."""

    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(
        "reference.Municipality", related_name="expert_offices", verbose_name=_("municipalities")
    )

    class Meta:
        verbose_name = _("expert office")
        verbose_name_plural = _("expert offices")

    def __str__(self):
        return self.name


class ExpertMembership(models.Model):
    office = models.ForeignKey(ExpertOffice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_memberships"
    )
    is_team_lead = models.BooleanField(_("team lead"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "user"], name="uniq_expert_member")
        ]


class Outcome(models.TextChoices):
    """Where the customer went, in the categories of the Vates study."""

    OPEN_LABOUR_MARKET = "open_market", _("Open labour market")
    EDUCATION = "education", _("Education")
    EMPLOYMENT_SERVICE = "service", _("Employment service")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    OTHER = "other", _("Other (retirement, etc.)")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Case.Status.OPEN)

    def in_municipalities(self, codes):
        return self.filter(profile__home_municipality_id__in=codes)

    def visible_to(self, user):
        """Cases an expert may see, as a queryset: those of customers whose home municipality
        is in the expert's area (the rule of tori.permissions.can_view_case)."""
        from tori import permissions as perms

        return self.in_municipalities(perms.expert_area(user))


class Case(models.Model):
    """A customer relationship between a jobseeker and an office of their home area. Personal
    data of the customer is shown to experts only through a case."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Shown to experts and written to the access log as the purpose; never a name or an id code.
    reference = models.CharField(_("case reference"), max_length=20, unique=True)
    profile = models.ForeignKey(
        "profiles.JobseekerProfile", on_delete=models.CASCADE, related_name="cases"
    )
    office = models.ForeignKey(ExpertOffice, on_delete=models.PROTECT, related_name="cases")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_cases",
        verbose_name=_("responsible expert"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_date = models.DateField(_("date of the outcome"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["profile"], condition=Q(status="open"), name="uniq_open_case_per_profile"
            ),
            models.CheckConstraint(
                condition=Q(status="open")
                | (Q(closed_at__isnull=False) & ~Q(outcome="") & Q(outcome_date__isnull=False)),
                name="closed_case_has_outcome",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ServiceNeedAssessment(models.Model):
    """The structured service need assessment (palvelutarvearvio) of a case. Health details
    are not written here: the reasons of a partial work ability stay in the profile."""

    class WorkAbility(models.TextChoices):
        FULL = "full", _("Full work ability")
        PARTIAL = "partial", _("Partial work ability")
        UNCLEAR = "unclear", _("Needs to be assessed")

    class Barrier(models.TextChoices):
        SKILLS = "skills", _("Skills do not match the jobs available")
        LANGUAGE = "language", _("Finnish or Swedish language skills")
        HEALTH = "health", _("Health or work ability")
        LIFE = "life", _("Life situation (housing, finances, care duties)")
        MOBILITY = "mobility", _("Travel or mobility")
        DIGITAL = "digital", _("Digital skills")
        MOTIVATION = "motivation", _("Motivation or confidence")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    work_ability = models.CharField(
        _("work ability"), max_length=10, choices=WorkAbility.choices, default=WorkAbility.UNCLEAR
    )
    skills = models.TextField(_("skills and strengths"), blank=True)
    barriers = models.JSONField(_("barriers to employment"), default=list, blank=True)
    barriers_note = models.TextField(_("more about the barriers"), blank=True)
    agreed_goal = models.TextField(_("agreed goal"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed"), default=timezone.now)

    class Meta:
        verbose_name = _("service need assessment")
        verbose_name_plural = _("service need assessments")

    def barrier_labels(self) -> list[str]:
        labels = dict(self.Barrier.choices)
        return [str(labels[b]) for b in self.barriers if b in labels]


class Plan(models.Model):
    """A plan agreed with the customer; the customer sees it on their "My plan" page."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", _("Employment plan")
        ACTIVATION = "activation", _("Activation plan")
        MULTISECTOR = "multisector", _("Multi-sector employment plan")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("type of plan"), max_length=12, choices=Kind.choices)
    goal = models.TextField(_("goal"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")


class PlanTask(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    due_date = models.DateField(_("deadline"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "created_at"]
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return (
            not self.is_done
            and self.due_date is not None
            and (self.due_date < timezone.localdate())
        )


class CaseNote(models.Model):
    """An internal journal note (muistiinpano); never shown to the customer or providers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")


class ReferralQuerySet(models.QuerySet):
    def visible_to_provider(self, provider_ids):
        """Referrals the customer accepted, for the providers of the services."""
        return self.filter(
            service__provider_id__in=provider_ids,
            status__in=[
                Referral.Status.ACCEPTED,
                Referral.Status.STARTED,
                Referral.Status.COMPLETED,
                Referral.Status.INTERRUPTED,
            ],
        )


class Referral(models.Model):
    """Palveluohjaus: proposed by the expert → accepted by the customer → started →
    completed or interrupted (with an outcome)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by the customer")
        DECLINED = "declined", _("Declined by the customer")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Interrupted")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    message = models.TextField(_("message to the customer"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    # The customer's choice when accepting: may the provider see their first name?
    share_first_name = models.BooleanField(_("first name shared with the provider"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["completed", "interrupted"]) | ~Q(outcome=""),
                name="ended_referral_has_outcome",
            )
        ]


class JobOffer(models.Model):
    """Työtarjous: the expert offers a job ad to the customer, who answers on "My plan"."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        INTERESTED = "interested", _("The customer will apply")
        DECLINED = "declined", _("Declined by the customer")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="job_offers")
    job_ad = models.ForeignKey("jobs.JobAd", on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message to the customer"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offered_at = models.DateTimeField(_("offered"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        constraints = [
            models.UniqueConstraint(fields=["case", "job_ad"], name="uniq_job_offer_per_case")
        ]
