"""Job ads and saved searches in the admin, read-only: employers and jobseekers write them
through jobs.services."""

from django.contrib import admin

from jobs.models import JobAd, SavedJobSearch


@admin.register(JobAd)
class JobAdAdmin(admin.ModelAdmin):
    list_display = ["title_fi", "organisation", "municipality", "status", "application_deadline"]
    list_filter = ["status", "work_time", "continuity", "remote"]
    search_fields = ["title_fi", "title_sv", "title_en", "organisation__name"]
    list_select_related = ["organisation", "municipality"]
    exclude = ["search_vector", "search_document", "facet_keys"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SavedJobSearch)
class SavedJobSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "alerts_enabled", "created_at", "last_alerted_at"]
    list_filter = ["alerts_enabled"]
    fields = ["name", "filters", "alerts_enabled", "created_at", "last_alerted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
