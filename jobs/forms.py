"""Forms of the employer's job-ad pages, the organisation page and saved searches. They parse
input; jobs.services validates the domain rules and reports errors by field."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobs import codes
from jobs.models import LANGUAGE_LEVEL_CHOICES, JobAd
from profiles.codes import EDUCATION_LEVELS

LANGUAGE_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"


def _find_by_label(model, value):
    value = (value or "").strip()
    if not value:
        return None
    query = Q(label_fi__iexact=value) | Q(label_sv__iexact=value) | Q(label_en__iexact=value)
    return model.objects.filter(query).order_by("pk").first()


class JobAdForm(forms.Form):
    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
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
    occupation = forms.CharField(
        label=_("Occupation"),
        max_length=300,
        required=False,
        help_text=_("The occupation's name in the ESCO classification, for example “hitsaaja”."),
    )
    skills = forms.CharField(
        label=_("Required skills"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One ESCO skill per line, in Finnish, Swedish or English."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        error_messages={
            "invalid_choice": _("Unknown municipality. Choose one from the list."),
            "required": _("Choose the municipality of the workplace."),
        },
    )
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    remote = forms.BooleanField(label=_("Remote work possible"), required=False)
    work_time = forms.ChoiceField(
        label=_("Working time"), choices=JobAd.WorkTime.choices, widget=forms.RadioSelect
    )
    continuity = forms.ChoiceField(
        label=_("Continuity"), choices=JobAd.Continuity.choices, widget=forms.RadioSelect
    )
    start_type = forms.ChoiceField(
        label=_("Work starts"), choices=JobAd.StartType.choices, widget=forms.RadioSelect
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput, required=False)
    salary_basis = forms.ChoiceField(
        label=_("Salary basis"), choices=[("", "—"), *JobAd.SalaryBasis.choices], required=False
    )
    salary_min = forms.DecimalField(
        label=_("Salary from (EUR)"), min_value=0, decimal_places=2, required=False
    )
    salary_max = forms.DecimalField(
        label=_("Salary up to (EUR)"), min_value=0, decimal_places=2, required=False
    )
    salary_period = forms.ChoiceField(
        label=_("Salary period"), choices=[("", "—"), *JobAd.SalaryPeriod.choices], required=False
    )
    education_level = forms.ChoiceField(
        label=_("Minimum level of education required"),
        choices=[("", _("No requirement")), *EDUCATION_LEVELS],
        required=False,
    )
    cards_permits = forms.MultipleChoiceField(
        label=_("Cards and permits"),
        choices=lambda: codes.choices(codes.CARDS_PERMITS),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("To choose several, hold down Ctrl (⌘ on a Mac) while choosing."),
    )
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licences"),
        choices=lambda: codes.choices(codes.DRIVING_LICENCES),
        widget=forms.SelectMultiple(attrs={"size": 4}),
        required=False,
        help_text=_("To choose several, hold down Ctrl (⌘ on a Mac) while choosing."),
    )
    application_deadline = forms.DateField(label=_("Application deadline"), widget=DateInput)
    application_url = forms.URLField(
        label=_("Application web address"), required=False, assume_scheme="https"
    )
    application_email = forms.EmailField(label=_("Application e-mail"), required=False)
    how_to_apply_fi = forms.CharField(
        label=_("How to apply, in Finnish"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    how_to_apply_sv = forms.CharField(
        label=_("How to apply, in Swedish"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    how_to_apply_en = forms.CharField(
        label=_("How to apply, in English"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from reference.models import Municipality

        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.all()
        language_choices = [("", "—"), *codes.choices(codes.LANGUAGES)]
        level_choices = [("", "—"), *LANGUAGE_LEVEL_CHOICES]
        for index in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{index}"] = forms.ChoiceField(
                label=_("Language %(number)d") % {"number": index},
                choices=language_choices,
                required=False,
            )
            self.fields[f"level_{index}"] = forms.ChoiceField(
                label=_("Required level of language %(number)d") % {"number": index},
                choices=level_choices,
                required=False,
            )
        base = list(JobAdForm.base_fields)
        split = base.index("salary_period") + 1
        languages = [n for n in self.fields if n.startswith(("language_", "level_"))]
        self.order_fields(base[:split] + languages + base[split:])

    def clean_occupation(self):
        from reference.models import EscoOccupation

        value = self.cleaned_data.get("occupation", "")
        if not value.strip():
            return None
        occupation = _find_by_label(EscoOccupation, value)
        if occupation is None:
            raise forms.ValidationError(
                _("Unknown occupation “%(name)s”. Use the name of an ESCO occupation."),
                params={"name": value},
            )
        return occupation

    def clean_skills(self):
        from reference.models import EscoSkill

        skills, unknown = [], []
        for line in self.cleaned_data.get("skills", "").splitlines():
            if not line.strip():
                continue
            skill = _find_by_label(EscoSkill, line)
            (skills.append(skill) if skill else unknown.append(line.strip()))
        if unknown:
            raise forms.ValidationError(
                _("Unknown skill “%(name)s”. Use the names of ESCO skills."),
                params={"name": unknown[0]},
            )
        return skills

    def clean(self):
        data = super().clean()
        rows = []
        for index in range(1, LANGUAGE_ROWS + 1):
            language, level = data.get(f"language_{index}"), data.get(f"level_{index}")
            if language and not level:
                self.add_error(f"level_{index}", _("Choose the required level."))
            elif level and not language:
                self.add_error(f"language_{index}", _("Choose the language."))
            elif language:
                rows.append({"language": language, "level": level})
        data["language_requirements"] = rows
        return data

    def job_ad_data(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith(("language_", "level_")) or name == "language_requirements"
        }
        data["cards_permits"] = list(data["cards_permits"])
        data["driving_licences"] = list(data["driving_licences"])
        data["salary_basis"] = data["salary_basis"] or ""
        data["salary_period"] = data["salary_period"] or ""
        data["education_level"] = data["education_level"] or ""
        return data

    @staticmethod
    def initial_for(job_ad: JobAd) -> dict:
        initial = {
            name: getattr(job_ad, name)
            for name in JobAdForm.base_fields
            if name not in ("occupation", "skills")
        }
        initial["occupation"] = job_ad.occupation.label if job_ad.occupation_id else ""
        initial["skills"] = "\n".join(skill.label for skill in job_ad.skills.all())
        for index, row in enumerate(job_ad.language_requirements[:LANGUAGE_ROWS], start=1):
            initial[f"language_{index}"] = row["language"]
            initial[f"level_{index}"] = row["level"]
        return initial


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=200)


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's e-mail address"),
        help_text=_("Your colleague needs an employer account in Tori with this address."),
    )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120, required=False)
