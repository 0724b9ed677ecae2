"""Moderation in the admin: platform administrators publish or return submitted services.
Service content is edited by providers (catalog.services), so the admin shows it read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog import services
from catalog.models import EnrolmentRequest, Service, TaxonomyTerm
from tori.admin_site import ReadOnlyRecordAdmin
from tori.exceptions import ApplicationError


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["code", "taxonomy", "name_fi", "name_sv", "name_en", "position"]
    list_filter = ["taxonomy"]
    search_fields = ["code", "name_fi", "name_sv", "name_en"]
    readonly_fields = ["uuid"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "provider", "service_type", "status", "submitted_at", "confirmed_at"]
    list_filter = ["status", "service_type", "delivery_mode", "provider__sector"]
    search_fields = ["name_fi", "name_sv", "name_en", "provider__name"]
    list_select_related = ["provider", "service_type"]
    actions = ["publish", "return_to_draft"]
    exclude = ["search_vector", "search_document", "facet_keys"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.concrete_fields if f.name not in self.exclude] + [
            "target_groups",
            "regions",
            "municipalities",
        ]

    def _run(self, request, queryset, function, success, **kwargs):
        done = 0
        for service in queryset.select_related("provider"):
            try:
                function(actor=request.user, service=service, **kwargs)
            except ApplicationError as error:
                self.message_user(request, f"{service}: {error.message}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, success % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected submitted services"))
    def publish(self, request, queryset):
        self._run(
            request, queryset, services.service_publish, gettext("%(count)d services published.")
        )

    @admin.action(description=_("Return to draft: not about work or skill development"))
    def return_to_draft(self, request, queryset):
        self._run(
            request,
            queryset,
            services.service_reject,
            gettext("%(count)d services returned to draft."),
            note=gettext(
                "The catalogue only lists services related to working life or skill development."
            ),
        )


@admin.register(EnrolmentRequest)
class EnrolmentRequestAdmin(ReadOnlyRecordAdmin):
    """Which requests exist and their state; the person's message to the provider is theirs
    and the provider's, and is not shown here."""

    list_display = ["service", "user", "status", "created_at"]
    list_filter = ["status"]
    fields = ["service", "user", "status", "created_at", "decided_at"]
    readonly_fields = fields
