"""Service delivery: groups (cohorts) of a service, their scheduled days, participants,
attendance, the participant's diary and the coach's guidance records, outcomes, and the
outcome-based compensation tariff.

Outcome categories are the expert view's (expert.models.Outcome); delivery modes are the
catalogue's (catalog.models.Service.DeliveryMode)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Service
from expert.models import Outcome

DeliveryMode = Service.DeliveryMode


class ServiceGroup(models.Model):
    """A group (cohort) of a service: e.g. 3 days a week, 4 h a day, for 3 months."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("service"),
    )
    name = models.CharField(_("name of the group"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    # ISO weekdays the group meets on: 1 = Monday … 7 = Sunday.
    weekdays = models.JSONField(_("weekdays"), default=list)
    hours_per_day = models.DecimalField(_("hours a day"), max_digits=3, decimal_places=1)
    delivery_mode = models.CharField(
        _("usual delivery mode"), max_length=10, choices=DeliveryMode.choices
    )
    remote_tools = models.TextField(_("tools for remote sessions"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coached_groups",
        verbose_name=_("coaches"),
        help_text=_("Staff of the provider who work with this group."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="group_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="group_capacity_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def provider_id(self):
        return self.service.provider_id


class GroupSession(models.Model):
    """One scheduled day of a group, with the delivery mode of that day."""

    group = models.ForeignKey(ServiceGroup, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=10, choices=DeliveryMode.choices
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="uniq_group_session_day")
        ]

    def __str__(self):
        return f"{self.group} {self.date.isoformat()}"


class ParticipationQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gte=day))

    def for_providers(self, provider_ids):
        return self.filter(group__service__provider_id__in=provider_ids)


class Participation(models.Model):
    """A person in a group, from an enrolment request or from an expert's referral.

    The outcome is reported by the provider and confirmed by an employment expert."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Taking part")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Interrupted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(ServiceGroup, on_delete=models.PROTECT, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    enrolment = models.ForeignKey(
        "catalog.EnrolmentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    referral = models.ForeignKey(
        "expert.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    # The municipality that pays (the participant's home municipality when they joined).
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_date = models.DateField(_("date of the outcome"), null=True, blank=True)
    outcome_note = models.TextField(_("about the outcome"), blank=True)
    outcome_reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_reported_at = models.DateTimeField(_("outcome reported"), null=True, blank=True)
    outcome_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_confirmed_at = models.DateTimeField(_("outcome confirmed"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["group", "joined_on", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="uniq_group_participant"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="participation_leaves_after_joining",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_date__isnull=False),
                name="participation_outcome_has_date",
            ),
            models.CheckConstraint(
                condition=Q(outcome_confirmed_at__isnull=True) | ~Q(outcome=""),
                name="confirmed_outcome_is_set",
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.pk}"

    def is_taking_part_on(self, day) -> bool:
        """The row-level twin of ParticipationQuerySet.active_on."""
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)

    @property
    def outcome_confirmed(self) -> bool:
        return self.outcome_confirmed_at is not None


class Attendance(models.Model):
    """Attendance of one participant on one scheduled day."""

    class Status(models.TextChoices):
        PRESENT_ON_SITE = "onsite", _("Present on site")
        PRESENT_REMOTELY = "remote", _("Present remotely")
        ABSENT = "absent", _("Absent")

    class AbsenceReason(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        CHILD_ILLNESS = "child_illness", _("Child's illness")
        AGREED = "agreed", _("Agreed absence (e.g. appointment, job interview)")
        UNANNOUNCED = "unannounced", _("Unannounced absence")
        OTHER = "other", _("Other reason")

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    absence_reason = models.CharField(
        _("reason for absence"), max_length=15, choices=AbsenceReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session__date", "participation_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "session"], name="uniq_attendance_per_day"
            ),
            models.CheckConstraint(
                condition=Q(status="absent") | Q(absence_reason=""),
                name="absence_reason_only_when_absent",
            ),
            models.CheckConstraint(
                condition=~Q(status="absent") | ~Q(absence_reason=""),
                name="absence_has_reason",
            ),
        ]


class DiaryEntry(models.Model):
    """The participant's own short diary entry, or the coach's record of daily guidance."""

    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("Diary entry")
        GUIDANCE = "guidance", _("Personal guidance")

    class ContactChannel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone call")
        VIDEO = "video", _("Video call")
        CHAT = "chat", _("Chat or text message")
        NO_CONTACT = "none", _("No contact reached")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="diary_entries"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("entry"), max_length=2000)
    # Guidance records only: did the coach reach the participant, and how.
    contact_made = models.BooleanField(_("contact made"), null=True, blank=True)
    contact_channel = models.CharField(
        _("how"), max_length=10, choices=ContactChannel.choices, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("diary entry")
        verbose_name_plural = _("diary entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="guidance")
                | (Q(contact_made__isnull=True) & Q(contact_channel="")),
                name="diary_contact_only_on_guidance",
            ),
        ]


class CompensationTariff(models.Model):
    """Outcome-based compensation: what a municipality pays a provider per confirmed outcome.

    A tariff without a municipality applies where the municipality has none of its own."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("compensation tariff")
        verbose_name_plural = _("compensation tariffs")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="tariff_valid_period",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from delivery.compensation import validate_tariff_period

        validate_tariff_period(self)


class TariffRate(models.Model):
    tariff = models.ForeignKey(CompensationTariff, on_delete=models.CASCADE, related_name="rates")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)

    class Meta:
        ordering = ["tariff", "outcome"]
        verbose_name = _("tariff rate")
        verbose_name_plural = _("tariff rates")
        constraints = [
            models.UniqueConstraint(fields=["tariff", "outcome"], name="uniq_tariff_rate"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="tariff_rate_not_negative"),
        ]
