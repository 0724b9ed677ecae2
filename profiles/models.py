import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tori.validators import validate_business_id


def normalise_email(email) -> str:
    """E-mail addresses are compared and stored in lower case: Someone@Example.fi is the same
    person as someone@example.fi."""
    return (email or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        """Sign-in looks the address up case-insensitively (addresses are stored lower-case)."""
        return self.get(email=normalise_email(username))

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=User.Role.PLATFORM_ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The role decides which part of Tori they use; the
    organisation a member acts for is in EmployerMembership / ProviderMembership, and an
    expert's office in expert.ExpertMembership."""

    class Role(models.TextChoices):
        JOBSEEKER = "jobseeker", _("Jobseeker")
        EMPLOYER = "employer", _("Employer")
        PROVIDER = "provider", _("Service provider")
        EXPERT = "expert", _("Employment expert")
        PLATFORM_ADMIN = "admin", _("Platform administrator")

    class Language(models.TextChoices):
        FI = "fi", _("Finnish")
        SV = "sv", _("Swedish")
        EN = "en", _("English")

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.JOBSEEKER)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FI
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Null while a self-service sign-up waits for its confirmation link (the account is not
    # active until then); accounts made by administrators or commands count as confirmed.
    email_confirmed_at = models.DateTimeField(
        _("e-mail address confirmed"), null=True, blank=True, default=timezone.now
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="uniq_user_email_case_insensitive")
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email


class EmployerOrganisation(models.Model):
    """An employer. Created by the sign-up of its first member, who becomes its
    administrator; it may publish job ads and apply for wage subsidies only once a platform
    administrator has verified it (anyone can type a business ID)."""

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, unique=True, validators=[validate_business_id]
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employer organisation")
        verbose_name_plural = _("employer organisations")

    def __str__(self):
        return self.name


class EmployerMembershipQuerySet(models.QuerySet):
    def active(self):
        """Memberships that let the person act for the organisation."""
        return self.filter(status=EmployerMembership.Status.ACTIVE)

    def pending(self):
        return self.filter(status=EmployerMembership.Status.PENDING)


class EmployerMembership(models.Model):
    """A person's membership of an employer organisation. Only an ACTIVE membership lets
    the person act for the organisation; a sign-up with the business ID of an existing
    organisation asks to join (PENDING) until an administrator of the organisation approves."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        REMOVED = "removed", _("Removed")

    organisation = models.ForeignKey(
        EmployerOrganisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="employer_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = EmployerMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer membership")
        verbose_name_plural = _("employer memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="uniq_employer_member")
        ]


class JobseekerProfileQuerySet(models.QuerySet):
    def published(self):
        """Profiles the jobseeker has published to employers (with a valid consent)."""
        return self.filter(is_published=True, user__is_active=True)


class JobseekerProfile(models.Model):
    """A jobseeker's profile, created lazily by `jobseeker_profile_get_or_create`.

    Mirrors the three parts of a Työmarkkinatori profile: skills (ProfileSkill, ProfileFreeSkill,
    ProfileOccupation), the introduction, and work history and education (WorkExperience,
    Education). Job wishes, languages, licences and cards sit beside them. The situation that
    services target is here too, except the reasons of a partial work ability, which are health
    data and live in WorkAbilityDetails."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="jobseeker_profile")
    # Opaque, stable id shown to employers instead of anything that identifies the person.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    headline = models.CharField(_("headline"), max_length=150, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    home_municipality = models.ForeignKey(
        "reference.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    # Job wishes
    wish_regions = models.ManyToManyField(
        "reference.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    wish_municipalities = models.ManyToManyField(
        "reference.Municipality", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    working_time = models.JSONField(_("working time"), default=list, blank=True)
    continuity = models.JSONField(_("continuity of employment"), default=list, blank=True)
    remote_ok = models.BooleanField(_("remote work suits me"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    driving_licences = models.JSONField(_("driving licences"), default=list, blank=True)
    cards = models.JSONField(_("cards and permits"), default=list, blank=True)
    # The situation that services target
    unemployed_since = models.DateField(_("registered as unemployed since"), null=True, blank=True)
    under_30 = models.BooleanField(_("under 30 years old"), default=False)
    immigrant = models.BooleanField(_("moved to Finland"), default=False)
    partial_work_ability = models.BooleanField(_("partial work ability"), default=False)
    # Denormalised from the active ProfileConsent(purpose=publish); written only by services.
    is_published = models.BooleanField(_("published to employers"), default=False)
    published_sections = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobseekerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobseeker profile")
        verbose_name_plural = _("jobseeker profiles")

    def __str__(self):
        return str(self.user)

    @property
    def pseudonym(self) -> str:
        return self.public_id.hex[:6].upper()

    @property
    def long_term_unemployed(self) -> bool:
        """Unemployed for at least 12 months without a break."""
        if self.unemployed_since is None:
            return False
        return (timezone.localdate() - self.unemployed_since).days >= 365


class ProfileItemSource(models.TextChoices):
    RECOMMENDER = "recommender", _("Skill recommender")
    MANUAL = "manual", _("Added by hand")


class ProfileSkill(models.Model):
    profile = models.ForeignKey(JobseekerProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("reference.EscoSkill", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ProfileItemSource.choices,
        default=ProfileItemSource.MANUAL,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profile skill")
        verbose_name_plural = _("profile skills")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="uniq_profile_skill")
        ]


class ProfileOccupation(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="occupations"
    )
    occupation = models.ForeignKey(
        "reference.EscoOccupation", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ProfileItemSource.choices,
        default=ProfileItemSource.MANUAL,
    )
    evidence = models.TextField(_("evidence"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profile occupation")
        verbose_name_plural = _("profile occupations")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "occupation"], name="uniq_profile_occupation"
            )
        ]


class ProfileFreeSkill(models.Model):
    """A skill the jobseeker wrote in their own words (not an ESCO concept)."""

    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="free_skills"
    )
    name = models.CharField(_("skill"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("free skill")
        verbose_name_plural = _("free skills")

    def __str__(self):
        return self.name


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="work_history"
    )
    title = models.CharField(_("job title"), max_length=150)
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="work_experience_end_after_start",
            )
        ]

    def __str__(self):
        return self.title


class Education(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="education"
    )
    degree = models.CharField(_("qualification or degree"), max_length=150)
    institution = models.CharField(_("educational institution"), max_length=150, blank=True)
    level = models.CharField(_("level of education"), max_length=2, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=True)

    class Meta:
        ordering = ["-end_date", "-pk"]
        verbose_name = _("education")
        verbose_name_plural = _("education")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="education_end_after_start",
            )
        ]

    def __str__(self):
        return self.degree


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=3)
    level = models.CharField(_("level"), max_length=2)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("language skill")
        verbose_name_plural = _("language skills")
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="uniq_profile_language")
        ]

    @property
    def display(self) -> str:
        from profiles import codes

        level = codes.label_for(codes.LANGUAGE_LEVELS, self.level)
        return f"{codes.language_name(self.language)}: {level}"


