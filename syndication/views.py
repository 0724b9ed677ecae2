"""The employer's page of partner platforms: members see who may publish the organisation's
job ads; administrators authorise a partner or withdraw the authorisation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from jobs import selectors as job_selectors
from jobs.views import EmployerMixin
from syndication import selectors, services
from syndication.models import PartnerClient
from tori import permissions as perms
from tori.exceptions import ApplicationError


class OrganisationPartnersView(EmployerMixin, View):
    template_name = "syndication/organisation_partners.html"

    def get(self, request, pk):
        organisation = job_selectors.organisation_get(viewer=request.user, organisation_id=pk)
        context = {
            "organisation": organisation,
            "partners": selectors.organisation_partners(
                viewer=request.user, organisation=organisation
            ),
            "can_authorise": perms.can_authorise_partner(request.user, organisation),
        }
        return render(request, self.template_name, context)

    def post(self, request, pk):
        organisation = job_selectors.organisation_get(viewer=request.user, organisation_id=pk)
        if not perms.can_authorise_partner(request.user, organisation):
            raise PermissionDenied
        partner = PartnerClient.objects.filter(pk=request.POST.get("partner") or 0).first()
        if partner is None:
            messages.error(request, _("Choose a partner."))
            return redirect("syndication:organisation-partners", pk=pk)
        try:
            if request.POST.get("action") == "revoke":
                services.partner_revoke(
                    actor=request.user, organisation=organisation, partner=partner
                )
                messages.success(
                    request,
                    _("%(partner)s can no longer publish your job ads.")
                    % {"partner": partner.name},
                )
            else:
                services.partner_authorise(
                    actor=request.user, organisation=organisation, partner=partner
                )
                messages.success(
                    request,
                    _("%(partner)s can now publish your job ads.") % {"partner": partner.name},
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("syndication:organisation-partners", pk=pk)
