"""Jobseeker profile pages, consent, My data; candidate search and contact requests for
employers; the data a jobseeker shared with a provider. Views parse and render: permissions
come from tori.permissions, reads from selectors, writes from services."""

import json
from abc import ABC, abstractmethod

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from catalog import selectors as catalog_selectors
from profiles import forms, selectors, services
from profiles.models import PUBLISHABLE_SECTIONS, DataAccessLog, ProfileConsent, ProfileSection
from tori import permissions as perms
from tori.exceptions import ApplicationError


class RoleRequiredMixin(ABC):
    """Anonymous visitors are sent to sign in; signed-in users without the role get 403."""

    @abstractmethod
    def allowed(self, user) -> bool:
        """Whether a signed-in user may use the view."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class JobseekerMixin(RoleRequiredMixin):
    def allowed(self, user) -> bool:
        return perms.can_manage_own_data(user)

    def dispatch(self, request, *args, **kwargs):
        if perms.can_manage_own_data(request.user):
            services.jobseeker_profile_get_or_create(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    @property
    def profile(self):
        return selectors.own_profile_get(viewer=self.request.user)


class EmployerMixin(RoleRequiredMixin):
    def allowed(self, user) -> bool:
        return perms.can_search_candidates(user)


# --- Jobseeker: profile ----------------------------------------------------------------------


class ProfileOverviewView(JobseekerMixin, View):
    template_name = "profiles/profile_overview.html"

    def get(self, request):
        profile = self.profile
        return render(
            request,
            self.template_name,
            {
                "profile": profile,
                "data": selectors.profile_sections_data(
                    profile=profile, sections=ProfileSection.values
                ),
                "work_ability_reasons": selectors.work_ability_get(
                    viewer=request.user, profile=profile
                ),
                "publish_consent": selectors.active_publish_consent(viewer=request.user),
                "pending_requests": selectors.contact_request_list(viewer=request.user)
                .filter(status="pending")
                .count(),
                "free_skill_form": forms.FreeSkillForm(),
                "work_form": forms.WorkExperienceForm(),
                "education_form": forms.EducationForm(),
                "language_form": forms.LanguageForm(),
                "entries": {
                    "free_skills": list(profile.free_skills.all()),
                    "work_history": list(profile.work_history.all()),
                    "education": list(profile.education.all()),
                    "languages": list(profile.languages.all()),
                },
            },
        )


class ProfileFormView(JobseekerMixin, View):
    """A page with one form that updates one part of the profile."""

    template_name = "profiles/profile_form.html"
    form_class = None
    title = ""
    intro = ""

    def initial(self, profile) -> dict:
        return {}

    @abstractmethod
    def save(self, profile, data) -> None:
        """Write the cleaned form data through a profiles service."""

    def render_form(self, form, status=200):
        context = {"form": form, "title": self.title, "intro": self.intro}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_form(self.form_class(initial=self.initial(self.profile)))

    def post(self, request):
        profile = self.profile
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(profile, form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("profiles:overview")
        return self.render_form(form, status=400)


class IntroductionEditView(ProfileFormView):
    form_class = forms.IntroductionForm

    @property
    def title(self):
        return _("Introduction")

    def initial(self, profile):
        return {
            "headline": profile.headline,
            "introduction": profile.introduction,
            "home_municipality": profile.home_municipality_id,
        }

    def save(self, profile, data):
        services.jobseeker_introduction_update(
            profile=profile,
            actor=self.request.user,
            headline=data["headline"],
            introduction=data["introduction"],
            home_municipality=data["home_municipality"],
        )


class WishesEditView(ProfileFormView):
    form_class = forms.WishesForm

    @property
    def title(self):
        return _("Job wishes")

    def initial(self, profile):
        return {
            "regions": list(profile.wish_regions.all()),
            "municipalities": list(profile.wish_municipalities.all()),
            "working_time": profile.working_time,
            "continuity": profile.continuity,
            "remote_ok": profile.remote_ok,
            "available_from": profile.available_from,
        }

    def save(self, profile, data):
        services.jobseeker_wishes_update(profile=profile, actor=self.request.user, **data)


class LicencesEditView(ProfileFormView):
    form_class = forms.LicencesForm

    @property
    def title(self):
        return _("Driving licences, cards and permits")

    def initial(self, profile):
        return {"driving_licences": profile.driving_licences, "cards": profile.cards}

    def save(self, profile, data):
        services.jobseeker_licences_update(profile=profile, actor=self.request.user, **data)


class SituationEditView(ProfileFormView):
    form_class = forms.SituationForm

    @property
    def title(self):
        return _("My situation")

    @property
    def intro(self):
        return _(
            "Services are targeted by these details: for example services for young people, "
            "for people who have moved to Finland or for the long-term unemployed. They are "
            "never shown to employers."
        )

    def initial(self, profile):
        return {
            "unemployed_since": profile.unemployed_since,
            "under_30": profile.under_30,
            "immigrant": profile.immigrant,
            "partial_work_ability": profile.partial_work_ability,
            "work_ability_reasons": selectors.work_ability_get(
                viewer=self.request.user, profile=profile
            ),
        }

    def save(self, profile, data):
        services.jobseeker_situation_update(profile=profile, actor=self.request.user, **data)


ITEM_FORMS = {
    "free-skill": (forms.FreeSkillForm, services.free_skill_add),
    "work": (forms.WorkExperienceForm, services.work_experience_add),
    "education": (forms.EducationForm, services.education_add),
    "language": (forms.LanguageForm, services.language_add),
}


class ProfileItemAddView(JobseekerMixin, View):
    """Add an entry to one of the profile's lists (work history, education, …)."""

    template_name = "profiles/profile_form.html"

    def post(self, request, kind):
        if kind not in ITEM_FORMS:
            raise Http404
        form_class, service = ITEM_FORMS[kind]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(profile=self.profile, actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Added to your profile."))
                return redirect("profiles:overview")
        return render(
            request,
            self.template_name,
            {"form": form, "title": _("Add to your profile"), "action": request.path},
            status=400,
        )


# kind → form, update service, page title
ITEM_EDIT_FORMS = {
    "work": (
        forms.WorkExperienceForm,
        services.work_experience_update,
        gettext_lazy("Edit work experience"),
    ),
    "education": (forms.EducationForm, services.education_update, gettext_lazy("Edit education")),
}


class ProfileItemEditView(JobseekerMixin, View):
    """Correct an entry of the work history or education (e.g. the end date of a job)."""

    template_name = "profiles/profile_form.html"

    def dispatch(self, request, *args, **kwargs):
        # anonymous visitors and other roles: the mixin (sign in / 403); a jobseeker gets 404
        # for a kind that cannot be edited and for an entry that is not theirs
        if perms.can_manage_own_data(request.user):
            kind = kwargs["kind"]
            self.entry = (
                selectors.own_profile_item_get(
                    viewer=request.user, kind=kind, item_id=kwargs["item_id"]
                )
                if kind in ITEM_EDIT_FORMS
                else None
            )
            if self.entry is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, kind, status=200):
        title = ITEM_EDIT_FORMS[kind][2]
        return render(
            self.request, self.template_name, {"form": form, "title": title}, status=status
        )

    def get(self, request, kind, item_id):
        form_class = ITEM_EDIT_FORMS[kind][0]
        initial = {name: getattr(self.entry, name) for name in form_class.base_fields}
        return self.render_page(form_class(initial=initial), kind)

    def post(self, request, kind, item_id):
        form_class, service, _title = ITEM_EDIT_FORMS[kind]
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(
                    profile=self.profile, actor=request.user, item_id=item_id, **form.cleaned_data
                )
            except ApplicationError as error:
                if error.code == "not_found":
                    raise Http404 from None
                error.add_to_form(form)
            else:
                messages.success(request, _("Saved."))
                return redirect("profiles:overview")
        return self.render_page(form, kind, status=400)


