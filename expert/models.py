from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertOffice(models.Model):
    """An employment office or municipal unit; its experts serve customers of its area."""

    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(
        "reference.Municipality", related_name="expert_offices", verbose_name=_("municipalities")
    )

    class Meta:
        verbose_name = _("expert office")
        verbose_name_plural = _("expert offices")

    def __str__(self):
        return self.name


class ExpertMembership(models.Model):
    office = models.ForeignKey(ExpertOffice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_memberships"
    )
    is_team_lead = models.BooleanField(_("team lead"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "user"], name="uniq_expert_member")
        ]
