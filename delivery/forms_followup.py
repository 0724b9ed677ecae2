"""Forms of the diary, the guidance records and the outcomes. They parse and keep the user's
input; the rules live in delivery.services (diary, outcomes)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery.models import DiaryEntry
from expert.models import Outcome

TEXT_MAX_LENGTH = 2000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DatedEntryForm(forms.Form):
    """A date that defaults to today and cannot be picked from the future."""

    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()


class DiaryEntryForm(DatedEntryForm):
    """One short text field for the participant (works on a phone); the date is today."""

    text = forms.CharField(
        label=_("What did you do today? How did it go?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words are enough. Your coach and your employment expert see this."),
    )


class GuidanceForm(DatedEntryForm):
    contact_made = forms.TypedChoiceField(
        label=_("Did you reach the participant today?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    contact_channel = forms.ChoiceField(
        label=_("How"),
        choices=DiaryEntry.ContactChannel.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Guidance given"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Short and plain: the participant sees this too."),
    )


QUICK_CHOICES = [("", _("Not recorded now")), *DiaryEntry.ContactChannel.choices]


class OutcomeReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Where did the participant go after the service?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
    )
    outcome_date = forms.DateField(label=_("Date of the outcome"), widget=DateInput())
    note = forms.CharField(
        label=_("Note for the employment expert (optional)"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_date"].widget.attrs["max"] = timezone.localdate().isoformat()


class OutcomeReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should the service provider check or correct?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
