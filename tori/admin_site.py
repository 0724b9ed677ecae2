from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tori import permissions as perms


class ToriAdminSite(admin.AdminSite):
    """The platform administrators' site: staff role plus a verified second factor."""

    site_header = _("Tori administration")
    site_title = _("Tori administration")
    index_title = _("Administration")

    def has_permission(self, request):
        return perms.can_use_admin_site(request.user)
