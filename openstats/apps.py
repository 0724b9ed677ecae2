from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenstatsConfig(AppConfig):
    name = "openstats"
    verbose_name = _("Open statistics")
