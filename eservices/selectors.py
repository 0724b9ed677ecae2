"""Reads of e-service items, scoped by the viewer."""

from django.http import Http404

from eservices.models import EserviceItem
from tori import permissions as perms


def eservice_item_list(*, viewer, filters=None):
    """Own items (jobseekers), the organisation's items (employers), the items of their area
    (experts: tori.permissions.can_process_eservice_item). Experts filter by status and kind."""
    qs = EserviceItem.objects.visible_to(viewer).select_related("organisation")
    if perms.can_use_expert_view(viewer):
        filters = filters or {}
        if filters.get("status"):
            qs = qs.filter(status=filters["status"])
        if filters.get("kind"):
            qs = qs.filter(kind=filters["kind"])
    return qs


def eservice_item_get(*, viewer, item_id) -> EserviceItem:
    """An item the viewer may see; 404 for anything else (another area's item included)."""
    item = (
        eservice_item_list(viewer=viewer)
        .select_related("subject__jobseeker_profile", "applicant")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not perms.can_view_eservice_item(viewer, item):
        raise Http404
    return item
