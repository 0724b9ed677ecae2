"""Job ads in the admin, read-only: employers write them through jobs.services. Saved searches
are not in the admin: their names and filters are a jobseeker's own words, which the platform
administrator has no reason to read."""

from django.contrib import admin

from jobs.models import JobAd


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
