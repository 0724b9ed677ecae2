"""Public catalogue pages, enrolment, and the providers' service editing pages."""

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from catalog import search, selectors, services
from catalog.filters import ServiceFilter
from catalog.forms import EnrolmentForm, ServiceForm
from catalog.models import EnrolmentRequest, Service
from providers.models import Provider
from tori import permissions as perms
from tori.exceptions import ApplicationError

PAGE_SIZE = 20


class KnownCountPaginator(Paginator):
    """The total comes with the facet counts, so no separate COUNT query is needed."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count


FACET_LABELS = {
    "type": ServiceFilter.base_filters["type"].label,
    "target_group": ServiceFilter.base_filters["target_group"].label,
    "delivery_mode": ServiceFilter.base_filters["delivery_mode"].label,
    "region": ServiceFilter.base_filters["region"].label,
    "municipality": ServiceFilter.base_filters["municipality"].label,
    "language": ServiceFilter.base_filters["language"].label,
    "cost": ServiceFilter.base_filters["cost"].label,
    "sector": ServiceFilter.base_filters["sector"].label,
}


def _page_url(query: QueryDict, page: int) -> str:
    params = query.copy()
    params["page"] = page
    return "?" + params.urlencode()


class ServiceListView(View):
    """Browse and search: a GET form (works without JavaScript), facet counts, pages."""

    template_name = "catalog/service_list.html"

    def get(self, request):
        query = request.GET.copy()
        query.pop("page", None)
        error = None
        status = 200
        try:
            result = selectors.service_search(viewer=request.user, filters=query, cards_only=True)
        except ApplicationError as exc:
            error = {"field": exc.field, "message": exc.message}
            status = 400
            result = selectors.service_search(viewer=request.user, filters={}, cards_only=True)
            query = QueryDict(mutable=True)
        paginator = KnownCountPaginator(result.services, PAGE_SIZE, count=result.total)
        page = paginator.get_page(request.GET.get("page"))
        facets = [
            {"name": name, "label": FACET_LABELS[name], "values": values}
            for name, values in result.facets.items()
            if values
        ]
        context = {
            "page": page,
            "services": page.object_list,
            "total": paginator.count,
            "facets": facets,
            "q": result.params.q if not error else request.GET.get("q", "")[:200],
            "sort": result.params.sort,
            "sort_choices": ServiceFilter.SORT_CHOICES,
            "error": error,
            "previous_url": _page_url(query, page.previous_page_number())
            if page.has_previous()
            else None,
            "next_url": _page_url(query, page.next_page_number()) if page.has_next() else None,
            "page_links": [
                {"number": n, "url": _page_url(query, n), "current": n == page.number}
                for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
                if isinstance(n, int)
            ],
            "has_filters": bool(query),
            "counts_exact": result.counts_exact,
            "facet_count_limit": search.FACET_COUNT_LIMIT,
        }
        return render(request, self.template_name, context, status=status)


def service_json_ld(request, service: Service) -> str:
    """schema.org description of the service, safe to embed in a <script> element."""
    provider = service.provider
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": request.build_absolute_uri(reverse("catalog:service-detail", args=[service.pk])),
        "identifier": str(service.uuid),
        "name": service.name,
        "description": service.summary or "",
        "serviceType": service.service_type.name if service.service_type else "",
        "availableLanguage": service.languages,
        "provider": {
            "@type": "GovernmentOrganization" if provider.sector == "public" else "Organization",
            "name": provider.localized_name,
            **({"taxID": provider.business_id} if provider.business_id else {}),
        },
        "audience": [
            {"@type": "Audience", "audienceType": term.name} for term in service.target_groups.all()
        ],
        "areaServed": (
            [{"@type": "Country", "name": "Suomi", "identifier": "FI"}]
            if service.is_nationwide
            else [{"@type": "AdministrativeArea", "name": r.name} for r in service.regions.all()]
            + [{"@type": "City", "name": m.name} for m in service.municipalities.all()]
        ),
        "offers": {
            "@type": "Offer",
            "price": str(service.price) if service.price is not None else "0",
            "priceCurrency": "EUR",
        },
    }
    if service.url:
        data["url"] = service.url
    locations = list(service.locations.all())
    if locations:
        data["availableChannel"] = [
            {
                "@type": "ServiceChannel",
                "serviceLocation": {
                    "@type": "Place",
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": loc.street_address,
                        "postalCode": loc.postal_code,
                        "addressLocality": loc.city,
                        "addressCountry": "FI",
                    },
                },
            }
            for loc in locations
        ]
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(encoded.translate(_json_script_escapes))  # noqa: S308 - escaped above


class ServiceDetailView(View):
    template_name = "catalog/service_detail.html"

    def get(self, request, pk, form=None, status=200):
        service = selectors.service_get(viewer=request.user, service_id=pk)
        own_requests = (
            EnrolmentRequest.objects.filter(service=service, user=request.user).order_by(
                "-created_at"
            )
            if perms.is_signed_in(request.user)
            else EnrolmentRequest.objects.none()
        )
        context = {
            "service": service,
            "json_ld": service_json_ld(request, service) if service.is_public else "",
            "form": form or EnrolmentForm(jobseeker=perms.is_jobseeker(request.user)),
            "can_enrol": perms.can_request_enrolment(request.user, service),
            "can_edit": perms.can_edit_service(request.user, service),
            "own_request": own_requests.first(),
            "plain_language": request.GET.get("plain") == "1",
        }
        return render(request, self.template_name, context, status=status)


class ServiceEnrolView(View):
    def post(self, request, pk):
        service = selectors.service_get(viewer=request.user, service_id=pk)
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("catalog:service-detail", args=[pk]))
        if not perms.can_request_enrolment(request.user, service):
            raise PermissionDenied
        form = EnrolmentForm(request.POST, jobseeker=perms.is_jobseeker(request.user))
        if form.is_valid():
            try:
                services.enrolment_request_create(
                    user=request.user,
                    service=service,
                    message=form.cleaned_data["message"],
                    share_sections=form.cleaned_data.get("share_sections"),
                )
            except ApplicationError as error:
                form.add_error("message", error.message)
            else:
                messages.success(
                    request, _("Your request was sent. The provider will contact you.")
                )
                return redirect("catalog:service-detail", pk=pk)
        return ServiceDetailView().get(request, pk, form=form, status=400)


class MyEnrolmentsView(View):
    template_name = "catalog/my_enrolments.html"

    def get(self, request):
        if not perms.can_view_own_enrolments(request.user):
            return redirect_to_login(request.get_full_path())
        enrolments = selectors.enrolment_list_for_user(viewer=request.user)
        return render(request, self.template_name, {"enrolments": enrolments})


class EnrolmentWithdrawView(View):
    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("catalog:my-enrolments"))
        enrolment = selectors.enrolment_get(viewer=request.user, enrolment_id=pk)
        if not perms.can_withdraw_enrolment(request.user, enrolment):
            raise PermissionDenied
        try:
            services.enrolment_request_withdraw(actor=request.user, enrolment=enrolment)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request was withdrawn."))
        return redirect("catalog:my-enrolments")


class EnrolmentDecideView(View):
    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("providers:dashboard"))
        enrolment = selectors.enrolment_get(viewer=request.user, enrolment_id=pk)
        if not perms.can_decide_enrolment(request.user, enrolment):
            raise PermissionDenied
        accept = request.POST.get("decision") == "accept"
        try:
            services.enrolment_request_decide(
                actor=request.user, enrolment=enrolment, accept=accept
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The request was accepted.") if accept else _("The request was declined."),
            )
        return redirect("providers:dashboard")


def _member_providers(user):
    if perms.is_platform_admin(user):
        return Provider.objects.all()
    return Provider.objects.filter(pk__in=perms.provider_ids(user))


class ServiceCreateView(View):
    template_name = "catalog/service_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not (perms.is_provider_member(request.user) or perms.is_platform_admin(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = ServiceForm(
            providers=_member_providers(request.user),
            initial={"delivery_mode": "onsite", "funding": "public", "is_free": True},
        )
        return render(request, self.template_name, {"form": form, "service": None})

    def post(self, request):
        form = ServiceForm(request.POST, providers=_member_providers(request.user))
        if form.is_valid():
            try:
                services.service_create(
                    actor=request.user,
                    provider=form.cleaned_data["provider"],
                    data=form.service_data(),
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("The service was saved as a draft."))
                return redirect("providers:dashboard")
        return render(request, self.template_name, {"form": form, "service": None}, status=400)


class ServiceEditView(View):
    template_name = "catalog/service_form.html"

    def _service(self, request, pk):
        if not perms.is_signed_in(request.user):
            return None
        service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
        if not perms.can_edit_service(request.user, service):
            raise PermissionDenied
        return service

    def get(self, request, pk):
        service = self._service(request, pk)
        if service is None:
            return redirect_to_login(request.get_full_path())
        form = ServiceForm(
            providers=Provider.objects.filter(pk=service.provider_id),
            initial=ServiceForm.initial_for(service),
        )
        return render(request, self.template_name, {"form": form, "service": service})

    def post(self, request, pk):
        service = self._service(request, pk)
        if service is None:
            return redirect_to_login(request.get_full_path())
        form = ServiceForm(request.POST, providers=Provider.objects.filter(pk=service.provider_id))
        if form.is_valid():
            try:
                service = services.service_update(
                    actor=request.user, service=service, data=form.service_data()
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                if service.status == Service.Status.SUBMITTED:
                    messages.success(
                        request,
                        _(
                            "The changes were saved and sent for moderation. The service is "
                            "shown in the catalogue again once they have been accepted."
                        ),
                    )
                else:
                    messages.success(request, _("The service was saved."))
                return redirect("providers:dashboard")
        return render(request, self.template_name, {"form": form, "service": service}, status=400)


class ServiceActionView(View):
    """submit / confirm / archive buttons on the provider dashboard (POST only)."""

    actions = {
        "submit": (services.service_submit, gettext_lazy("The service was sent for publication.")),
        "confirm": (services.service_confirm, gettext_lazy("Thank you. The service is confirmed.")),
        "archive": (services.service_archive, gettext_lazy("The service was archived.")),
    }
    action = ""

    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("providers:dashboard"))
        service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
        if not perms.can_edit_service(request.user, service):
            raise PermissionDenied
        function, success = self.actions[self.action]
        try:
            function(actor=request.user, service=service)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect("providers:dashboard")
