"""Input shapes of the expert view and "My plan". Validation of the domain rules is in
services; these forms only parse the request and render the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eservices.models import EserviceItem
from expert.models import Outcome, Plan, Referral, ServiceNeedAssessment


class DateInput(forms.DateInput):
    input_type = "date"


class AssessmentForm(forms.Form):
    work_ability = forms.ChoiceField(
        label=_("Work ability"),
        choices=ServiceNeedAssessment.WorkAbility.choices,
        widget=forms.RadioSelect,
    )
    skills = forms.CharField(
        label=_("Skills and strengths"), required=False, max_length=3000, widget=forms.Textarea
    )
    barriers = forms.MultipleChoiceField(
        label=_("Barriers to employment"),
        choices=ServiceNeedAssessment.Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    barriers_note = forms.CharField(
        label=_("More about the barriers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea,
        help_text=_("Do not write health details here."),
    )
    agreed_goal = forms.CharField(
        label=_("Agreed goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of plan"), choices=Plan.Kind.choices)
    goal = forms.CharField(
        label=_("Goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_date = forms.DateField(label=_("Deadline"), required=False, widget=DateInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Journal note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Internal: the customer and providers do not see notes."),
    )


class ReferralForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the customer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (Referral.Status.STARTED, Referral.Status.STARTED.label),
            (Referral.Status.COMPLETED, Referral.Status.COMPLETED.label),
            (Referral.Status.INTERRUPTED, Referral.Status.INTERRUPTED.label),
        ],
    )
    outcome = forms.ChoiceField(
        label=_("Outcome after the service"),
        choices=[("", "–"), *Outcome.choices],
        required=False,
    )


class JobOfferForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the customer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    outcome_date = forms.DateField(label=_("Date of the outcome"), widget=DateInput)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (EserviceItem.Status.APPROVED, _("Approve")),
            (EserviceItem.Status.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection. The applicant sees it."),
    )


class FilterForm(forms.Form):
    """GET filters of the lists; invalid values are ignored."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All"))] + [
            (m.code, m.name) for m in municipalities
        ]

    def values(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ReferralAnswerForm(forms.Form):
    accept = forms.ChoiceField(choices=[("yes", _("Accept")), ("no", _("Decline"))])
    share_first_name = forms.BooleanField(
        label=_("The service provider may see my first name"), required=False
    )