class ProfileItemDeleteView(JobseekerMixin, View):
    def post(self, request, kind, item_id):
        try:
            services.profile_item_delete(
                profile=self.profile, actor=request.user, kind=kind, item_id=item_id
            )
        except ApplicationError as error:
            if error.code == "not_found" or error.field == "kind":
                raise Http404 from None
            raise
        messages.success(request, _("Removed from your profile."))
        return redirect("profiles:overview")


# --- Jobseeker: consent and sharing ----------------------------------------------------------


class PublishView(JobseekerMixin, View):
    template_name = "profiles/publish.html"

    def render_page(self, form, status=200):
        profile = self.profile
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "profile": profile,
                "consent": selectors.active_publish_consent(viewer=self.request.user),
                "preview": selectors.profile_sections_data(
                    profile=profile, sections=profile.published_sections
                ),
                "version": services.PUBLISH_CONSENT_VERSION,
            },
            status=status,
        )

    def get(self, request):
        profile = self.profile
        initial = {"sections": profile.published_sections or list(PUBLISHABLE_SECTIONS)}
        return self.render_page(forms.PublishForm(initial=initial))

    def post(self, request):
        if request.POST.get("action") == "withdraw":
            services.profile_unpublish(profile=self.profile, actor=request.user)
            messages.success(request, _("Your profile is no longer visible to employers."))
            return redirect("profiles:publish")
        form = forms.PublishForm(request.POST)
        if form.is_valid():
            try:
                services.profile_publish(
                    profile=self.profile,
                    actor=request.user,
                    sections=form.cleaned_data["sections"],
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request, _("Your profile is now visible to employers without your name.")
                )
                return redirect("profiles:publish")
        return self.render_page(form, status=400)


