"""The expert view (case management), the jobseeker's "My plan" and the provider's referrals.
Views parse and render: permissions come from tori.permissions, reads from selectors and
writes from services. Every page that shows a customer's personal data records the access
(services.customer_access_record) before rendering; refused requests record nothing."""

from abc import ABC, abstractmethod

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from expert import forms, selectors, services
from expert.mixins import ExpertRequiredMixin
from expert.models import Outcome, Plan
from matching import selectors as matching_selectors
from tori import permissions as perms
from tori.exceptions import ApplicationError

CSS = "css/expert.css"


def _case_url(case, anchor: str = "") -> str:
    url = reverse("expert:case-detail", kwargs={"case_id": case.pk})
    return f"{url}#{anchor}" if anchor else url


# --- Worklist, area customers, watch list, team dashboard ------------------------------------


class WorklistView(ExpertRequiredMixin, TemplateView):
    template_name = "expert/worklist.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        filters = {
            "show": params.get("show") if params.get("show") in ("cases", "items", "tasks") else "",
            "kind": params.get("kind", ""),
            "overdue": params.get("overdue") == "1",
        }
        context["offices"] = selectors.office_list(viewer=self.request.user)
        context["work"] = selectors.worklist(viewer=self.request.user, filters=filters)
        context["filters"] = filters
        context["can_use_team_dashboard"] = perms.can_use_team_dashboard(self.request.user)
        return context


class AreaCustomerListView(ExpertRequiredMixin, View):
    """Customers of the area without an open case: pseudonymous, to open a case."""

    template_name = "expert/area_customers.html"

    def get(self, request):
        form = forms.FilterForm(
            request.GET or None,
            municipalities=selectors.area_municipalities(viewer=request.user),
        )
        filters = {**form.values(), "registered": request.GET.get("registered") == "1"}
        customers = selectors.area_customer_list(viewer=request.user, filters=filters)
        page = Paginator(customers, 50).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {"form": form, "page": page, "registered": filters["registered"]},
        )


class CaseOpenView(ExpertRequiredMixin, View):
    def post(self, request, public_id):
        profile = selectors.area_customer_get(viewer=request.user, public_id=public_id)
        try:
            case = services.case_open(actor=request.user, profile=profile)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("expert:area-customers")
        messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
        return redirect(_case_url(case))


class WatchListView(ExpertRequiredMixin, View):
    template_name = "expert/watch_list.html"

    def get(self, request):
        form = forms.FilterForm(
            request.GET or None,
            municipalities=selectors.area_municipalities(viewer=request.user),
        )
        threshold = request.GET.get("threshold", "")
        filters = {
            **form.values(),
            "threshold": threshold,
            "approaching": request.GET.get("approaching") == "1",
        }
        rows = selectors.watch_list(viewer=request.user, filters=filters)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "rows": rows,
                "thresholds": selectors.WATCH_THRESHOLDS,
                "threshold": threshold,
                "approaching": filters["approaching"],
                "warning_days": selectors.WATCH_WARNING_DAYS,
            },
        )


class TeamDashboardView(ExpertRequiredMixin, View):
    template_name = "expert/team_dashboard.html"

    def get(self, request):
        if not perms.can_use_team_dashboard(request.user):
            raise PermissionDenied
        return render(
            request,
            self.template_name,
            {"boards": selectors.team_dashboard(viewer=request.user)},
        )


# --- The customer page and its panels --------------------------------------------------------


class CaseMixin(ExpertRequiredMixin):
    """Loads the case of the URL; a case outside the expert's area is 404."""

    def dispatch(self, request, *args, **kwargs):
        if perms.can_use_expert_view(request.user):
            self.case = selectors.case_get(viewer=request.user, case_id=kwargs["case_id"])
        return super().dispatch(request, *args, **kwargs)


