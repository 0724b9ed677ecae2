from django.contrib import admin

from expert.models import ExpertMembership, ExpertOffice


class ExpertMembershipInline(admin.TabularInline):
    model = ExpertMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(ExpertOffice)
class ExpertOfficeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["municipalities"]
    inlines = [ExpertMembershipInline]
