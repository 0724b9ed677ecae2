"""Accounts in the platform administrators' site. The admin is for maintenance: it never
shows second-factor secrets (authenticator keys, otpauth:// links, backup codes) nor API
tokens, and it binds no authenticator itself; it issues one-time enrolment codes."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from profiles import services
from profiles.models import (
    DataAccessLog,
    EmployerMembership,
    EmployerOrganisation,
    ProfileConsent,
    User,
)
from tori.admin_site import ReadOnlyRecordAdmin
from tori.exceptions import ApplicationError


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Role"), {"fields": ("role", "is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )
    actions = ["issue_enrolment_code"]

    @admin.action(description=_("Issue an authenticator enrolment code"))
    def issue_enrolment_code(self, request, queryset):
        for account in queryset:
            try:
                code = services.second_factor_enrolment_code_issue(
                    account=account, actor=request.user
                )
            except ApplicationError as error:
                self.message_user(request, f"{account.email}: {error.message}", messages.WARNING)
                continue
            self.message_user(
                request,
                gettext(
                    "Enrolment code of %(email)s (shown only now, valid %(hours)d hours, works "
                    "once): %(code)s"
                )
                % {
                    "email": account.email,
                    "hours": settings.TORI_SECOND_FACTOR_ENROLMENT_HOURS,
                    "code": code,
                },
                messages.WARNING,
            )


# --- Second-factor devices: which exist, never their secrets ----------------------------------

for _model in (TOTPDevice, StaticDevice, TokenProxy):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class SecondFactorDeviceAdmin(admin.ModelAdmin):
    """An administrator sees which devices a person has and removes a lost one (the person
    then connects a new app with an enrolment code); keys, otpauth:// links and backup codes
    are never shown, and no device is added or changed here."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TOTPDevice, SecondFactorDeviceAdmin)
admin.site.register(StaticDevice, SecondFactorDeviceAdmin)


class EmployerMembershipInline(admin.TabularInline):
    model = EmployerMembership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "status", "requested_at", "decided_at", "decided_by"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]


@admin.register(EmployerOrganisation)
class EmployerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "business_id", "is_verified", "created_at"]
    list_filter = ["is_verified"]
    search_fields = ["name", "business_id"]
    readonly_fields = ["is_verified", "verified_at", "verified_by"]
    inlines = [EmployerMembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Verify the selected employer organisations"))
    def verify(self, request, queryset):
        for organisation in queryset:
            services.employer_organisation_verify(actor=request.user, organisation=organisation)
        self.message_user(request, _("Employer organisations verified."), messages.SUCCESS)


@admin.register(EmployerMembership)
class EmployerMembershipAdmin(ReadOnlyRecordAdmin):
    """Requests to join an organisation that has no administrator wait for a platform
    administrator (the organisation's own administrators decide the others in Tori).
    Memberships change only through the approve and reject actions (the membership services,
    which check and record who decided); rows are never added or deleted here, so the history
    of who could act for an organisation stays."""

    list_display = ["user", "organisation", "role", "status", "requested_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "organisation__name", "organisation__business_id"]
    fields = ["user", "organisation", "role", "status", "requested_at", "decided_at", "decided_by"]
    readonly_fields = fields
    actions = ["approve", "reject"]

    def _decide(self, request, queryset, service):
        done = 0
        for membership in queryset.select_related("organisation"):
            try:
                service(actor=request.user, membership=membership)
            except ApplicationError as error:
                self.message_user(request, f"{membership.user}: {error.message}", messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=_("Approve the selected membership requests"))
    def approve(self, request, queryset):
        if self._decide(request, queryset, services.employer_membership_approve):
            self.message_user(request, _("Membership requests approved."), messages.SUCCESS)

    @admin.action(description=_("Reject the selected membership requests"))
    def reject(self, request, queryset):
        if self._decide(request, queryset, services.employer_membership_reject):
            self.message_user(request, _("Membership requests rejected."), messages.SUCCESS)


@admin.register(DataAccessLog)
class DataAccessLogAdmin(ReadOnlyRecordAdmin):
    """Read-only: the log is append-only and written by the application only."""

    list_display = ["accessed_at", "purpose", "accessor_role", "accessor_organisation"]
    list_filter = ["purpose", "accessor_role"]
    fields = [
        "accessed_at",
        "subject_key",
        "accessor",
        "accessor_role",
        "accessor_organisation",
        "purpose",
        "sections",
        "object_ref",
    ]
    readonly_fields = fields


@admin.register(ProfileConsent)
class ProfileConsentAdmin(ReadOnlyRecordAdmin):
    list_display = ["given_at", "purpose", "version", "withdrawn_at"]
    list_filter = ["purpose", "version"]
    fields = ["user", "purpose", "scope", "enrolment", "version", "given_at", "withdrawn_at"]
    readonly_fields = fields
