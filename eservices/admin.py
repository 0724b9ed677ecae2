from django.contrib import admin

from eservices.models import EserviceItem


@admin.register(EserviceItem)
class EserviceItemAdmin(admin.ModelAdmin):
    """Read-only: items change only through the e-service services (and the expert view)."""

    list_display = ["reference", "kind", "status", "submitted_at", "decided_at"]
    list_filter = ["kind", "status"]
    search_fields = ["reference"]
    fields = ["reference", "kind", "status", "submitted_at", "decided_at", "pseudonymised_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
