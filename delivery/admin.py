"""Service delivery in the platform administrators' site: groups with their days,
participations with their attendance, and the compensation tariffs with their rates.

The admin is for maintenance: what people wrote about a person (diary and guidance texts,
outcome and attendance notes) and reasons for absence (health data) are never shown here;
they are read only through the delivery pages, which log the access."""

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
from tori.admin_site import ReadOnlyRecordAdmin, ReadOnlyRecordInline


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


# Free text and health data about a participant, kept out of the admin.
ATTENDANCE_PERSONAL_FIELDS = ["absence_reason", "note"]
PARTICIPATION_PERSONAL_FIELDS = ["outcome_note"]


class AttendanceInline(ReadOnlyRecordInline):
    model = Attendance
    fields = ["session", "status", "recorded_by", "recorded_at"]
    raw_id_fields = ["session", "recorded_by"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyRecordAdmin):
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
    exclude = PARTICIPATION_PERSONAL_FIELDS
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyRecordAdmin):
    list_display = ["participation", "session", "status", "recorded_at"]
    list_filter = ["status"]
    raw_id_fields = ["participation", "session", "recorded_by"]
    exclude = ATTENDANCE_PERSONAL_FIELDS


@admin.register(DiaryEntry)
class DiaryEntryAdmin(ReadOnlyRecordAdmin):
    """Which entries exist, never what they say: the text is the participant's diary or the
    coach's guidance record. Entries are written only through the delivery services."""

    list_display = ["uuid", "participation", "kind", "date", "created_at"]
    list_filter = ["kind"]
    fields = [
        "uuid",
        "participation",
        "kind",
        "date",
        "contact_made",
        "contact_channel",
        "author",
        "created_at",
    ]
    readonly_fields = fields


class TariffRateInline(admin.TabularInline):
    model = TariffRate
    extra = 0


@admin.register(CompensationTariff)
class CompensationTariffAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "valid_from", "valid_until"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    inlines = [TariffRateInline]