class CaseDetailView(CaseMixin, View):
    """The customer page: the jobseeker's own profile components plus expert-only panels."""

    template_name = "expert/case_detail.html"

    def get(self, request, case_id):
        return self.render_page()

    def render_page(self, status=200, **form_overrides):
        case = self.case
        sections = list(services.CUSTOMER_PAGE_SECTIONS)
        if perms.can_view_case_work_ability(self.request.user, case):
            sections.append(services.WORK_ABILITY_SECTION)
        services.customer_access_record(viewer=self.request.user, case=case, sections=sections)
        context = {
            "case": case,
            **selectors.customer_profile_data(viewer=self.request.user, case=case),
            **selectors.case_panels(viewer=self.request.user, case=case),
            "can_edit": perms.can_edit_case(self.request.user, case),
            "service_recommendations": matching_selectors.recommendation_list(
                viewer=self.request.user, subject=case.profile, kind="service", limit=5
            ),
            "plan_form": forms.PlanForm(),
            "task_form": forms.TaskForm(),
            "note_form": forms.NoteForm(),
            "referral_update_form": forms.ReferralUpdateForm(),
            "outcomes": Outcome,
        }
        context.update(form_overrides)
        return render(self.request, self.template_name, context, status=status)


class CaseTakeView(CaseMixin, View):
    def post(self, request, case_id):
        try:
            services.case_take(actor=request.user, case=self.case)
            messages.success(request, _("You are now responsible for this case."))
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect(_case_url(self.case))