class WorkAbilityDetails(models.Model):
    """Reasons of a partial work ability. Health data (GDPR art. 9): visible only to the person
    and to the expert handling their case; never in candidate search, employer or provider
    data, logs or analytics."""

    profile = models.OneToOneField(
        JobseekerProfile, on_delete=models.CASCADE, related_name="work_ability"
    )
    reasons = models.TextField(_("reasons and how they affect work"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("work ability details")
        verbose_name_plural = _("work ability details")

    def __repr__(self):
        return f"<WorkAbilityDetails profile={self.profile_id}>"

    def __str__(self):
        return gettext("Work ability details")


class ProfileSection(models.TextChoices):
    """Parts of a profile a jobseeker may share with employers or a provider."""

    CONTACT = "contact", _("Name and contact details")
    SKILLS = "skills", _("Skills")
    OCCUPATIONS = "occupations", _("Occupations sought")
    INTRODUCTION = "introduction", _("Introduction")
    WORK_HISTORY = "work_history", _("Work history")
    EDUCATION = "education", _("Education")
    LANGUAGES = "languages", _("Languages")
    LICENCES = "licences", _("Driving licences, cards and permits")
    WISHES = "wishes", _("Job wishes")
    SITUATION = "situation", _("Situation (for targeting services; no health details)")


# Employers never receive the name or the situation through publication: contact details
# only after the jobseeker accepts a contact request.
PUBLISHABLE_SECTIONS = [
    s for s in ProfileSection.values if s not in (ProfileSection.CONTACT, ProfileSection.SITUATION)
]
SHAREABLE_WITH_PROVIDER = list(ProfileSection.values)

# The lists of a profile as their URLs name them → the profile's relation
PROFILE_ITEM_KINDS = {
    "free-skill": "free_skills",
    "work": "work_history",
    "education": "education",
    "language": "languages",
}

# Personal data kept outside the profile whose reads the data access log records too, with
# the name the person sees in "My data".
DIARY_LOG_SECTION = "diary"  # a service group's diary and guidance (delivery.services.diary)
OTHER_LOGGED_SECTIONS = {DIARY_LOG_SECTION: _("Diary and guidance records of a service")}


class ProfileConsent(models.Model):
    """A consent given by a jobseeker, MyData style: purpose, scope, the version of the text
    they agreed to, when it was given and when withdrawn. A changed scope is a new consent."""

    class Purpose(models.TextChoices):
        PUBLISH = "publish", _("Profile published to employers")
        PROVIDER = "provider", _("Profile shared with a service provider")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="profile_consents")
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    scope = models.JSONField(_("shared parts"), default=list)
    enrolment = models.ForeignKey(
        "catalog.EnrolmentRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="profile_consents",
    )
    version = models.CharField(_("version of the consent text"), max_length=20)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=Q(withdrawn_at__isnull=True, purpose="publish"),
                name="uniq_active_publish_consent",
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(withdrawn_at__isnull=True, purpose="provider"),
                name="uniq_active_provider_consent",
            ),
            models.CheckConstraint(
                condition=Q(purpose="publish", enrolment__isnull=True)
                | Q(purpose="provider", enrolment__isnull=False),
                name="consent_enrolment_matches_purpose",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def scope_labels(self) -> list[str]:
        labels = dict(ProfileSection.choices)
        return [str(labels[s]) for s in self.scope if s in labels]


class ContactRequest(models.Model):
    """An employer asks to get in touch with a pseudonymous candidate."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="contact_requests"
    )
    organisation = models.ForeignKey(
        EmployerOrganisation, on_delete=models.CASCADE, related_name="contact_requests"
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="sent_contact_requests"
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organisation"],
                condition=Q(status__in=["pending", "accepted"]),
                name="uniq_open_contact_request",
            )
        ]


class DataAccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The data access log cannot be changed.")

    def delete(self):
        raise PermissionError("The data access log cannot be deleted.")


class DataAccessLog(models.Model):
    """Who viewed or received a jobseeker's data, and when. Append-only: the application has no
    path to change or delete a row. When the person deletes their account the rows stay, with
    the link to the person removed (`subject` becomes empty, `subject_key` stays opaque)."""

    class Purpose(models.TextChoices):
        EMPLOYER_CANDIDATE = "employer", _("Employer opened your profile after you accepted")
        PROVIDER_ENROLMENT = "provider", _("Service provider viewed the data you shared")
        EXPERT = "expert", _("Employment expert handled your data")
        REFERRAL = "referral", _("Disclosed to a service provider for a referral")

    subject = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="data_access_logs"
    )
    subject_key = models.UUIDField(db_index=True)
    accessor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    accessor_role = models.CharField(max_length=20, choices=User.Role.choices)
    accessor_organisation = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    sections = models.JSONField(default=list)
    object_ref = models.CharField(max_length=64, blank=True)
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = DataAccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("data access log entry")
        verbose_name_plural = _("data access log")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The data access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The data access log cannot be deleted.")

    def section_labels(self) -> list[str]:
        labels = {**dict(ProfileSection.choices), **OTHER_LOGGED_SECTIONS}
        return [str(labels.get(s, s)) for s in self.sections]


class SecondFactorEnrolmentCode(models.Model):
    """A one-time code an administrator gives an expert or a platform administrator so that
    they can connect their first authenticator app. The password alone never binds one.

    Only the SHA-256 of the code is stored (the code is random, 80 bits, so a fast hash is
    enough); it is tied to one user, expires, and is spent when the authenticator is bound."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="second_factor_enrolment_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("authenticator enrolment code")
        verbose_name_plural = _("authenticator enrolment codes")

    def is_usable(self, now=None) -> bool:
        return self.used_at is None and self.expires_at > (now or timezone.now())
