from django import forms
from django.utils.translation import gettext_lazy as _

from eservices.models import AVAILABILITY
from profiles import codes
from profiles.forms import DateInput
from profiles.models import EmployerOrganisation
from reference.models import Municipality


class RegistrationForm(forms.Form):
    start_date = forms.DateField(
        label=_("Unemployed from"),
        widget=DateInput,
        help_text=_("The first day you are without work. At most two weeks ahead."),
    )
    previous_work = forms.CharField(
        label=_("Previous work"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your latest job title and tasks."),
    )
    previous_employer = forms.CharField(
        label=_("Previous employer"), max_length=150, required=False
    )
    previous_work_ended = forms.DateField(
        label=_("Previous work ended"), widget=DateInput, required=False
    )
    education = forms.CharField(
        label=_("Education"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your qualifications and degrees."),
    )
    education_level = forms.ChoiceField(
        label=_("Highest level of education"),
        choices=[("", _("Choose…")), *codes.EDUCATION_LEVELS],
        required=False,
    )
    availability = forms.ChoiceField(
        label=_("I am available for"), choices=AVAILABILITY, widget=forms.RadioSelect
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    additional_information = forms.CharField(
        label=_("Anything else the employment services should know"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("The information I gave is correct."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class WageSubsidyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Employer"), queryset=EmployerOrganisation.objects.none(), empty_label=None
    )
    person_name = forms.CharField(label=_("Name of the person to be hired"), max_length=150)
    person_email = forms.EmailField(
        label=_("E-mail address of the person"), required=False, max_length=254
    )
    job_title = forms.CharField(label=_("Job title"), max_length=150)
    municipality = forms.ModelChoiceField(
        label=_("Municipality of the workplace"),
        queryset=Municipality.objects.all(),
        error_messages={
            "invalid_choice": _("Unknown municipality. Choose one from the list."),
            "required": _("Choose the municipality of the workplace."),
        },
        help_text=_("The employment services of this municipality handle the application."),
    )
    start_date = forms.DateField(label=_("Employment starts"), widget=DateInput)
    end_date = forms.DateField(label=_("Employment ends"), widget=DateInput)
    weekly_hours = forms.DecimalField(
        label=_("Working hours per week"), min_value=1, max_value=40, decimal_places=1
    )
    monthly_wage = forms.DecimalField(
        label=_("Gross monthly wage (euros)"), min_value=1, max_value=20000, decimal_places=2
    )
    justification = forms.CharField(
        label=_("Why is the subsidy needed?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the training or support the person needs in the job."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
