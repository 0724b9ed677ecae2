from django.db import models

from tori import permissions as perms


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def of_provider(self, provider):
        return self.filter(provider=provider)

    def visible_to(self, user):
        """Published services for everyone; experts also see outdated ones; provider members
        see every service of their own providers; platform administrators see all."""
        if perms.is_platform_admin(user):
            return self.all()
        if perms.is_expert(user):
            return self.filter(status__in=["published", "outdated"])
        provider_ids = perms.provider_ids(user)
        if provider_ids:
            return self.filter(
                models.Q(status="published") | models.Q(provider_id__in=provider_ids)
            )
        return self.published()


class EnrolmentRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Own requests for the person who sent them; requests to one's own providers for
        provider members; nobody else's (platform administrators included)."""
        if not perms.is_signed_in(user):
            return self.none()
        provider_ids = perms.provider_ids(user)
        return self.filter(models.Q(user=user) | models.Q(service__provider_id__in=provider_ids))
