"""The published (frozen) tables of the open statistics.

The first time a table of a completed quarter is asked for, it is computed, protected
(openstats.disclosure) and stored here; every later request serves the stored figures. So a
published figure never changes, and late or corrected data (an outcome confirmed after the
quarter was published) is not shown — otherwise comparing the same quarter before and after
the correction would reveal a small figure by subtraction, just like overlapping periods.

Only protected figures are stored: counts and suppression flags keyed by codes (region,
service type, outcome, ESCO skill URI), never names (they are localised when rendering) and
nothing about people."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishedTable(models.Model):
    dataset = models.CharField(_("dataset"), max_length=32)
    quarter = models.CharField(_("quarter"), max_length=7, help_text="YYYY-QN, e.g. 2026-Q3")
    measure = models.CharField(_("measure"), max_length=32, blank=True)
    k = models.PositiveSmallIntegerField(_("k"))
    table = models.JSONField(_("protected table"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("published statistics table")
        verbose_name_plural = _("published statistics tables")
        ordering = ["-quarter", "dataset", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "quarter", "measure", "k"],
                name="openstats_publishedtable_unique_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset} {self.quarter} {self.measure or '-'} k={self.k}"
