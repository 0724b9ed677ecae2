"""Job pages: browse and search, ad detail (410 when the application period is over), saved
ads and searches for jobseekers, and the employer's organisation and job-ad pages."""

import json
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from catalog.views import KnownCountPaginator, _page_url
from jobs import selectors, services
from jobs.filters import JobAdFilter
from jobs.forms import JobAdForm, MemberAddForm, OrganisationForm, SavedSearchForm
from jobs.models import JobAd
from profiles import selectors as profile_selectors
from profiles import services as profile_services
from profiles.models import EmployerMembership
from syndication.selectors import also_published_at
from tori import permissions as perms
from tori.exceptions import ApplicationError

PAGE_SIZE = 20
FACET_LABELS = {
    name: JobAdFilter.base_filters[name].label
    for name in (
        "occupation",
        "region",
        "municipality",
        "work_time",
        "continuity",
        "language",
        "remote",
    )
}


def _gone(request, job_ad):
    context = {
        "job_ad": job_ad,
        "is_member": job_ad.organisation_id in perms.employer_ids(request.user),
    }
    return render(request, "jobs/job_gone.html", context, status=410)


def _back_to(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- jobseekers and the public ------------------------------------------------------------


class JobListView(View):
    """Browse and search: a GET form (works without JavaScript), facet counts, pages."""

    template_name = "jobs/job_list.html"

    def get(self, request):
        query = request.GET.copy()
        query.pop("page", None)
        error, status = None, 200
        try:
            result = selectors.job_ad_search(viewer=request.user, filters=query)
        except ApplicationError as exc:
            error = {"field": exc.field, "message": exc.message}
            status = 400
            result = selectors.job_ad_search(viewer=request.user, filters={})
            query = QueryDict(mutable=True)
        paginator = KnownCountPaginator(result.job_ads, PAGE_SIZE, count=result.total)
        page = paginator.get_page(request.GET.get("page"))
        facets = [
            {"name": name, "label": FACET_LABELS[name], "values": values}
            for name, values in result.facets.items()
            if values
        ]
        context = {
            "page": page,
            "job_ads": page.object_list,
            "total": paginator.count,
            "facets": facets,
            "q": result.params.q if not error else request.GET.get("q", "")[:200],
            "sort": result.params.sort,
            "sort_choices": JobAdFilter.SORT_CHOICES,
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
            "query_string": query.urlencode(),
            "can_save_search": perms.can_save_job_searches(request.user) and bool(query),
            "saved_ids": selectors.saved_job_ad_ids(viewer=request.user),
            "can_save": perms.can_save_job_ads(request.user),
            "save_search_form": SavedSearchForm(),
        }
        return render(request, self.template_name, context, status=status)


def employment_type(job_ad: JobAd) -> list[str]:
    """schema.org employmentType values for the working time and continuity codes."""
    types = ["FULL_TIME" if job_ad.work_time == JobAd.WorkTime.FULL_TIME else "PART_TIME"]
    if job_ad.continuity != JobAd.Continuity.PERMANENT:
        types.append("TEMPORARY")
    return types


def job_ad_json_ld(request, job_ad: JobAd) -> str:
    """schema.org JobPosting of a published ad, safe to embed in a <script> element."""
    municipality = job_ad.municipality
    address = {
        "@type": "PostalAddress",
        "addressLocality": municipality.name,
        "addressRegion": municipality.region.name,
        "addressCountry": "FI",
    }
    if job_ad.street_address:
        address["streetAddress"] = job_ad.street_address
    if job_ad.postal_code:
        address["postalCode"] = job_ad.postal_code
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": "Tori", "value": str(job_ad.uuid)},
        "url": request.build_absolute_uri(reverse("jobs:job-detail", args=[job_ad.pk])),
        "title": job_ad.title,
        "description": job_ad.description,
        "datePosted": job_ad.published_at.date().isoformat() if job_ad.published_at else None,
        "validThrough": job_ad.valid_through.isoformat(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job_ad.organisation.name,
            "taxID": job_ad.organisation.business_id,
        },
        "jobLocation": {"@type": "Place", "address": address},
        "employmentType": employment_type(job_ad),
        "directApply": False,
    }
    if job_ad.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "FI"}
    if job_ad.occupation_id:
        data["occupationalCategory"] = job_ad.occupation.label
    skills = [skill.label for skill in job_ad.skills.all()]
    if skills:
        data["skills"] = ", ".join(skills)
    if job_ad.salary_min is not None or job_ad.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": job_ad.salary_period}
        if job_ad.salary_min is not None and job_ad.salary_max is not None:
            value.update(minValue=float(job_ad.salary_min), maxValue=float(job_ad.salary_max))
        else:
            value["value"] = float(
                job_ad.salary_min if job_ad.salary_min is not None else job_ad.salary_max
            )
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    if job_ad.start_date:
        data["jobStartDate"] = job_ad.start_date.isoformat()
    if job_ad.education_level:
        data["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": job_ad.get_education_level_display(),
        }
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(encoded.translate(_json_script_escapes))  # noqa: S308 - escaped above


