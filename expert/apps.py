from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertConfig(AppConfig):
    name = "expert"
    verbose_name = _("Expert view")
