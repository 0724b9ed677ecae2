from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from catalog import selectors as catalog_selectors
from providers import services
from providers.forms import ProviderForm
from providers.models import Provider
from tori import permissions as perms
from tori.exceptions import ApplicationError


class ProviderDashboardView(View):
    """A provider member's own page: services with status and staleness, the enrolment
    requests inbox, the organisation's details and the write-API token."""

    template_name = "providers/dashboard.html"

    def get(self, request, token=None):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_use_provider_dashboard(request.user):
            raise PermissionDenied
        context = {
            "dashboards": catalog_selectors.provider_dashboard(viewer=request.user),
            "token": token,
        }
        return render(request, self.template_name, context)


class ApiTokenView(View):
    def post(self, request):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_use_provider_dashboard(request.user):
            raise PermissionDenied
        token = services.provider_api_token_rotate(user=request.user)
        messages.success(request, _("A new API token was created. Copy it now: it is shown once."))
        return ProviderDashboardView().get(request, token=token.key)


class ProviderEditView(View):
    template_name = "providers/provider_form.html"

    def _provider(self, request, pk):
        provider = get_object_or_404(Provider, pk=pk)
        if not perms.can_edit_provider(request.user, provider):
            raise PermissionDenied
        return provider

    def get(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        provider = self._provider(request, pk)
        form = ProviderForm(initial=ProviderForm.initial_for(provider))
        return render(request, self.template_name, {"form": form, "provider": provider})

    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        provider = self._provider(request, pk)
        form = ProviderForm(request.POST)
        if form.is_valid():
            try:
                services.provider_update(
                    actor=request.user, provider=provider, data=form.cleaned_data
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The organisation's details were saved."))
                return redirect("providers:dashboard")
        return render(request, self.template_name, {"form": form, "provider": provider}, status=400)
