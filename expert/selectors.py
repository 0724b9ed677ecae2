from tori import permissions as perms


def office_list(*, viewer):
    """The offices the expert works in, with the municipalities they serve."""
    if not perms.is_expert(viewer):
        return []
    from expert.models import ExpertOffice

    return list(
        ExpertOffice.objects.filter(memberships__user=viewer)
        .prefetch_related("municipalities")
        .order_by("name")
    )
