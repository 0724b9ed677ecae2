"""The profile's skills step: write or upload, see suggestions with evidence, accept or reject.

Works with plain form posts; with htmx the same views answer with page fragments."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views import View
from django_htmx.http import reswap, retarget

from skills import extraction, selectors, services
from skills.forms import CvUploadForm, SuggestTextForm
from skills.messages import error_message
from tori import permissions as perms
from tori.exceptions import ApplicationError


def _ui_language():
    return (get_language() or "fi")[:2]


class JobseekerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not perms.can_use_skill_recommender(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _page_context(request, *, text_form=None, upload_form=None, run=None):
    latest = run or selectors.suggestion_run_list(viewer=request.user).first()
    return {
        "text_form": text_form or SuggestTextForm(),
        "upload_form": upload_form or CvUploadForm(),
        "run": latest,
        "run_queued": bool(latest) and selectors.suggestion_run_is_queued(run=latest),
        "items": selectors.suggestion_items(run=latest) if latest else [],
        "profile": selectors.profile_items(viewer=request.user, profile_user=request.user),
    }


class ProfileSkillsView(JobseekerRequiredMixin, View):
    template_name = "skills/profile_skills.html"

    def get(self, request):
        return render(request, self.template_name, _page_context(request))


class SuggestTextView(JobseekerRequiredMixin, View):
    def post(self, request):
        form = SuggestTextForm(request.POST)
        if form.is_valid():
            try:
                run = services.suggestion_run_create_from_text(
                    user=request.user,
                    text=form.cleaned_data["text"],
                    language=form.cleaned_data["language"] or None,
                    ui_language=_ui_language(),
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                if request.htmx:
                    return render(request, "skills/_run.html", _page_context(request, run=run))
                return redirect(reverse("skills:run-detail", args=[run.pk]))
        if request.htmx:
            # htmx swaps only 2xx answers: show the form with its errors in place of itself
            response = render(request, "skills/_text_form.html", {"text_form": form})
            return reswap(retarget(response, "#text-form"), "outerHTML")
        return render(
            request,
            "skills/profile_skills.html",
            _page_context(request, text_form=form),
            status=400,
        )


class UploadCvView(JobseekerRequiredMixin, View):
    def post(self, request):
        upload = request.FILES.get("file")
        form = CvUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                if upload is None:
                    raise ApplicationError(error_message("empty_file"), field="file")
                if upload.size > extraction.MAX_UPLOAD_BYTES:
                    raise ApplicationError(error_message("too_large"), field="file")
                run = services.suggestion_run_create_from_file(
                    user=request.user,
                    name=upload.name,
                    data=upload.read(),
                    language=form.cleaned_data["language"] or None,
                    ui_language=_ui_language(),
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                return redirect(reverse("skills:run-detail", args=[run.pk]))
        return render(
            request,
            "skills/profile_skills.html",
            _page_context(request, upload_form=form),
            status=400,
        )


class RunDetailView(JobseekerRequiredMixin, View):
    def get(self, request, run_id):
        run = selectors.suggestion_run_get(viewer=request.user, run_id=run_id)
        if run is None:
            raise Http404
        if request.htmx:
            return render(request, "skills/_run.html", _page_context(request, run=run))
        return render(request, "skills/profile_skills.html", _page_context(request, run=run))


class DecideView(JobseekerRequiredMixin, View):
    def post(self, request, run_id):
        run = selectors.suggestion_run_get(viewer=request.user, run_id=run_id)
        if run is None:
            raise Http404
        accept = request.POST.get("decision") == "accept"
        try:
            item = services.suggestion_decide(
                run=run, uri=request.POST.get("uri", ""), accept=accept, actor=request.user
            )
        except ApplicationError as error:
            if request.htmx:
                response = render(request, "skills/_error.html", {"message": error.message})
                return reswap(response, "afterend")
            raise Http404 from None
        position = [s["uri"] for s in run.result].index(item["uri"])
        item = selectors.localized_items([item])[0]
        if request.htmx:
            return render(
                request, "skills/_suggestion.html", {"item": item, "run": run, "position": position}
            )
        return redirect(reverse("skills:run-detail", args=[run.pk]) + f"#suggestion-{position}")


class RemoveItemView(JobseekerRequiredMixin, View):
    def post(self, request):
        services.profile_item_remove(
            user=request.user, kind=request.POST.get("kind", ""), uri=request.POST.get("uri", "")
        )
        return redirect(reverse("skills:profile-skills"))
