"""E-service pages: the jobseeker's registration as unemployed, the employer's wage subsidy
application, and the applicant's list of items with their status."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from eservices import selectors, services
from eservices.forms import RegistrationForm, WageSubsidyForm
from expert import services as expert_services
from profiles.models import EmployerOrganisation
from tori import permissions as perms
from tori.exceptions import ApplicationError


class SignedInMixin:
    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class EserviceListView(SignedInMixin, View):
    template_name = "eservices/item_list.html"

    def get(self, request):
        if not (perms.is_jobseeker(request.user) or perms.is_employer(request.user)):
            raise PermissionDenied
        return render(
            request,
            self.template_name,
            {
                "items": selectors.eservice_item_list(viewer=request.user),
                "can_register": perms.can_register_as_unemployed(request.user),
                "can_apply_wage_subsidy": perms.can_apply_wage_subsidy(request.user),
            },
        )


class EserviceDetailView(SignedInMixin, View):
    template_name = "eservices/item_detail.html"

    def get(self, request, item_id):
        item = selectors.eservice_item_get(viewer=request.user, item_id=item_id)
        if not perms.is_eservice_item_party(request.user, item):
            # an expert of the item's area: logged as on the expert's page and in the API
            expert_services.eservice_item_access_record(viewer=request.user, item=item)
        return render(request, self.template_name, {"item": item})


class RegistrationView(SignedInMixin, View):
    template_name = "eservices/registration_form.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.is_signed_in(request.user) and not perms.can_register_as_unemployed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": RegistrationForm()})

    def post(self, request):
        form = RegistrationForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("confirm")
            try:
                item = services.unemployment_registration_submit(actor=request.user, **data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("Your registration was received. Reference number: %(reference)s")
                    % {"reference": item.reference},
                )
                return redirect("eservices:detail", item_id=item.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class WageSubsidyView(SignedInMixin, View):
    template_name = "eservices/wage_subsidy_form.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.is_signed_in(request.user) and not perms.can_apply_wage_subsidy(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def organisations(self):
        return EmployerOrganisation.objects.filter(
            pk__in=perms.employer_ids(self.request.user)
        ).order_by("name")

    def get(self, request):
        form = WageSubsidyForm(organisations=self.organisations())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = WageSubsidyForm(request.POST, organisations=self.organisations())
        if form.is_valid():
            try:
                item = services.wage_subsidy_apply(actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request,
                    _("Your application was received. Reference number: %(reference)s")
                    % {"reference": item.reference},
                )
                return redirect("eservices:detail", item_id=item.pk)
        return render(request, self.template_name, {"form": form}, status=400)
