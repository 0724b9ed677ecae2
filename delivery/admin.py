"""Service delivery in the platform administrators' site: groups with their days,
participations with their attendance, and the compensation tariffs with their rates."""

from django.contrib import admin

from delivery.models import (
    Attendance,
    CompensationTariff,
    DiaryEntry,
    GroupSession,
    Participation,
    ServiceGroup,
    TariffRate,
)


class GroupSessionInline(admin.TabularInline):
    model = GroupSession
    extra = 0
    fields = ["date", "delivery_mode", "is_cancelled", "note"]
    show_change_link = True


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "starts_on", "ends_on", "delivery_mode", "capacity"]
    list_filter = ["delivery_mode", "service__provider"]
    search_fields = ["name", "service__name", "service__provider__name"]
    date_hierarchy = "starts_on"
    raw_id_fields = ["service"]
    filter_horizontal = ["coaches"]
    readonly_fields = ["uuid", "created_at"]
    inlines = [GroupSessionInline]


@admin.register(GroupSession)
class GroupSessionAdmin(admin.ModelAdmin):
    list_display = ["group", "date", "delivery_mode", "is_cancelled"]
    list_filter = ["delivery_mode", "is_cancelled"]
    search_fields = ["group__name"]
    date_hierarchy = "date"
    raw_id_fields = ["group"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["session", "status", "absence_reason", "note", "recorded_by", "recorded_at"]
    raw_id_fields = ["session", "recorded_by"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["uuid", "group", "municipality", "joined_on", "left_on", "status", "outcome"]
    list_filter = ["status", "outcome", "municipality"]
    search_fields = ["uuid", "group__name"]
    raw_id_fields = [
        "group",
        "user",
        "enrolment",
        "referral",
        "outcome_reported_by",
        "outcome_confirmed_by",
    ]
    readonly_fields = ["uuid", "created_at"]
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["participation", "session", "status", "absence_reason", "recorded_at"]
    list_filter = ["status", "absence_reason"]
    raw_id_fields = ["participation", "session", "recorded_by"]


@admin.register(DiaryEntry)
class DiaryEntryAdmin(admin.ModelAdmin):
    """Diary text is personal data: listed without it."""

    list_display = ["uuid", "participation", "kind", "date", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["participation", "author"]


class TariffRateInline(admin.TabularInline):
    model = TariffRate
    extra = 0


@admin.register(CompensationTariff)
class CompensationTariffAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "valid_from", "valid_until"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    inlines = [TariffRateInline]
