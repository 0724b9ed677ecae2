"""Shared API plumbing: error shape and permission classes wrapping tori.permissions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions
from rest_framework.views import exception_handler as drf_exception_handler

from tori import permissions as perms
from tori.exceptions import ApplicationError


def exception_handler(exc, context):
    """Domain errors become 400 with a translated message, like DRF's own errors."""
    if isinstance(exc, ApplicationError):
        detail = {exc.field: [exc.message]} if exc.field else {"detail": exc.message}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    return drf_exception_handler(exc, context)


class IsExpert(permissions.BasePermission):
    def has_permission(self, request, view):
        return perms.can_use_expert_view(request.user)


class IsPlatformAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return perms.is_platform_admin(request.user)


class IsAuthenticatedUser(permissions.BasePermission):
    def has_permission(self, request, view):
        return perms.is_signed_in(request.user)