class SharingView(JobseekerMixin, View):
    """What each provider the jobseeker enrolled with may see."""

    template_name = "profiles/sharing.html"

    def get(self, request):
        shares = selectors.provider_share_list(viewer=request.user)
        for share in shares:
            scope = share["consent"].scope if share["consent"] else []
            share["form"] = forms.ShareForm(
                initial={"sections": scope}, prefix=f"e{share['enrolment'].pk}"
            )
        return render(request, self.template_name, {"shares": shares})

    def post(self, request):
        try:
            enrolment_id = int(request.POST.get("enrolment", ""))
        except ValueError:
            raise Http404 from None
        enrolment = catalog_selectors.enrolment_list_for_user(viewer=request.user).filter(
            pk=enrolment_id
        )
        enrolment = enrolment.first()
        if enrolment is None:
            raise Http404
        form = forms.ShareForm(request.POST, prefix=f"e{enrolment.pk}")
        if form.is_valid():
            try:
                services.provider_share_set(
                    actor=request.user, enrolment=enrolment, sections=form.cleaned_data["sections"]
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your choice was saved."))
                return redirect("profiles:sharing")
        else:
            messages.error(request, _("Choose from the list."))
        return redirect("profiles:sharing")


class ContactRequestListView(JobseekerMixin, View):
    template_name = "profiles/contact_requests.html"

    def get(self, request):
        requests = selectors.contact_request_list(viewer=request.user)
        return render(request, self.template_name, {"contact_requests": requests})


class ContactRequestAnswerView(JobseekerMixin, View):
    def post(self, request, request_id):
        contact = selectors.contact_request_get(viewer=request.user, request_id=request_id)
        accept = request.POST.get("decision") == "accept"
        try:
            services.contact_request_answer(
                actor=request.user, contact_request=contact, accept=accept
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("You accepted. The employer now sees your name and e-mail address.")
                if accept
                else _("You declined the request."),
            )
        return redirect("profiles:contact-requests")


# --- Jobseeker: My data ------------------------------------------------------------------------


class MyDataView(JobseekerMixin, View):
    template_name = "profiles/my_data.html"

    def get(self, request):
        log = selectors.data_access_log_list(viewer=request.user)
        page = Paginator(log, 50).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "log_page": page,
                "consents": selectors.consent_list(viewer=request.user),
                "purposes": DataAccessLog.Purpose,
                "consent_purposes": ProfileConsent.Purpose,
            },
        )


