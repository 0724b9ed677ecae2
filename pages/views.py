"""The accessibility statement with its feedback form (no login needed)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from pages import services, statement
from pages.forms import AccessibilityFeedbackForm
from tori.exceptions import ApplicationError


class AccessibilityStatementView(View):
    template_name = "pages/accessibility.html"

    def _render(self, request, form, status=200):
        context = {
            "form": form,
            "statement": statement,
            "known_issues": statement.KNOWN_ISSUES,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, AccessibilityFeedbackForm())

    def post(self, request):
        form = AccessibilityFeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.accessibility_feedback_create(
                    user=request.user,
                    message=form.cleaned_data["message"],
                    email=form.cleaned_data["email"],
                    page_url=form.cleaned_data["page_url"],
                    language=(get_language() or "fi")[:2],
                )
            except ApplicationError as error:
                error.add_to_form(form)
            else:
                messages.success(request, _("Thank you. Your feedback was sent."))
                return redirect("pages:accessibility")
        return self._render(request, form, status=400)
