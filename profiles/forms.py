from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from profiles import codes
from profiles.models import PUBLISHABLE_SECTIONS, ProfileSection, User, normalise_email
from providers.models import Provider
from reference.models import Municipality, Region
from tori.mail import mail_send_after_commit
from tori.validators import validate_business_id


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Check them and try again."
        ),
        "inactive": _("This account is not in use."),
    }
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AccountPasswordResetForm(PasswordResetForm):
    """Reset links go to active accounts and to sign-ups not yet confirmed (following the
    link proves the address, so it also confirms the sign-up)."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def get_users(self, email):
        users = User.objects.filter(email=normalise_email(email)).filter(
            Q(is_active=True) | Q(email_confirmed_at__isnull=True)
        )
        return (user for user in users if user.has_usable_password())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Rendered here, sent by the mail task after commit: a down SMTP server never
        turns the reset request into an error page."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        mail_send_after_commit(subject=subject, body=body, to=[to_email])


class SignUpForm(forms.Form):
    ROLE_CHOICES = [
        (User.Role.JOBSEEKER, _("I am looking for work or services")),
        (User.Role.EMPLOYER, _("I represent an employer")),
        (User.Role.PROVIDER, _("I represent a service provider")),
    ]
    role = forms.ChoiceField(
        label=_("Account type"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        initial=User.Role.JOBSEEKER,
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation_name = forms.CharField(
        label=_("Organisation name"),
        max_length=200,
        required=False,
        help_text=_("Employers and service providers only."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        max_length=9,
        required=False,
        help_text=_("For example 1234567-8."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Choose…")), *Provider.Sector.choices],
        help_text=_("Service providers only."),
    )
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=3,
        required=False,
        help_text=_("Public bodies without a business ID, for example 837 for Tampere."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only numbers and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_terms = forms.BooleanField(
        label=_("I have read the privacy notice and accept the terms of use."), required=True
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in (User.Role.EMPLOYER, User.Role.PROVIDER):
            if not data.get("organisation_name", "").strip():
                self.add_error("organisation_name", _("Enter the organisation's name."))
        if role == User.Role.EMPLOYER:
            self._require_business_id(data)
        if role == User.Role.PROVIDER:
            if not data.get("sector"):
                self.add_error("sector", _("Choose the organisation's sector."))
            elif data["sector"] != Provider.Sector.PUBLIC:
                self._require_business_id(data)
            elif not (data.get("business_id") or data.get("municipality_code")):
                self.add_error(
                    "municipality_code",
                    _("A public body needs a municipality code or a business ID."),
                )
        if data.get("business_id"):
            try:
                validate_business_id(data["business_id"])
            except forms.ValidationError as error:
                self.add_error("business_id", error)
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        if p1:
            candidate = User(
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def _require_business_id(self, data):
        if not data.get("business_id", "").strip():
            self.add_error("business_id", _("Enter the organisation's business ID."))


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The six-digit code from your authenticator app, or a backup code."),
    )


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enrolment code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        help_text=_(
            "The one-time code you received from an administrator, for example ABCD-EFGH-JKLM-NPQR."
        ),
    )


# --- Jobseeker profile -------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CheckboxList(forms.CheckboxSelectMultiple):
    """A list of checkboxes rendered as a fieldset by includes/form.html."""


class IntroductionForm(forms.Form):
    headline = forms.CharField(
        label=_("Headline"),
        max_length=150,
        required=False,
        help_text=_("For example: Experienced cook looking for work in Tampere."),
    )
    introduction = forms.CharField(
        label=_("Introduce yourself"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Employers see this if you publish your profile. Do not write your name or contact "
            "details here: they are shared only when you accept a contact request."
        ),
    )
    home_municipality = forms.ModelChoiceField(
        label=_("Home municipality"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        empty_label=_("Choose…"),
        help_text=_("Decides which employment services serve you. Not shown to employers."),
    )


class WishesForm(forms.Form):
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions where I would like to work"),
        queryset=Region.objects.order_by("code"),
        required=False,
        widget=CheckboxList,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities where I would like to work"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold down Ctrl (or Cmd) to choose more than one."),
    )
    working_time = forms.MultipleChoiceField(
        label=_("Working time"), choices=codes.WORKING_TIME, required=False, widget=CheckboxList
    )
    continuity = forms.MultipleChoiceField(
        label=_("Employment"), choices=codes.CONTINUITY, required=False, widget=CheckboxList
    )
    remote_ok = forms.BooleanField(label=_("Remote work suits me"), required=False)
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DateInput)


class LicencesForm(forms.Form):
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licences"),
        choices=codes.DRIVING_LICENCES,
        required=False,
        widget=CheckboxList,
    )
    cards = forms.MultipleChoiceField(
        label=_("Cards and permits"), choices=(), required=False, widget=CheckboxList
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].choices = codes.card_choices()


class SituationForm(forms.Form):
    unemployed_since = forms.DateField(
        label=_("Registered as an unemployed jobseeker since"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty if you are not registered as unemployed."),
    )
    under_30 = forms.BooleanField(label=_("I am under 30 years old"), required=False)
    immigrant = forms.BooleanField(label=_("I have moved to Finland"), required=False)
    partial_work_ability = forms.BooleanField(
        label=_("I have a partial work ability"), required=False
    )
    work_ability_reasons = forms.CharField(
        label=_("What affects your work ability (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Health information. Only you and the employment expert handling your case see "
            "it. It is never shown to employers or service providers."
        ),
    )


class FreeSkillForm(forms.Form):
    name = forms.CharField(label=_("Skill in your own words"), max_length=100)


class WorkExperienceForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=150)
    employer_name = forms.CharField(label=_("Employer"), max_length=150, required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty if the job continues."),
    )
    description = forms.CharField(
        label=_("Tasks and achievements"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EducationForm(forms.Form):
    degree = forms.CharField(label=_("Qualification or degree"), max_length=150)
    institution = forms.CharField(
        label=_("Educational institution"), max_length=150, required=False
    )
    level = forms.ChoiceField(
        label=_("Level of education"),
        choices=[("", _("Choose…")), *codes.EDUCATION_LEVELS],
        required=False,
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput)
    completed = forms.BooleanField(label=_("Completed"), required=False, initial=True)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=())
    level = forms.ChoiceField(label=_("Level"), choices=codes.LANGUAGE_LEVELS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Choose…")), *codes.language_choices()]


class PublishForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Parts of my profile that employers may see"),
        choices=(),
        widget=CheckboxList,
        error_messages={"required": _("Choose at least one part of your profile to publish.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that employers using Tori may see these parts of my profile without my "
            "name, and send me contact requests."
        ),
        error_messages={"required": _("Tick the box to give your consent.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ProfileSection.choices)
        self.fields["sections"].choices = [(s, labels[s]) for s in PUBLISHABLE_SECTIONS]


class ShareForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What the provider may see"),
        choices=ProfileSection.choices,
        widget=CheckboxList,
        required=False,
        help_text=_("Choose nothing to share only the enrolment request itself."),
    )


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the candidate"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tell about the job and why you would like to get in touch."),
    )


class CandidateSearchForm(forms.Form):
    skill = forms.CharField(label=_("Skill"), max_length=100, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=100, required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("code"),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    language = forms.ChoiceField(label=_("Language"), choices=(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *codes.language_choices()]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "skill": data.get("skill", ""),
            "occupation": data.get("occupation", ""),
            "region": data["region"].code if data.get("region") else "",
            "language": data.get("language", ""),
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile are deleted permanently."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
