from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tori import permissions as perms


class ToriAdminSite(admin.AdminSite):
    """The platform administrators' site: staff role plus a verified second factor."""

    site_header = _("Tori administration")
    site_title = _("Tori administration")
    index_title = _("Administration")

    def has_permission(self, request):
        return perms.can_use_admin_site(request.user)


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """Records of what happened to people (enrolment requests, participations, attendance,
    diary and guidance entries, employer memberships, consents, the data access log): the
    administrators may see that a record exists, never add, change or delete one. Those
    records change only through their services, which check who may act and keep the history
    (a deleted diary entry or attendance row cannot be restored, and the compensation reports
    are built on them)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyRecordInline(admin.TabularInline):
    """The inline form of ReadOnlyRecordAdmin."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
