"""HTML pages: the jobseeker's "Recommended for you", candidates for an employer's job ad
and services for the employer. Work without JavaScript: feedback is a plain POST form."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from jobs.models import JobAd
from matching import selectors, services
from matching.models import Kind, Recommendation
from profiles import services as profile_services
from tori import permissions as perms
from tori.exceptions import ApplicationError


class SignedInMixin:
    allowed = staticmethod(perms.is_signed_in)

    def dispatch(self, request, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ForMeView(SignedInMixin, View):
    """Jobseeker: services and jobs recommended for their profile, with the reasons."""

    allowed = staticmethod(perms.is_jobseeker)
    template_name = "matching/for_me.html"

    def get(self, request):
        profile = profile_services.jobseeker_profile_get_or_create(user=request.user)
        sections = [
            {
                "id": "services",
                "title": _("Services for you"),
                "rows": selectors.recommendation_list(
                    viewer=request.user, subject=profile, kind=Kind.SERVICE
                ),
            },
            {
                "id": "jobs",
                "title": _("Jobs for you"),
                "rows": selectors.recommendation_list(
                    viewer=request.user, subject=profile, kind=Kind.JOB
                ),
            },
        ]
        context = {
            "sections": sections,
            "empty_reason": selectors.no_recommendations_reason(profile=profile),
        }
        return render(request, self.template_name, context)


class RefreshView(SignedInMixin, View):
    """Jobseeker: ask for the recommendations to be recomputed now."""

    allowed = staticmethod(perms.is_jobseeker)

    def post(self, request):
        profile = profile_services.jobseeker_profile_get_or_create(user=request.user)
        services.recommendations_schedule_refresh(profile=profile)
        messages.success(request, _("Your recommendations are being updated."))
        return redirect("matching:for-me")


class FeedbackView(SignedInMixin, View):
    """Save a recommendation or mark it not for me (POST action=saved|dismissed)."""

    def post(self, request, pk):
        try:
            recommendation = selectors.recommendation_get(viewer=request.user, recommendation_id=pk)
        except Recommendation.DoesNotExist:
            raise Http404 from None
        try:
            services.feedback_record(
                user=request.user, recommendation=recommendation, action=request.POST.get("action")
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            if request.POST.get("action") == "dismissed":
                messages.success(request, _("We will not suggest this again."))
            else:
                messages.success(request, _("Saved."))
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect("matching:for-me")


class JobCandidatesView(SignedInMixin, View):
    """Employer: pseudonymous candidates for one of the organisation's job ads. Names and
    contact details only through the contact request flow of the profiles app."""

    allowed = staticmethod(perms.can_use_employer_pages)
    template_name = "matching/job_candidates.html"

    def get(self, request, pk):
        job_ad = get_object_or_404(JobAd.objects.select_related("organisation"), pk=pk)
        if not perms.can_view_recommendations(request.user, job_ad):
            raise Http404
        rows = selectors.recommendation_list(
            viewer=request.user, subject=job_ad, kind=Kind.CANDIDATE
        )
        return render(request, self.template_name, {"job_ad": job_ad, "rows": rows})


class EmployerServicesView(SignedInMixin, View):
    """Employer: services suggested to each of the user's organisations."""

    allowed = staticmethod(perms.can_use_employer_pages)
    template_name = "matching/employer_services.html"

    def get(self, request):
        organisations = [
            m.organisation
            for m in request.user.employer_memberships.active().select_related("organisation")
        ]
        sections = [
            {
                "organisation": organisation,
                "rows": selectors.recommendation_list(
                    viewer=request.user, subject=organisation, kind=Kind.SERVICE
                ),
            }
            for organisation in organisations
        ]
        return render(request, self.template_name, {"sections": sections})
