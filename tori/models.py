from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingTask(models.Model):
    """The outbox: a Celery task that could not be handed to the broker after a commit (or,
    in embedded mode, failed in-process), kept so that `tori.queue.pending_tasks_replay`
    queues it again (beat every minute, and when a worker starts). Tasks are idempotent, so
    a replay of a job that did get through once is harmless."""

    name = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("last attempt"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["name"], name="tori_pendingtask_name")]
        verbose_name = _("pending task")
        verbose_name_plural = _("pending tasks")

    def __str__(self):
        return f"{self.name} #{self.pk}"