class AssessmentView(CaseMixin, View):
    template_name = "expert/assessment_form.html"

    def initial(self):
        assessment = selectors.case_panels(viewer=self.request.user, case=self.case)["assessment"]
        if assessment is None:
            return {}
        return {
            "work_ability": assessment.work_ability,
            "skills": assessment.skills,
            "barriers": assessment.barriers,
            "barriers_note": assessment.barriers_note,
            "agreed_goal": assessment.agreed_goal,
        }

    def render_form(self, form, status=200):
        services.customer_access_record(
            viewer=self.request.user, case=self.case, sections=["skills", "situation"]
        )
        return render(
            self.request, self.template_name, {"case": self.case, "form": form}, status=status
        )

    def get(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        return self.render_form(forms.AssessmentForm(initial=self.initial()))

    def post(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        form = forms.AssessmentForm(request.POST)
        if form.is_valid():
            try:
                services.assessment_save(actor=request.user, case=self.case, **form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Service need assessment saved."))
                return redirect(_case_url(self.case, "assessment"))
        return self.render_form(form, status=400)


class CasePanelPostView(CaseMixin, View, ABC):
    """A form posted from a panel of the customer page; errors re-render the page."""

    form_class = None
    form_name = ""
    anchor = ""
    success_message = ""

    @abstractmethod
    def perform(self, data):
        """Call the expert service for the posted, valid form data."""

    def post(self, request, case_id, **kwargs):
        self.kwargs = kwargs
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(form.cleaned_data)
            except ApplicationError as error:
                if error.code == "forbidden":
                    raise PermissionDenied from error
                error.add_to_form(form)
            else:
                messages.success(request, self.success_message)
                return redirect(_case_url(self.case, self.anchor))
        page = CaseDetailView()
        page.setup(request, case_id=case_id)
        page.case = self.case
        return page.render_page(status=400, **{self.form_name: form})


class PlanCreateView(CasePanelPostView):
    form_class = forms.PlanForm
    form_name = "plan_form"
    anchor = "plans"

    @property
    def success_message(self):
        return _("Plan created.")

    def perform(self, data):
        services.plan_create(actor=self.request.user, case=self.case, **data)


class TaskAddView(CasePanelPostView):
    form_class = forms.TaskForm
    form_name = "task_form"
    anchor = "plans"

    @property
    def success_message(self):
        return _("Task added.")

    def perform(self, data):
        plan = Plan.objects.filter(pk=self.kwargs["plan_id"], case=self.case).first()
        if plan is None:
            raise Http404
        services.plan_task_add(actor=self.request.user, plan=plan, **data)


class NoteAddView(CasePanelPostView):
    form_class = forms.NoteForm
    form_name = "note_form"
    anchor = "notes"

    @property
    def success_message(self):
        return _("Note saved.")

    def perform(self, data):
        services.case_note_add(actor=self.request.user, case=self.case, text=data["text"])


class TaskDoneView(CaseMixin, View):
    def post(self, request, case_id, task_id):
        from expert.models import PlanTask

        task = PlanTask.objects.filter(pk=task_id, plan__case=self.case).first()
        if task is None:
            raise Http404
        try:
            services.plan_task_set_done(
                actor=request.user, task=task, done=request.POST.get("done") == "1"
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect(_case_url(self.case, "plans"))


class ReferralCreateView(CaseMixin, View):
    """Search the catalogue (services available in the customer's area) and propose one."""

    template_name = "expert/referral_form.html"

    def render_page(self, form, status=200):
        q = self.request.GET.get("q", "")
        return render(
            self.request,
            self.template_name,
            {
                "case": self.case,
                "q": q,
                "services": selectors.referral_service_options(
                    viewer=self.request.user, case=self.case, q=q
                ),
                "form": form,
            },
            status=status,
        )

    def get(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        return self.render_page(forms.ReferralForm())

    def post(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        form = forms.ReferralForm(request.POST)
        service = selectors.referral_service_get(
            viewer=request.user,
            case=self.case,
            service_id=_int_or_none(request.POST.get("service")),
        )
        if form.is_valid():
            try:
                services.referral_propose(
                    actor=request.user,
                    case=self.case,
                    service=service,
                    message=form.cleaned_data["message"],
                )
            except ApplicationError as error:
                messages.error(request, error.message)
                return self.render_page(form, status=400)
            messages.success(request, _("Referral proposed to the customer."))
            return redirect(_case_url(self.case, "referrals"))
        return self.render_page(form, status=400)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReferralUpdateView(CasePanelPostView):
    form_class = forms.ReferralUpdateForm
    form_name = "referral_update_form"
    anchor = "referrals"

    @property
    def success_message(self):
        return _("Referral updated.")

    def perform(self, data):
        referral = self.case.referrals.filter(pk=self.kwargs["referral_id"]).first()
        if referral is None:
            raise Http404
        services.referral_update(
            actor=self.request.user,
            referral=referral,
            status=data["status"],
            outcome=data["outcome"],
        )


class JobOfferCreateView(CaseMixin, View):
    template_name = "expert/job_offer_form.html"

    def render_page(self, form, status=200):
        q = self.request.GET.get("q", "")
        return render(
            self.request,
            self.template_name,
            {
                "case": self.case,
                "q": q,
                "job_ads": selectors.job_ad_options(viewer=self.request.user, case=self.case, q=q),
                "form": form,
            },
            status=status,
        )

    def get(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        return self.render_page(forms.JobOfferForm())

    def post(self, request, case_id):
        from jobs.models import JobAd

        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        form = forms.JobOfferForm(request.POST)
        job_ad = JobAd.objects.filter(uuid=_uuid_or_none(request.POST.get("job_ad"))).first()
        if form.is_valid():
            try:
                services.job_offer_create(
                    actor=request.user,
                    case=self.case,
                    job_ad=job_ad,
                    message=form.cleaned_data["message"],
                )
            except ApplicationError as error:
                messages.error(request, error.message)
                return self.render_page(form, status=400)
            messages.success(request, _("Job offered to the customer."))
            return redirect(_case_url(self.case, "job-offers"))
        return self.render_page(form, status=400)


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


class CaseCloseView(CaseMixin, View):
    template_name = "expert/case_close.html"

    def render_form(self, form, status=200):
        return render(
            self.request, self.template_name, {"case": self.case, "form": form}, status=status
        )

    def get(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        return self.render_form(forms.CloseForm())

    def post(self, request, case_id):
        if not perms.can_edit_case(request.user, self.case):
            raise PermissionDenied
        form = forms.CloseForm(request.POST)
        if form.is_valid():
            try:
                services.case_close(actor=request.user, case=self.case, **form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Case closed."))
                return redirect(_case_url(self.case))
        return self.render_form(form, status=400)


# --- E-service items ---------------------------------------------------------------------------


class EserviceItemView(ExpertRequiredMixin, View):
    """An e-service item of the area: take it to handle (opens a case for a registration) and
    decide it. Viewing an item about a Tori user is a view of their personal data."""

    template_name = "expert/eservice_item.html"

    def dispatch(self, request, *args, **kwargs):
        if perms.can_use_expert_view(request.user):
            self.item = selectors.eservice_item_get(viewer=request.user, item_id=kwargs["item_id"])
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, status=200):
        services.eservice_item_access_record(viewer=self.request.user, item=self.item)
        case = selectors.eservice_item_case(viewer=self.request.user, item=self.item)
        return render(
            self.request,
            self.template_name,
            {"item": self.item, "case": case, "form": form},
            status=status,
        )

    def get(self, request, item_id):
        return self.render_page(forms.DecisionForm())

    def post(self, request, item_id):
        """Take the item to handle."""
        try:
            item, case = services.eservice_item_take(actor=request.user, item=self.item)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("expert:item-detail", item_id=self.item.pk)
        messages.success(
            request, _("You are handling %(reference)s.") % {"reference": item.reference}
        )
        return redirect("expert:item-detail", item_id=item.pk)


class EserviceDecideView(EserviceItemView):
    def post(self, request, item_id):
        form = forms.DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.eservice_item_decide(
                    actor=request.user,
                    item=self.item,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Decision saved. The applicant was notified."))
                return redirect("expert:item-detail", item_id=self.item.pk)
        return self.render_page(form, status=400)


# --- The jobseeker's "My plan" -----------------------------------------------------------------


class JobseekerPlanMixin:
    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_view_own_plan(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyPlanView(JobseekerPlanMixin, View):
    template_name = "expert/my_plan.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {**selectors.my_plan(viewer=request.user), "answer_form": forms.ReferralAnswerForm()},
        )


class MyTaskDoneView(JobseekerPlanMixin, View):
    def post(self, request, task_id):
        task = selectors.own_plan_task_get(viewer=request.user, task_id=task_id)
        try:
            services.plan_task_set_done(
                actor=request.user, task=task, done=request.POST.get("done") == "1"
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect(reverse("plan:my-plan") + "#tasks")


class MyReferralAnswerView(JobseekerPlanMixin, View):
    def post(self, request, referral_id):
        referral = selectors.own_referral_get(viewer=request.user, referral_id=referral_id)
        form = forms.ReferralAnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose accept or decline."))
            return redirect(reverse("plan:my-plan") + "#referrals")
        try:
            services.referral_answer(
                actor=request.user,
                referral=referral,
                accept=form.cleaned_data["accept"] == "yes",
                share_first_name=form.cleaned_data["share_first_name"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your answer was saved."))
        return redirect(reverse("plan:my-plan") + "#referrals")


class MyJobOfferAnswerView(JobseekerPlanMixin, View):
    def post(self, request, offer_id):
        offer = selectors.own_job_offer_get(viewer=request.user, offer_id=offer_id)
        answer = request.POST.get("answer")
        if answer not in ("interested", "declined"):
            messages.error(request, _("Choose an answer."))
            return redirect(reverse("plan:my-plan") + "#job-offers")
        try:
            services.job_offer_answer(
                actor=request.user, offer=offer, interested=answer == "interested"
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your answer was saved."))
        return redirect(reverse("plan:my-plan") + "#job-offers")


# --- The provider's referrals ------------------------------------------------------------------


class ProviderReferralMixin:
    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_view_provider_referrals(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProviderReferralListView(ProviderReferralMixin, View):
    """Referrals the customers accepted, with only what they allowed (logged as disclosures)."""

    template_name = "expert/provider_referrals.html"

    def get(self, request):
        referrals = list(selectors.provider_referral_list(viewer=request.user)[:200])
        services.referral_disclosures_record(viewer=request.user, referrals=referrals)
        rows = [selectors.referral_provider_view(r) for r in referrals]
        return render(
            request,
            self.template_name,
            {"rows": rows, "update_form": forms.ReferralUpdateForm()},
        )


class ProviderReferralUpdateView(ProviderReferralMixin, View):
    def post(self, request, referral_id):
        referral = selectors.provider_referral_get(viewer=request.user, referral_id=referral_id)
        form = forms.ReferralUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.referral_update(
                    actor=request.user,
                    referral=referral,
                    status=form.cleaned_data["status"],
                    outcome=form.cleaned_data["outcome"],
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Referral updated."))
        else:
            messages.error(request, _("Choose the new status."))
        return redirect("provider_referrals:list")
