from django.contrib.auth.mixins import AccessMixin

from tori import permissions as perms


class ExpertRequiredMixin(AccessMixin):
    """Expert pages: signed in as an expert with a verified second factor, else 403."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return self.handle_no_permission()
        if not perms.can_use_expert_view(request.user):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
