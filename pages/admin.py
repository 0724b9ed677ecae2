from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pages import services
from pages.models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "language", "page_url", "email", "handled_at"]
    list_filter = ["language", "handled_at"]
    search_fields = ["message", "page_url", "email"]
    readonly_fields = [
        "message",
        "email",
        "page_url",
        "language",
        "user",
        "created_at",
        "handled_at",
    ]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark as handled"))
    def mark_handled(self, request, queryset):
        for feedback in queryset:
            services.accessibility_feedback_mark_handled(actor=request.user, feedback=feedback)
