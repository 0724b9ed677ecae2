from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from profiles.models import EmployerMembership, EmployerOrganisation, User


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
