"""Input shapes of the provider's group pages. The domain rules are checked again in
delivery.services; these forms parse the request, render the fields and catch the obvious."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery.models import Attendance, DeliveryMode, Participation
from delivery.services.groups import MAX_HOURS, MAX_PERIOD_DAYS, MIN_HOURS

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CoachChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class GroupForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one weekday.")},
    )
    hours_per_day = forms.DecimalField(
        label=_("Hours a day"),
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
        help_text=_("Between 0.5 and 12 hours."),
    )
    delivery_mode = forms.ChoiceField(
        label=_("Usual delivery mode"), choices=DeliveryMode.choices, widget=forms.RadioSelect
    )
    remote_tools = forms.CharField(
        label=_("Tools for remote sessions"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the video meeting service and how to join."),
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)
    coaches = CoachChoiceField(
        label=_("Coaches"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skip_holidays = forms.BooleanField(
        label=_("No sessions on Finnish public holidays"), required=False, initial=True
    )

    def __init__(self, *args, services, staff, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["coaches"].queryset = staff
        if editing:
            del self.fields["service"]
            self.fields["skip_holidays"].help_text = _(
                "The days are regenerated from the schedule; days with recorded attendance are "
                "kept."
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("The last day cannot be before the first day."))
            elif (ends_on - starts_on).days > MAX_PERIOD_DAYS:
                self.add_error("ends_on", _("A group can last at most two years."))
        return data

    @staticmethod
    def initial_for(group) -> dict:
        return {
            "name": group.name,
            "starts_on": group.starts_on,
            "ends_on": group.ends_on,
            "weekdays": group.weekdays,
            "hours_per_day": group.hours_per_day,
            "delivery_mode": group.delivery_mode,
            "remote_tools": group.remote_tools,
            "capacity": group.capacity,
            "coaches": list(group.coaches.all()),
            "skip_holidays": True,
        }

    @staticmethod
    def default_initial() -> dict:
        today = timezone.localdate()
        return {
            "starts_on": today,
            "ends_on": today + datetime.timedelta(weeks=13),
            "weekdays": [1, 2, 4],
            "hours_per_day": Decimal("4"),
            "delivery_mode": DeliveryMode.ON_SITE,
            "capacity": 10,
            "skip_holidays": True,
        }


class SessionForm(forms.Form):
    delivery_mode = forms.ChoiceField(label=_("Delivery mode"), choices=DeliveryMode.choices)
    is_cancelled = forms.BooleanField(label=_("The day is cancelled"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ParticipantAddForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"), widget=forms.RadioSelect)
    joined_on = forms.DateField(label=_("Joined the group on"), widget=DateInput)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {c["value"]: c for c in candidates}
        self.fields["person"].choices = [
            (c["value"], f"{c['label']} – {c['source']}") for c in candidates
        ]

    def candidate(self) -> dict:
        return self.candidates[self.cleaned_data["person"]]


class ParticipantLeaveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did the participation end?"),
        choices=[
            (Participation.Status.COMPLETED, Participation.Status.COMPLETED.label),
            (Participation.Status.INTERRUPTED, Participation.Status.INTERRUPTED.label),
        ],
        widget=forms.RadioSelect,
    )
    left_on = forms.DateField(label=_("Last day in the group"), widget=DateInput)


class AttendanceDayForm(forms.Form):
    """One radio group, reason and note per participant taking part that day. A participant
    with no choice is left unrecorded."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            key = row["participation"].uuid.hex
            attendance = row["attendance"]
            self.fields[f"status_{key}"] = forms.ChoiceField(
                label=row["participation"].label,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=attendance.status if attendance else None,
            )
            self.fields[f"reason_{key}"] = forms.ChoiceField(
                label=_("Reason for absence"),
                choices=[("", _("– no absence –")), *Attendance.AbsenceReason.choices],
                required=False,
                initial=attendance.absence_reason if attendance else "",
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=300,
                initial=attendance.note if attendance else "",
            )

    def bound_rows(self) -> list[dict]:
        """For the template: each participant with their three bound fields."""
        result = []
        for row in self.rows:
            key = row["participation"].uuid.hex
            result.append(
                {
                    **row,
                    "status": self[f"status_{key}"],
                    "reason": self[f"reason_{key}"],
                    "note": self[f"note_{key}"],
                }
            )
        return result

    def attendance_rows(self, *, day) -> list[dict]:
        rows = []
        for row in self.rows:
            key = row["participation"].uuid.hex
            status = self.cleaned_data.get(f"status_{key}") or ""
            if not status:
                continue
            rows.append(
                {
                    "participation": row["participation"].uuid,
                    "date": day,
                    "status": status,
                    "absence_reason": self.cleaned_data.get(f"reason_{key}") or "",
                    "note": self.cleaned_data.get(f"note_{key}") or "",
                }
            )
        return rows

    def add_row_errors(self, *, recorded: list[dict], errors: list[dict]) -> None:
        """Put the service's per-row refusals next to the participant's fields."""
        prefix = {
            "status": "status",
            "absence_reason": "reason",
            "note": "note",
            "participation": "status",
            "date": "status",
        }
        for row, row_errors in zip(recorded, errors, strict=True):
            key = row["participation"].hex
            for field, messages in row_errors.items():
                for message in messages:
                    self.add_error(f"{prefix.get(field, 'status')}_{key}", message)


class ReportForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None, empty_label=None)
    month = forms.CharField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Year and month, e.g. 2026-03."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Paying municipality"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the municipalities listed.")},
    )

    def __init__(self, *args, providers, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["provider"].to_field_name = "uuid"
        self.fields["municipality"].queryset = municipalities

    def clean_month(self):
        value = self.cleaned_data["month"]
        try:
            year, month = (int(part) for part in value.split("-"))
            datetime.date(year, month, 1)
        except ValueError as error:
            raise forms.ValidationError(
                _("Give the month as year and month, e.g. 2026-03.")
            ) from error
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Give the month as year and month, e.g. 2026-03."))
        return f"{year:04d}-{month:02d}"