class JobDetailView(View):
    template_name = "jobs/job_detail.html"

    def get(self, request, pk):
        try:
            job_ad = selectors.job_ad_get(viewer=request.user, job_ad_id=pk)
        except selectors.JobAdGone as gone:
            return _gone(request, gone.job_ad)
        context = {
            "job_ad": job_ad,
            "json_ld": job_ad_json_ld(request, job_ad) if job_ad.is_listed else "",
            "can_save": perms.can_save_job_ad(request.user, job_ad),
            "is_saved": job_ad.pk in selectors.saved_job_ad_ids(viewer=request.user),
            "can_edit": perms.can_edit_job_ad(request.user, job_ad),
            "also_published_at": also_published_at(viewer=request.user, job_ad=job_ad),
        }
        return render(request, self.template_name, context)


class JobApplyView(View):
    """The apply link: to the employer's application page or e-mail, while the ad is open."""

    def get(self, request, pk):
        try:
            job_ad = selectors.job_ad_get(viewer=request.user, job_ad_id=pk)
        except selectors.JobAdGone as gone:
            return _gone(request, gone.job_ad)
        if not job_ad.is_listed or not job_ad.apply_url:
            return redirect("jobs:job-detail", pk=pk)
        response = HttpResponseRedirect(job_ad.apply_url)
        response.allowed_schemes = ["http", "https", "mailto"]
        return response


class JobSaveView(View):
    """POST: a jobseeker saves (action=save) or removes (action=remove) an ad."""

    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("jobs:job-detail", args=[pk]))
        if not perms.can_save_job_ads(request.user):
            raise PermissionDenied
        job_ad = get_object_or_404(JobAd, pk=pk)
        try:
            if request.POST.get("action") == "remove":
                services.job_ad_unsave(user=request.user, job_ad=job_ad)
                messages.success(request, _("The job ad was removed from your saved ads."))
            else:
                if job_ad.is_gone:
                    return _gone(request, job_ad)
                services.job_ad_save(user=request.user, job_ad=job_ad)
                messages.success(request, _("The job ad was saved."))
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect(_back_to(request, reverse("jobs:job-detail", args=[pk])))


class SavedJobListView(View):
    template_name = "jobs/saved_jobs.html"

    def get(self, request):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_save_job_ads(request.user):
            raise PermissionDenied
        saved = selectors.saved_job_ad_list(viewer=request.user)
        return render(request, self.template_name, {"saved": saved})


