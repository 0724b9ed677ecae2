from django.db import models
from django.utils import timezone


class JobAdQuerySet(models.QuerySet):
    def listed(self, *, today=None):
        """Published ads whose application period has not ended. Evaluated at read time, so an
        ad past its deadline is never listed even before the expiry task has run."""
        today = today or timezone.localdate()
        return self.filter(status="published", application_deadline__gte=today)

    def past_deadline(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(status="published", application_deadline__lt=today)

    def of_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)
