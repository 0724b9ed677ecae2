from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from profiles.models import (
    DataAccessLog,
    EmployerMembership,
    EmployerOrganisation,
    ProfileConsent,
    User,
)


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


class EmployerMembershipInline(admin.TabularInline):
    model = EmployerMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(EmployerOrganisation)
class EmployerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "business_id"]
    search_fields = ["name", "business_id"]
    inlines = [EmployerMembershipInline]


@admin.register(DataAccessLog)
class DataAccessLogAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProfileConsent)
class ProfileConsentAdmin(admin.ModelAdmin):
    list_display = ["given_at", "purpose", "version", "withdrawn_at"]
    list_filter = ["purpose", "version"]
    fields = ["user", "purpose", "scope", "enrolment", "version", "given_at", "withdrawn_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
