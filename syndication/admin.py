"""Platform administrators manage partner feeds and partner clients here; imported data is
read-only."""

from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from syndication import services
from syndication.models import FeedRun, JobAdSource, PartnerClient, PartnerFeed


@admin.register(PartnerFeed)
class PartnerFeedAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url", "enabled", "last_run_at", "last_status"]
    list_filter = ["kind", "enabled", "last_status"]
    search_fields = ["name", "url"]
    readonly_fields = ["last_run_at", "last_status", "last_error", "created_at"]
    actions = ["import_now"]

    @admin.action(description=_("Import now"))
    def import_now(self, request, queryset):
        for feed in queryset:
            run = services.feed_import(feed=feed)
            self.message_user(
                request,
                f"{feed.name}: {run.get_status_display()} ({run.created} + {run.updated} / "
                f"{run.items}, {len(run.errors)} errors)",
                messages.SUCCESS if run.status == "ok" else messages.WARNING,
            )


@admin.register(FeedRun)
class FeedRunAdmin(admin.ModelAdmin):
    list_display = ["feed", "started_at", "status", "items", "created", "updated", "expired"]
    list_filter = ["status", "feed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(JobAdSource)
class JobAdSourceAdmin(admin.ModelAdmin):
    list_display = ["original_id", "feed", "job_ad", "first_seen", "last_seen", "gone_at"]
    list_filter = ["feed"]
    search_fields = ["original_id", "original_url"]
    list_select_related = ["feed", "job_ad"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PartnerClient)
class PartnerClientAdmin(admin.ModelAdmin):
    list_display = ["name", "token_prefix", "is_active", "created_at"]
    fields = ["name", "contact_email", "is_active", "token_prefix"]
    readonly_fields = ["token_prefix"]
    actions = ["rotate_token"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        partner, token = services.partner_client_create(
            actor=request.user, name=obj.name, contact_email=obj.contact_email
        )
        obj.pk = partner.pk
        self.message_user(
            request,
            gettext("Token of %(partner)s (shown only now): %(token)s")
            % {"partner": partner.name, "token": token},
            messages.WARNING,
        )

    @admin.action(description=_("Issue a new token"))
    def rotate_token(self, request, queryset):
        for partner in queryset:
            token = services.partner_client_rotate_token(actor=request.user, partner=partner)
            self.message_user(
                request,
                gettext("Token of %(partner)s (shown only now): %(token)s")
                % {"partner": partner.name, "token": token},
                messages.WARNING,
            )
