from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ToriConfig(AppConfig):
    default = True
    name = "tori"
    verbose_name = "Tori"


class ToriAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "tori.admin_site.ToriAdminSite"
