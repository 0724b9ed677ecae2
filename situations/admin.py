"""Platform administrators curate the life-situation packages here."""

from django.contrib import admin

from situations.models import LifeSituation


@admin.register(LifeSituation)
class LifeSituationAdmin(admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "position", "is_published"]
    list_editable = ["position", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name_fi", "name_sv", "name_en", "phrases_fi", "phrases_sv", "phrases_en"]
    filter_horizontal = ["service_types", "target_groups"]
    prepopulated_fields = {"slug": ["name_en"]}
