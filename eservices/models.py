"""E-service applications. Each submission is a case item that the employment authority's
experts process: received → in processing → approved / rejected (with a reason)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

AVAILABILITY = [
    ("full_time", _("Full-time work")),
    ("part_time", _("Part-time work")),
    ("either", _("Full-time or part-time work")),
]


class EserviceItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            status__in=[EserviceItem.Status.RECEIVED, EserviceItem.Status.PROCESSING]
        )

    def in_expert_area(self, user):
        """Items of the expert's area, by the rule of tori.permissions.eservice_item_municipality:
        an item about a person by their home municipality, a wage subsidy application by its
        workplace municipality."""
        from tori import permissions as perms

        return self.in_municipalities(perms.expert_area(user))

    def in_municipalities(self, codes):
        codes = list(codes)
        if not codes:
            return self.none()
        return self.filter(
            Q(subject__isnull=False, subject__jobseeker_profile__home_municipality_id__in=codes)
            | Q(subject__isnull=True, municipality_id__in=codes)
        )

    def visible_to(self, user):
        """What ``tori.permissions.can_view_eservice_item`` allows, as a queryset: the
        applicant's, the subject's and the employer organisation's own items, and for an
        expert the items of their area."""
        from tori import permissions as perms

        if not perms.is_signed_in(user):
            return self.none()
        own = self.filter(
            Q(applicant=user) | Q(subject=user) | Q(organisation_id__in=perms.employer_ids(user))
        )
        area = self.in_expert_area(user)
        return self.filter(Q(pk__in=own.values("pk")) | Q(pk__in=area.values("pk")))


class EserviceItem(models.Model):
    class Kind(models.TextChoices):
        UNEMPLOYMENT_REGISTRATION = "registration", _("Registration as an unemployed jobseeker")
        WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy application")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSING = "processing", _("In processing")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    REFERENCE_PREFIX = {Kind.UNEMPLOYMENT_REGISTRATION: "TH", Kind.WAGE_SUBSIDY: "PT"}

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Unique, shown to the applicant; assigned once by the submitting service.
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    number = models.PositiveIntegerField(unique=True)
    kind = models.CharField(_("e-service"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eservice_applications",
    )
    # The jobseeker the item concerns when they are a Tori user (the registration's applicant).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eservice_items_about",
    )
    organisation = models.ForeignKey(
        "profiles.EmployerOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="eservice_items",
    )
    # Wage subsidy applications: the municipality of the workplace, which decides the
    # employment area (the experts) handling the application. Items about a person belong
    # to the person's home municipality instead (tori.permissions.eservice_item_municipality).
    municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality of the workplace"),
    )
    data = models.JSONField(_("application"), default=dict)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eservice_items_handled",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    pseudonymised_at = models.DateTimeField(null=True, blank=True)

    objects = EserviceItemQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-number"]
        verbose_name = _("e-service item")
        verbose_name_plural = _("e-service items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="eservice_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind="wage_subsidy")
                | Q(organisation__isnull=False)
                | Q(pseudonymised_at__isnull=False),
                name="eservice_wage_subsidy_has_organisation",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_decided(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.REJECTED)

    @property
    def availability_label(self) -> str:
        value = self.data.get("availability", "")
        return str(dict(AVAILABILITY).get(value, value))
