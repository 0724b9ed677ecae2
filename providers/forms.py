from django import forms
from django.utils.translation import gettext_lazy as _

from providers.models import Provider


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    description_fi = forms.CharField(
        label=_("Description in Finnish"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Provider.Sector.choices)
    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        max_length=9,
        required=False,
        help_text=_("For example 1234567-8."),
    )
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=3,
        required=False,
        help_text=_("Public bodies without a business ID, for example 837 for Tampere."),
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    is_nationwide = forms.BooleanField(label=_("Serves the whole country"), required=False)
    regions = forms.ModelMultipleChoiceField(label=_("Regions"), queryset=None, required=False)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"), queryset=None, required=False
    )

    def __init__(self, *args, **kwargs):
        from reference.models import Municipality, Region

        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.all()
        self.fields["municipalities"].queryset = Municipality.objects.all()

    @staticmethod
    def initial_for(provider: Provider) -> dict:
        initial = {
            name: getattr(provider, name)
            for name in ProviderForm.base_fields
            if name not in ("regions", "municipalities")
        }
        initial["regions"] = list(provider.regions.all())
        initial["municipalities"] = list(provider.municipalities.all())
        return initial
