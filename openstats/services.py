"""Writes of the open statistics: publishing (freezing) the table of a completed quarter."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openstats.models import PublishedTable
from openstats.params import Quarter
from tori.exceptions import ApplicationError


def table_publish(*, dataset: str, quarter: Quarter, measure: str, k: int) -> PublishedTable:
    """The published table of (dataset, quarter, measure, k): stored the first time it is
    asked for, after the quarter has ended, and served unchanged ever after.

    Two concurrent first requests may both compute the table; the unique constraint lets
    only one of them be stored, and both return that one (get_or_create re-reads the row
    after the losing insert). No actor: publishing is the system's, triggered by any read."""
    from openstats import selectors

    if not quarter.is_published(timezone.localdate()):
        # parse_period refuses these already; this guards against other callers
        raise ApplicationError(_("Only completed quarters are published."), field="period")
    key = {"dataset": dataset, "quarter": str(quarter), "measure": measure, "k": k}
    existing = PublishedTable.objects.filter(**key).first()
    if existing is not None:
        return existing
    table = selectors.protected_table_compute(
        dataset=dataset, quarter=quarter, measure=measure, k=k
    )
    try:
        with transaction.atomic():
            published, _created = PublishedTable.objects.get_or_create(
                **key, defaults={"table": table}
            )
    except IntegrityError:  # pragma: no cover - lost a race get_or_create could not resolve
        published = PublishedTable.objects.get(**key)
    return published
