from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Service catalogue")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from catalog.models import TaxonomyTerm
        from catalog.selectors import forget_reference_names
        from reference.models import Municipality, Region

        # the filter panel caches these names (cache invalidation: a decoupled concern)
        for model in (TaxonomyTerm, Region, Municipality):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_reference_names, sender=model, dispatch_uid=f"catalog-names-{model}"
                )
