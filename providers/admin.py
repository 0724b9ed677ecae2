from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from providers import services
from providers.models import Provider, ProviderMembership


class ProviderMembershipInline(admin.TabularInline):
    model = ProviderMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "sector",
        "business_id",
        "municipality_code",
        "is_verified",
        "created_at",
    ]
    list_filter = ["sector", "is_verified"]
    search_fields = ["name", "name_sv", "name_en", "business_id"]
    readonly_fields = ["uuid", "is_verified", "verified_at", "verified_by"]
    filter_horizontal = ["regions", "municipalities"]
    inlines = [ProviderMembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Verify the selected providers"))
    def verify(self, request, queryset):
        for provider in queryset:
            services.provider_verify(provider=provider, actor=request.user)
        self.message_user(request, _("Providers verified."), messages.SUCCESS)