class SavedSearchListView(View):
    """GET: the jobseeker's saved searches. POST: save the search in `query` under `name`."""

    template_name = "jobs/saved_searches.html"

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_save_job_searches(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        searches = selectors.saved_search_list(viewer=request.user)
        rows = [{"search": s, "url": _search_url(s.filters)} for s in searches]
        return render(request, self.template_name, {"rows": rows})

    def post(self, request):
        form = SavedSearchForm(request.POST)
        query = QueryDict(request.POST.get("query", ""))
        if form.is_valid():
            try:
                services.saved_search_create(
                    user=request.user, name=form.cleaned_data["name"], filters=query
                )
            except ApplicationError as error:
                messages.error(request, error.message)
                return redirect(reverse("jobs:job-list") + "?" + query.urlencode())
            messages.success(
                request, _("The search was saved. We will e-mail you when new jobs match it.")
            )
        return redirect("jobs:saved-searches")


def _search_url(filters: dict) -> str:
    query = QueryDict(mutable=True)
    for key, value in filters.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return reverse("jobs:job-list") + "?" + query.urlencode()


class SavedSearchActionView(View):
    """POST: remove a saved search, or turn its alerts on or off."""

    action = ""

    def post(self, request, pk):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(reverse("jobs:saved-searches"))
        if not perms.can_save_job_searches(request.user):
            raise PermissionDenied
        saved = selectors.saved_search_get(viewer=request.user, saved_search_id=pk)
        if self.action == "delete":
            services.saved_search_delete(actor=request.user, saved_search=saved)
            messages.success(request, _("The saved search was removed."))
        else:
            enabled = request.POST.get("alerts") == "on"
            services.saved_search_set_alerts(
                actor=request.user, saved_search=saved, enabled=enabled
            )
            messages.success(
                request,
                _("E-mail alerts are on.") if enabled else _("E-mail alerts are off."),
            )
        return redirect("jobs:saved-searches")


class SavedSearchUnsubscribeView(View):
    """The link in alert e-mails: GET asks to confirm, POST turns the alerts off (also the
    one-click List-Unsubscribe-Post of mail clients). Needs no sign-in; the token is signed."""

    template_name = "jobs/unsubscribe.html"

    def get(self, request, token):
        try:
            saved = services.saved_search_from_token(token)
        except ApplicationError as error:
            return render(request, self.template_name, {"error": error.message}, status=404)
        return render(request, self.template_name, {"saved_search": saved, "done": False})

    def post(self, request, token):
        try:
            saved = services.saved_search_unsubscribe(token=token)
        except ApplicationError as error:
            return render(request, self.template_name, {"error": error.message}, status=404)
        return render(request, self.template_name, {"saved_search": saved, "done": True})


# --- employers ----------------------------------------------------------------------------


class EmployerMixin:
    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_use_employer_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EmployerDashboardView(EmployerMixin, View):
    template_name = "jobs/employer_dashboard.html"

    def get(self, request):
        organisations = list(selectors.organisation_list_for_user(viewer=request.user))
        job_ads = list(selectors.job_ad_list_for_employer(viewer=request.user))
        for job_ad in job_ads:
            job_ad.can_edit = perms.can_edit_job_ad(request.user, job_ad)
            job_ad.can_publish = perms.can_publish_job_ad(request.user, job_ad)
            job_ad.can_close = perms.can_close_job_ad(request.user, job_ad)
        for organisation in organisations:
            organisation.can_manage_members = perms.can_manage_employer_members(
                request.user, organisation
            )
            organisation.pending_count = (
                selectors.organisation_membership_requests(
                    viewer=request.user, organisation=organisation
                ).count()
                if organisation.can_manage_members
                else 0
            )
        context = {
            "organisations": organisations,
            "job_ads": job_ads,
            "own_requests": profile_selectors.own_employer_membership_requests(viewer=request.user),
        }
        return render(request, self.template_name, context)


class OrganisationView(EmployerMixin, View):
    """Members see the organisation and its members; administrators rename it and add
    colleagues (POST with form=name or form=member)."""

    template_name = "jobs/organisation.html"

    def _render(self, request, organisation, *, name_form=None, member_form=None, status=200):
        context = {
            "organisation": organisation,
            "members": selectors.organisation_members(
                viewer=request.user, organisation=organisation
            ),
            "can_edit": perms.can_edit_employer_organisation(request.user, organisation),
            "can_manage_members": perms.can_manage_employer_members(request.user, organisation),
            "pending_count": selectors.organisation_membership_requests(
                viewer=request.user, organisation=organisation
            ).count(),
            "name_form": name_form or OrganisationForm(initial={"name": organisation.name}),
            "member_form": member_form or MemberAddForm(),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        organisation = selectors.organisation_get(viewer=request.user, organisation_id=pk)
        return self._render(request, organisation)

    def post(self, request, pk):
        organisation = selectors.organisation_get(viewer=request.user, organisation_id=pk)
        if not perms.can_edit_employer_organisation(request.user, organisation):
            raise PermissionDenied
        if request.POST.get("form") == "member":
            form = MemberAddForm(request.POST)
            if form.is_valid():
                try:
                    services.organisation_member_add(
                        actor=request.user,
                        organisation=organisation,
                        email=form.cleaned_data["email"],
                    )
                except ApplicationError as error:
                    form.add_error("email", error.message)
                else:
                    messages.success(request, _("Your colleague was added as a member."))
                    return redirect("jobs:organisation", pk=pk)
            return self._render(request, organisation, member_form=form, status=400)
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                services.organisation_update(
                    actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
                )
            except ApplicationError as error:
                form.add_error("name", error.message)
            else:
                messages.success(request, _("The organisation was saved."))
                return redirect("jobs:organisation", pk=pk)
        return self._render(request, organisation, name_form=form, status=400)


class OrganisationMembersView(EmployerMixin, View):
    """Members of the organisation; its administrators also see the requests to join
    (approve, reject) and change members (administrator or member, remove)."""

    template_name = "jobs/organisation_members.html"

    def get(self, request, pk):
        organisation = selectors.organisation_get(viewer=request.user, organisation_id=pk)
        context = {
            "organisation": organisation,
            "members": selectors.organisation_members(
                viewer=request.user, organisation=organisation
            ),
            "pending": selectors.organisation_membership_requests(
                viewer=request.user, organisation=organisation
            ),
            "can_manage": perms.can_manage_employer_members(request.user, organisation),
        }
        return render(request, self.template_name, context)


class OrganisationMemberActionView(EmployerMixin, View):
    """POST: approve or reject a request to join, make a member an administrator or a
    member, remove a member (or leave). Other organisations answer 404, members who are not
    administrators 403."""

    actions = {
        "approve": (
            profile_services.employer_membership_approve,
            gettext_lazy("The request was approved. The person can now act for the organisation."),
        ),
        "reject": (
            profile_services.employer_membership_reject,
            gettext_lazy("The request was rejected."),
        ),
        "make-admin": (
            partial(
                profile_services.employer_membership_set_role, role=EmployerMembership.Role.ADMIN
            ),
            gettext_lazy("The member is now an administrator."),
        ),
        "make-member": (
            partial(
                profile_services.employer_membership_set_role, role=EmployerMembership.Role.MEMBER
            ),
            gettext_lazy("The administrator is now a member."),
        ),
        "remove": (
            profile_services.employer_membership_remove,
            gettext_lazy("The member was removed from the organisation."),
        ),
    }
    action = ""

    def _allowed(self, user, organisation, membership) -> bool:
        if self.action == "remove":
            return perms.can_change_employer_member(user, membership)
        return perms.can_manage_employer_members(user, organisation)

    def post(self, request, pk, membership_id):
        organisation = selectors.organisation_get(viewer=request.user, organisation_id=pk)
        membership = selectors.organisation_membership_get(
            viewer=request.user, organisation=organisation, membership_id=membership_id
        )
        if not self._allowed(request.user, organisation, membership):
            raise PermissionDenied
        function, done = self.actions[self.action]
        try:
            function(actor=request.user, membership=membership)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
            if not perms.can_view_employer_organisation(request.user, organisation):
                return redirect("jobs:employer-dashboard")
        return redirect("jobs:organisation-members", pk=pk)


def _add_service_error(form, error: ApplicationError) -> None:
    field = error.field if error.field in form.fields else None
    if error.field == "language_requirements":
        field = "language_1"
    form.add_error(field, error.message)


class JobAdCreateView(EmployerMixin, View):
    template_name = "jobs/job_form.html"

    def _organisation(self, request):
        organisations = selectors.organisation_list_for_user(viewer=request.user)
        chosen = request.POST.get("organisation") or request.GET.get("organisation")
        if chosen:
            organisation = organisations.filter(pk=chosen).first() if chosen.isdigit() else None
            if organisation is None:
                raise PermissionDenied
            return organisation
        organisation = organisations.first()
        if organisation is None:
            raise PermissionDenied
        return organisation

    def get(self, request):
        organisation = self._organisation(request)
        form = JobAdForm(initial={"work_time": "01", "continuity": "01", "start_type": "01"})
        context = {"form": form, "job_ad": None, "organisation": organisation}
        return render(request, self.template_name, context)

    def post(self, request):
        organisation = self._organisation(request)
        form = JobAdForm(request.POST)
        if form.is_valid():
            try:
                job_ad = services.job_ad_create(
                    actor=request.user, organisation=organisation, data=form.job_ad_data()
                )
            except ApplicationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The job ad was saved as a draft."))
                return redirect("jobs:job-detail", pk=job_ad.pk)
        context = {"form": form, "job_ad": None, "organisation": organisation}
        return render(request, self.template_name, context, status=400)


class JobAdEditView(EmployerMixin, View):
    template_name = "jobs/job_form.html"

    def _job_ad(self, request, pk):
        job_ad = get_object_or_404(JobAd.objects.select_related("organisation"), pk=pk)
        if not perms.can_edit_job_ad(request.user, job_ad):
            raise PermissionDenied
        return job_ad

    def get(self, request, pk):
        job_ad = self._job_ad(request, pk)
        form = JobAdForm(initial=JobAdForm.initial_for(job_ad))
        context = {"form": form, "job_ad": job_ad, "organisation": job_ad.organisation}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        job_ad = self._job_ad(request, pk)
        form = JobAdForm(request.POST)
        if form.is_valid():
            try:
                services.job_ad_update(actor=request.user, job_ad=job_ad, data=form.job_ad_data())
            except ApplicationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The job ad was saved."))
                return redirect("jobs:job-detail", pk=job_ad.pk)
        job_ad.refresh_from_db()
        context = {"form": form, "job_ad": job_ad, "organisation": job_ad.organisation}
        return render(request, self.template_name, context, status=400)


class JobAdActionView(EmployerMixin, View):
    """publish / close buttons (POST only)."""

    actions = {
        "publish": (services.job_ad_publish, perms.can_publish_job_ad),
        "close": (services.job_ad_close, perms.can_close_job_ad),
    }
    action = ""

    def post(self, request, pk):
        job_ad = get_object_or_404(JobAd.objects.select_related("organisation"), pk=pk)
        if not perms.can_manage_employer(request.user, job_ad.organisation):
            raise PermissionDenied
        function, allowed = self.actions[self.action]
        if not allowed(request.user, job_ad):
            if self.action == "publish" and not perms.is_verified_employer(job_ad.organisation):
                error = profile_services.employer_unverified_error(job_ad.organisation)
                messages.error(request, error.message)
            else:
                messages.error(
                    request, _("This cannot be done to the job ad in its current state.")
                )
            return redirect("jobs:employer-dashboard")
        try:
            function(actor=request.user, job_ad=job_ad)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The job ad was published.")
                if self.action == "publish"
                else _("The job ad was closed."),
            )
        return redirect("jobs:employer-dashboard")


class EmployerServicesView(EmployerMixin, View):
    """Services for employers from the catalogue: recruitment help and staff training."""

    template_name = "jobs/employer_services.html"

    def get(self, request):
        results = selectors.employer_services(viewer=request.user)
        sections = [
            {
                "title": _("Recruitment help"),
                "services": list(results["recruitment"].services[:10]),
                "total": results["recruitment"].total,
                "url": reverse("catalog:service-list") + "?type=recruitment",
            },
            {
                "title": _("Staff training"),
                "services": list(results["stafftraining"].services[:10]),
                "total": results["stafftraining"].total,
                "url": reverse("catalog:service-list") + "?type=stafftraining",
            },
        ]
        return render(request, self.template_name, {"sections": sections})