class MyDataExportView(JobseekerMixin, View):
    def get(self, request):
        data = selectors.my_data_export(viewer=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="tori-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


class ConsentWithdrawView(JobseekerMixin, View):
    def post(self, request, consent_id):
        consent = get_object_or_404(selectors.consent_list(viewer=request.user), pk=consent_id)
        try:
            services.consent_withdraw(consent=consent, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The consent was withdrawn."))
        return redirect("profiles:my-data")


class AccountDeleteView(JobseekerMixin, View):
    template_name = "profiles/account_delete.html"

    def get(self, request):
        return render(request, self.template_name, {"form": forms.DeleteAccountForm()})

    def post(self, request):
        form = forms.DeleteAccountForm(request.POST)
        if form.is_valid():
            user = request.user
            try:
                services.account_delete(
                    user=user, actor=user, password=form.cleaned_data["password"]
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                logout(request)
                messages.success(request, _("Your account and personal data were deleted."))
                return redirect("home")
        return render(request, self.template_name, {"form": form}, status=400)


# --- Employers: candidate search and contact requests --------------------------------------


class CandidateSearchView(EmployerMixin, View):
    template_name = "profiles/candidate_search.html"

    def get(self, request):
        form = forms.CandidateSearchForm(request.GET or None)
        filters = form.filters() if request.GET else {}
        results = selectors.candidate_list(viewer=request.user, filters=filters)
        page = Paginator(results, 20).get_page(request.GET.get("page"))
        cards = [
            selectors.candidate_data(viewer=request.user, profile=p, with_contact=False)
            for p in page
        ]
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            self.template_name,
            {"form": form, "page": page, "cards": cards, "query": query.urlencode()},
        )


class CandidateDetailView(EmployerMixin, View):
    template_name = "profiles/candidate_detail.html"

    def render_page(self, profile, form=None, status=200):
        request = self.request
        data = selectors.candidate_data(viewer=request.user, profile=profile)
        if "contact" in data["sections"]:
            organisations = ", ".join(
                m.organisation.name
                for m in request.user.employer_memberships.active().select_related("organisation")
            )
            services.data_access_record(
                subject=profile.user,
                accessor=request.user,
                purpose=DataAccessLog.Purpose.EMPLOYER_CANDIDATE,
                sections=data["sections"],
                object_ref=str(profile.public_id),
                organisation=organisations,
            )
        return render(
            request,
            self.template_name,
            {
                "profile": profile,
                "data": data,
                "requests": selectors.contact_requests_for_candidate(
                    viewer=request.user, profile=profile
                ),
                "form": form or forms.ContactRequestForm(),
            },
            status=status,
        )

    def get(self, request, public_id):
        profile = selectors.candidate_get(viewer=request.user, public_id=public_id)
        return self.render_page(profile)

    def post(self, request, public_id):
        profile = selectors.candidate_get(viewer=request.user, public_id=public_id)
        form = forms.ContactRequestForm(request.POST)
        if form.is_valid():
            try:
                services.contact_request_create(
                    actor=request.user, profile=profile, message=form.cleaned_data["message"]
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(
                    request, _("Your contact request was sent. You will see the answer here.")
                )
                return redirect("profiles:candidate-detail", public_id=profile.public_id)
        return self.render_page(profile, form=form, status=400)


class SentContactRequestsView(EmployerMixin, View):
    template_name = "profiles/sent_contact_requests.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"contact_requests": selectors.contact_request_list(viewer=request.user)},
        )


# --- Providers: what a person shared with their enrolment ---------------------------------------


class EnrolmentSharedDataView(RoleRequiredMixin, View):
    template_name = "profiles/enrolment_shared.html"

    def allowed(self, user) -> bool:
        return perms.is_provider_member(user)

    def get(self, request, enrolment_id):
        enrolment = catalog_selectors.enrolment_get(viewer=request.user, enrolment_id=enrolment_id)
        data = selectors.enrolment_shared_data(viewer=request.user, enrolment=enrolment)
        if data["sections"]:
            services.data_access_record(
                subject=enrolment.user,
                accessor=request.user,
                purpose=DataAccessLog.Purpose.PROVIDER_ENROLMENT,
                sections=data["sections"],
                object_ref=str(enrolment.pk),
                organisation=enrolment.service.provider.name,
            )
        return render(request, self.template_name, {"enrolment": enrolment, "data": data})
