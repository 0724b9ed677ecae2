from django.contrib import admin

from reference.models import Municipality, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "name_en"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fi", "name_sv", "region"]
    list_filter = ["region"]
    search_fields = ["name_fi", "name_sv", "code"]
