"""The page's filter form (GET). Validation is openstats.params, shared with the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openstats.params import (
    ENROLMENT_MEASURES,
    RETIRED_PERIOD_PARAMETERS,
    StatisticsQuery,
    parse_measure,
    parse_period,
    parse_region,
    published_quarters,
)
from tori.exceptions import ApplicationError

MEASURE_LABELS = {
    "requests": _("Enrolment requests sent"),
    "participations": _("Started taking part in a group"),
    "referrals": _("Expert referrals started"),
}


class QuarterField(forms.ChoiceField):
    """The quarters that may be chosen; any other value is explained by parse_period (a
    quarter not yet ended, before the first one, malformed) instead of "not a valid choice"."""

    def valid_value(self, value):
        return True


class StatisticsFilterForm(forms.Form):
    period = QuarterField(
        label=_("Quarter"),
        required=False,
        help_text=_("Figures are published for each calendar quarter once it has ended."),
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        help_text=_("The figures on enrolments, services and skills of one region."),
    )
    measure = forms.ChoiceField(
        label=_("Enrolments: what is counted"),
        required=False,
        choices=[(m, MEASURE_LABELS[m]) for m in ENROLMENT_MEASURES],
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        # the latest completed quarter first: it is also the default when none is given
        self.fields["period"].choices = [(str(q), q.label) for q in published_quarters()]
        self.fields["region"].choices = [("", _("Whole country"))] + list(regions)

    # every filter, parsed; set by clean() when they are all valid (else None)
    query: StatisticsQuery | None = None

    def clean(self):
        data = super().clean()
        raw = {key: self.data.get(key, "") for key in ("period", "region", "measure")}
        raw.update({key: self.data[key] for key in RETIRED_PERIOD_PARAMETERS if key in self.data})
        parsed = {}
        for name, parse in (
            ("period", parse_period),
            ("region", parse_region),
            ("measure", parse_measure),
        ):
            try:
                parsed[name] = parse(raw)
            except ApplicationError as exc:
                field = exc.field if exc.field in self.fields else "period"
                if field not in self.errors:
                    self.add_error(field, exc.message)
        self.query = StatisticsQuery(**parsed) if len(parsed) == 3 else None
        return data
