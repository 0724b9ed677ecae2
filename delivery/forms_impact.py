"""GET filters of the impact pages: the period (whole months) and the scope."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery.selectors.impact import MAX_MONTHS, Period, add_months, month_span

MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthInput(forms.TextInput):
    input_type = "month"


def parse_month(value: str) -> datetime.date | None:
    """ "2026-03" → date(2026, 3, 1); None when the text is not a valid month."""
    match = MONTH_RE.match(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


class PeriodForm(forms.Form):
    """From month – to month; both optional (default: the last 12 months)."""

    month_error = _("Enter the month as year and month, for example 2026-03.")

    from_month = forms.CharField(
        label=_("From month"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-01"}),
        help_text=_("Year and month, e.g. 2026-01."),
    )
    to_month = forms.CharField(
        label=_("To month"),
        required=False,
        widget=MonthInput(attrs={"placeholder": "2026-12"}),
        help_text=_("Year and month, e.g. 2026-12."),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def _clean_month(self, name):
        value = self.cleaned_data.get(name) or ""
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(self.month_error, code="invalid_month")
        return month

    def clean_from_month(self):
        return self._clean_month("from_month")

    def clean_to_month(self):
        return self._clean_month("to_month")

    def clean(self):
        data = super().clean()
        if "from_month" not in data or "to_month" not in data:
            return data  # a field error already explains
        default = Period.last_months(12, today=self.today)
        last = data["to_month"] or (
            default.last if data["from_month"] is None else max(default.last, data["from_month"])
        )
        first = data["from_month"] or (
            default.first if data["to_month"] is None else add_months(last, -11)
        )
        if first > last:
            raise forms.ValidationError(
                _("The first month must not be after the last month."), code="order"
            )
        if month_span(first, last) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose a period of at most %(count)d months.") % {"count": MAX_MONTHS},
                code="too_long",
            )
        data["period"] = Period(first=first, last=last)
        return data

    def period(self) -> Period:
        """The chosen period, or the last 12 months for an unbound form."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return Period.last_months(12, today=self.today)


class ProviderImpactForm(PeriodForm):
    """A provider member with several providers picks one (platform admins: any)."""

    provider = forms.UUIDField(
        label=_("Service provider"),
        required=False,
        widget=forms.Select,
        error_messages={"invalid": _("Choose a service provider from the list.")},
    )

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].widget.choices = [
            (str(p.uuid), p.localized_name) for p in providers
        ]
        self.show_provider = len(providers) > 1
        if not self.show_provider:
            self.fields["provider"].widget = forms.HiddenInput()

    def clean(self):
        if not self.show_provider and "provider" in self._errors:
            # A hidden field shows no error of its own: repeat it for the whole form.
            for error in list(self._errors["provider"]):
                self.add_error(None, error)
        return super().clean()


class MunicipalityImpactForm(PeriodForm):
    """The expert's municipalities (all, or one) and optionally one provider."""

    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        error_messages={
            "invalid_choice": _("You can only view the municipalities of your own offices.")
        },
    )
    provider = forms.ChoiceField(
        label=_("Service provider"),
        required=False,
        error_messages={"invalid_choice": _("Choose a service provider from the list.")},
    )

    def __init__(self, *args, municipalities=(), providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All my municipalities"))] + [
            (m.code, m.name) for m in municipalities
        ]
        self.fields["provider"].choices = [("", _("All service providers"))] + [
            (str(p.uuid), p.localized_name) for p in providers
        ]
