"""Feedback on the accessibility of the service (Act on the Provision of Digital Services
306/2019, section 15: a public digital service must offer a feedback channel)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    message = models.TextField(_("message"))
    email = models.EmailField(_("e-mail for the reply"), blank=True)
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fi")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return self.message[:60]
