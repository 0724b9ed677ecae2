from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tori.validators import validate_business_id


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

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

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email


class EmployerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"), max_length=9, unique=True, validators=[validate_business_id]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employer organisation")
        verbose_name_plural = _("employer organisations")

    def __str__(self):
        return self.name


class EmployerMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        EmployerOrganisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="employer_memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="uniq_employer_member")
        ]


class JobseekerProfile(models.Model):
    """A jobseeker's profile, created lazily by `jobseeker_profile_get_or_create`."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="jobseeker_profile")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jobseeker profile")
        verbose_name_plural = _("jobseeker profiles")

    def __str__(self):
        return str(self.user)


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
