"""Reads of e-service items, scoped by the viewer."""

from django.db.models import Q
from django.http import Http404

from eservices.models import EserviceItem
from tori import permissions as perms


def eservice_item_list(*, viewer, filters=None):
    """Own items (jobseekers), the organisation's items (employers), all items (experts)."""
    qs = EserviceItem.objects.select_related("organisation")
    if not perms.is_signed_in(viewer):
        return qs.none()
    if perms.can_process_eservice_item(viewer):
        filters = filters or {}
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("kind"):
            qs = qs.filter(kind=filters["kind"])
        return qs
    return qs.filter(
        Q(applicant=viewer) | Q(subject=viewer) | Q(organisation_id__in=perms.employer_ids(viewer))
    ).distinct()


def eservice_item_get(*, viewer, item_id) -> EserviceItem:
    item = eservice_item_list(viewer=viewer).filter(pk=item_id).first()
    if item is None or not perms.can_view_eservice_item(viewer, item):
        raise Http404
    return item
