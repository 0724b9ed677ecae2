from django.views.generic import TemplateView

from expert import selectors
from expert.mixins import ExpertRequiredMixin


class WorklistView(ExpertRequiredMixin, TemplateView):
    template_name = "expert/worklist.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offices"] = selectors.office_list(viewer=self.request.user)
        return context
