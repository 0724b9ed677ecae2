"""Situation first: describe your situation → the packages of services that fit. No login;
the text is posted (not put in the address, where it would end up in logs) and not stored."""

from django.shortcuts import render
from django.views import View

from situations import selectors
from situations.forms import SituationForm


class SituationView(View):
    template_name = "situations/situation.html"

    def _render(self, request, form, result=None, status=200):
        context = {
            "form": form,
            "result": result,
            "situations": selectors.life_situation_list(viewer=request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self._render(request, SituationForm())

    def post(self, request):
        form = SituationForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        result = selectors.situation_match(viewer=request.user, text=form.cleaned_data["text"])
        return self._render(request, form, result=result)
