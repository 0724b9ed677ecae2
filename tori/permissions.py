"""The one place that answers "may this user do that?".

Every HTML view, API endpoint and template asks these predicates; nothing else checks
roles or memberships. Predicates take the user first and the object second and return a
bool; object-scoped lists use the matching ``QuerySet.visible_to(user)`` methods, which call
back into the helpers here for the user's scope.
"""

from __future__ import annotations

from profiles.models import User


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, role: str) -> bool:
    return is_signed_in(user) and user.role == role


def is_jobseeker(user) -> bool:
    return has_role(user, User.Role.JOBSEEKER)


def is_employer(user) -> bool:
    return has_role(user, User.Role.EMPLOYER)


def is_provider_member(user) -> bool:
    return has_role(user, User.Role.PROVIDER)


def is_expert(user) -> bool:
    return has_role(user, User.Role.EXPERT)


def is_platform_admin(user) -> bool:
    return is_signed_in(user) and (user.role == User.Role.PLATFORM_ADMIN or user.is_superuser)


def has_verified_second_factor(user) -> bool:
    """True when this session was confirmed with a one-time password (django-otp)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_second_factor(user) -> bool:
    """Experts and platform admins must confirm each session with a second factor."""
    return (is_expert(user) or is_platform_admin(user)) and not has_verified_second_factor(user)


def can_use_expert_view(user) -> bool:
    return is_expert(user) and has_verified_second_factor(user)


def can_use_admin_site(user) -> bool:
    return is_platform_admin(user) and user.is_staff and has_verified_second_factor(user)


def expert_municipality_codes(user) -> set[str]:
    """Municipalities whose customers this expert serves (through their offices)."""
    if not is_expert(user):
        return set()
    from expert.models import ExpertOffice

    return set(
        ExpertOffice.municipalities.through.objects.filter(
            expertoffice__memberships__user=user
        ).values_list("municipality_id", flat=True)
    )


def provider_ids(user) -> set[int]:
    if not is_provider_member(user):
        return set()
    return set(user.provider_memberships.values_list("provider_id", flat=True))


def employer_ids(user) -> set[int]:
    if not is_employer(user):
        return set()
    return set(user.employer_memberships.values_list("organisation_id", flat=True))


def can_manage_provider(user, provider) -> bool:
    if is_platform_admin(user):
        return True
    return provider is not None and provider.pk in provider_ids(user)


def can_publish_for_provider(user, provider) -> bool:
    return can_manage_provider(user, provider) and bool(provider.is_verified)


def can_manage_employer(user, organisation) -> bool:
    return organisation is not None and organisation.pk in employer_ids(user)


def can_edit_own_account(user, account) -> bool:
    return is_signed_in(user) and account is not None and user.pk == account.pk


NAVIGATION = {
    # role → list of (url name, label msgid) shown in the main navigation
    "anonymous": ["catalog", "jobs"],
    User.Role.JOBSEEKER: ["catalog", "jobs", "my-profile"],
    User.Role.EMPLOYER: ["catalog", "my-organisation"],
    User.Role.PROVIDER: ["catalog", "provider-dashboard"],
    User.Role.EXPERT: ["catalog", "expert-worklist"],
    User.Role.PLATFORM_ADMIN: ["catalog", "admin"],
}


def navigation_keys(user) -> list[str]:
    if not is_signed_in(user):
        return NAVIGATION["anonymous"]
    return NAVIGATION.get(user.role, NAVIGATION["anonymous"])
