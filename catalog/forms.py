from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import LANGUAGE_CHOICES, Service, TaxonomyTerm


class DateInput(forms.DateInput):
    input_type = "date"


LANG_LABELS = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}


class ServiceForm(forms.Form):
    """The provider's service form; catalog.services validates the domain rules."""

    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None, empty_label=None)
    name_fi = forms.CharField(label=_("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    summary_fi = forms.CharField(label=_("Summary in Finnish"), max_length=300, required=False)
    summary_sv = forms.CharField(label=_("Summary in Swedish"), max_length=300, required=False)
    summary_en = forms.CharField(label=_("Summary in English"), max_length=300, required=False)
    plain_summary_fi = forms.CharField(
        label=_("Plain-language summary in Finnish (selkokieli)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_(
            "Short sentences and common words. Shown when the reader chooses plain language."
        ),
    )
    plain_summary_sv = forms.CharField(
        label=_("Plain-language summary in Swedish (lättläst)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    plain_summary_en = forms.CharField(
        label=_("Plain-language summary in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    description_fi = forms.CharField(
        label=_("Description in Finnish"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Paragraphs, lists, bold text and links are kept; other markup is removed."),
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    service_type = forms.ModelChoiceField(
        label=_("Service type"),
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE),
        required=False,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP),
        required=False,
    )
    delivery_mode = forms.ChoiceField(
        label=_("Delivery mode"), choices=Service.DeliveryMode.choices, widget=forms.RadioSelect
    )
    is_nationwide = forms.BooleanField(label=_("Available nationwide"), required=False)
    regions = forms.ModelMultipleChoiceField(label=_("Regions"), queryset=None, required=False)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"), queryset=None, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the service"), choices=LANGUAGE_CHOICES, required=False
    )
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    schedule_fi = forms.CharField(label=_("Schedule in Finnish"), max_length=300, required=False)
    schedule_sv = forms.CharField(label=_("Schedule in Swedish"), max_length=300, required=False)
    schedule_en = forms.CharField(label=_("Schedule in English"), max_length=300, required=False)
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=7, required=False
    )
    hours_per_day = forms.DecimalField(
        label=_("Hours per day"), min_value=0.5, max_value=24, decimal_places=1, required=False
    )
    duration_value = forms.IntegerField(label=_("Duration"), min_value=1, required=False)
    duration_unit = forms.ChoiceField(
        label=_("Duration unit"),
        choices=[("", "—"), *Service.DurationUnit.choices],
        required=False,
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    price = forms.DecimalField(
        label=_("Price (EUR)"), min_value=0, decimal_places=2, required=False
    )
    price_terms_fi = forms.CharField(
        label=_("Price terms in Finnish"), max_length=300, required=False
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, required=False)
    enrolment_starts = forms.DateField(
        label=_("Enrolment starts"), widget=DateInput, required=False
    )
    enrolment_ends = forms.DateField(label=_("Enrolment ends"), widget=DateInput, required=False)
    funding = forms.ChoiceField(
        label=_("Funding"), choices=Service.Funding.choices, widget=forms.RadioSelect
    )
    how_to_enrol_fi = forms.CharField(
        label=_("How to enrol, in Finnish"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    def __init__(self, *args, providers, **kwargs):
        from reference.models import Municipality, Region

        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["regions"].queryset = Region.objects.all()
        self.fields["municipalities"].queryset = Municipality.objects.all()
        if providers.count() == 1:
            self.fields["provider"].widget = forms.HiddenInput()
            self.fields["provider"].initial = providers.first()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("provider")
        location = {k: data.pop(k) for k in ("street_address", "postal_code", "city")}
        data["locations"] = [location] if any(location.values()) else []
        data["languages"] = list(data["languages"])
        if data["duration_value"] is None:
            data["duration_unit"] = ""
        return data

    @staticmethod
    def initial_for(service: Service) -> dict:
        initial = {
            name: getattr(service, name)
            for name in ServiceForm.base_fields
            if hasattr(service, name) and name not in ("regions", "municipalities", "target_groups")
        }
        initial["provider"] = service.provider
        initial["target_groups"] = list(service.target_groups.all())
        initial["regions"] = list(service.regions.all())
        initial["municipalities"] = list(service.municipalities.all())
        location = service.locations.first()
        if location:
            initial.update(
                street_address=location.street_address,
                postal_code=location.postal_code,
                city=location.city,
            )
        return initial


class EnrolmentForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the provider"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Optional. Tell briefly why you are interested and how to reach you."),
    )
    share_sections = forms.MultipleChoiceField(
        label=_("What of my profile the provider may see"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You can change this later under My profile."),
    )

    def __init__(self, *args, jobseeker: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if jobseeker:
            from profiles.models import ProfileSection

            self.fields["share_sections"].choices = ProfileSection.choices
        else:
            del self.fields["share_sections"]


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
