"""Reads about accounts and organisations, scoped by the viewer."""

from tori import permissions as perms


def user_has_confirmed_second_factor(*, user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


def dashboard_context(*, viewer) -> dict:
    """What a signed-in person's own front page shows about their account."""
    context = {"account": viewer, "organisations": [], "providers": [], "offices": []}
    if perms.is_employer(viewer):
        context["organisations"] = [
            m.organisation for m in viewer.employer_memberships.select_related("organisation")
        ]
    if perms.is_provider_member(viewer):
        context["providers"] = [
            m.provider for m in viewer.provider_memberships.select_related("provider")
        ]
    if perms.is_expert(viewer):
        context["offices"] = [
            m.office
            for m in viewer.expert_memberships.select_related("office").prefetch_related(
                "office__municipalities"
            )
        ]
    return context
