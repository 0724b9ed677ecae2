from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from profiles.models import User
from providers.models import Provider
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
