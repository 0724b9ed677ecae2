"""Impact pages: a provider's own impact, and the municipality view over all providers.

Each chart is followed by a table of the same numbers and a CSV link: the same URL with
``?format=csv&table=<key>`` (UTF-8 with a BOM, ``;`` as the separator and the language's
decimal separator, so that a spreadsheet opens it as is). Bad filters → the page again with a
message and 400; never a 500."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from delivery import charts
from delivery.forms_impact import MunicipalityImpactForm, ProviderImpactForm
from delivery.selectors import impact as selectors
from expert.models import Outcome
from tori import permissions as perms

CSS = "css/charts.css"


# --- Cells and tables: one source for the HTML table and the CSV --------------------------


@dataclass(frozen=True)
class Money:
    value: Decimal


@dataclass(frozen=True)
class Share:
    value: float | None


def _html_cell(value) -> str:
    if isinstance(value, Money):
        return f"{formats.number_format(value.value, 2, use_l10n=True, force_grouping=True)} €"
    if isinstance(value, Share):
        return _share_text(value.value)
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return "–" if value is None else str(value)


def _csv_cell(value) -> str:
    if isinstance(value, Money):
        return formats.number_format(value.value, 2, use_l10n=True)
    if isinstance(value, Share):
        if value.value is None:
            return ""
        return formats.number_format(round(value.value * 100, 1), 1, use_l10n=True)
    return "" if value is None else str(value)


def _share_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{formats.number_format(round(value * 100), use_l10n=True)} %"


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    footer: list | None = None
    csv_url: str = ""

    @property
    def html_rows(self):
        """Rows of (text, is_number) pairs: numbers are right-aligned in the table."""
        return [[(_html_cell(cell), _is_number(cell)) for cell in row] for row in self.rows]

    @property
    def html_footer(self):
        if not self.footer:
            return None
        return [(_html_cell(cell), _is_number(cell)) for cell in self.footer]

    @property
    def footer_texts(self):
        return [_html_cell(cell) for cell in self.footer or []]


def _is_number(value) -> bool:
    return isinstance(value, (int, Money, Share)) and not isinstance(value, bool)


def _csv_response(table: Table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    if table.footer:
        writer.writerow([_csv_cell(cell) for cell in table.footer])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Building the page ----------------------------------------------------------------------


def _month_label(month) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def _month_short(month) -> str:
    return f"{month.month}/{month.year}"


def _outcome_label(value: str) -> str:
    return str(dict(Outcome.choices).get(value, value))


def _tariff_label(tariff) -> str:
    return tariff.name if tariff is not None else _("No tariff")


def _period_text(period) -> str:
    return _("%(first)s – %(last)s") % {
        "first": _month_label(period.first),
        "last": _month_label(period.last),
    }


def _tables(report, *, municipality_view: bool) -> dict[str, Table]:
    months, total = report.months, report.total
    tables = {}
    tables["participants"] = Table(
        key="participants",
        caption=_("Participants per month"),
        headers=[_("Month"), _("Participants")],
        rows=[[_month_label(m.month), m.participants] for m in months],
        footer=[_("Whole period (each person once)"), total.participants],
    )
    tables["attendance"] = Table(
        key="attendance",
        caption=_("Attendance and sessions per month"),
        headers=[
            _("Month"),
            _("Days present on site"),
            _("Days present remotely"),
            _("Days absent"),
            _("Share of remote days"),
            _("Sessions on site"),
            _("Remote sessions"),
            _("Hybrid sessions"),
            _("Share of remote or hybrid sessions"),
        ],
        rows=[
            [
                _month_label(m.month),
                m.days_onsite,
                m.days_remote,
                m.days_absent,
                Share(m.remote_day_share),
                m.sessions_onsite,
                m.sessions_remote,
                m.sessions_hybrid,
                Share(m.remote_session_share),
            ]
            for m in months
        ],
        footer=[
            _("Total"),
            total.days_onsite,
            total.days_remote,
            total.days_absent,
            Share(total.remote_day_share),
            total.sessions_onsite,
            total.sessions_remote,
            total.sessions_hybrid,
            Share(total.remote_session_share),
        ],
    )
    tables["outcomes"] = Table(
        key="outcomes",
        caption=_("Outcomes by category"),
        headers=[_("Outcome"), _("Confirmed"), _("Reported, waiting for confirmation")],
        rows=[[row.label, row.confirmed, row.pending] for row in report.outcomes],
        footer=[_("Total"), total.confirmed, total.pending],
    )
    tables["outcomes_by_month"] = Table(
        key="outcomes_by_month",
        caption=_("Confirmed outcomes per month by category"),
        headers=[
            _("Month"),
            *[str(label) for label in Outcome.labels],
            _("Waiting for confirmation"),
        ],
        rows=[[_month_label(m.month), *m.outcome_counts(), m.pending] for m in months],
        footer=[_("Total"), *total.outcome_counts(), total.pending],
    )
    payment_headers = [
        _("Paying municipality"),
        _("Tariff"),
        _("Outcome"),
        _("Confirmed outcomes"),
        _("Rate"),
        _("Compensation due"),
    ]
    payment_rows = [
        [
            p.municipality_label,
            _tariff_label(p.line.tariff),
            _outcome_label(p.line.outcome),
            p.line.count,
            Money(p.line.rate) if p.line.rate is not None else _("No rate"),
            Money(p.amount),
        ]
        for p in report.payments
    ]
    if municipality_view:
        payment_headers.insert(0, _("Service provider"))
        for row, payment in zip(payment_rows, report.payments, strict=True):
            row.insert(0, payment.provider_label)
    tables["compensation"] = Table(
        key="compensation",
        caption=_("Outcome-based compensation due"),
        headers=payment_headers,
        rows=payment_rows,
        footer=[_("Total"), *[""] * (len(payment_headers) - 2), Money(report.compensation_total)],
    )
    group_headers = [
        _("Participants"),
        _("Days present on site"),
        _("Days present remotely"),
        _("Share of remote days"),
        _("Confirmed outcomes"),
        _("Reported, waiting for confirmation"),
        _("Compensation due"),
    ]

    def group_rows(groups):
        return [
            [
                g.label,
                g.participants,
                g.days_onsite,
                g.days_remote,
                Share(g.remote_day_share),
                g.confirmed,
                g.pending,
                Money(g.compensation),
            ]
            for g in groups
        ]

    if municipality_view:
        tables["providers"] = Table(
            key="providers",
            caption=_("Service providers serving residents of the municipalities"),
            headers=[_("Service provider"), *group_headers],
            rows=group_rows(report.providers),
        )
    tables["municipalities"] = Table(
        key="municipalities",
        caption=_("By paying municipality"),
        headers=[_("Municipality"), *group_headers],
        rows=group_rows(report.municipalities),
    )
    return tables


def _tariff_table(report) -> Table:
    return Table(
        key="tariffs",
        caption=_("Tariffs applied and their rates"),
        headers=[_("Tariff"), _("Municipality"), _("Valid"), *[str(x) for x in Outcome.labels]],
        rows=[
            [
                t.name,
                report.municipality_names.get(t.municipality_code, t.municipality_code)
                if t.municipality_code
                else _("Default (all other municipalities)"),
                _("from %(start)s") % {"start": date_format(t.valid_from, "SHORT_DATE_FORMAT")}
                if t.valid_until is None
                else _("%(start)s – %(end)s")
                % {
                    "start": date_format(t.valid_from, "SHORT_DATE_FORMAT"),
                    "end": date_format(t.valid_until, "SHORT_DATE_FORMAT"),
                },
                *[
                    Money(t.rates[value]) if value in t.rates else _("No rate")
                    for value in Outcome.values
                ],
            ]
            for t in report.tariffs
        ],
    )


def _charts(report, prefix: str) -> dict[str, str]:
    months = report.months
    period = _period_text(report.period)
    categories = [_month_short(m.month) for m in months]
    no_data = _("No data for this period")
    attendance = charts.stacked_bar_chart(
        chart_id=f"{prefix}-attendance",
        title=_("Days present on site and remotely, share by month"),
        desc=_(
            "Stacked bars, %(period)s: for each month the share of days present on site "
            "(solid blue) and remotely (striped orange) of all days present. The numbers are "
            "in the table after the chart."
        )
        % {"period": period},
        categories=categories,
        series=[
            charts.Series(_("Present on site"), [m.days_onsite for m in months], "solid"),
            charts.Series(_("Present remotely"), [m.days_remote for m in months], "hatch"),
        ],
        no_data_text=no_data,
        format_share=_share_text,
    )
    participants = charts.bar_chart(
        chart_id=f"{prefix}-participants",
        title=_("Participants per month"),
        desc=_("Bars, %(period)s: participants taking part in each month.") % {"period": period},
        labels=categories,
        values=[m.participants for m in months],
        no_data_text=no_data,
    )
    outcomes = charts.horizontal_bar_chart(
        chart_id=f"{prefix}-outcomes",
        title=_("Outcomes by category"),
        desc=_(
            "Bars, %(period)s: confirmed outcomes (solid) and outcomes reported but not yet "
            "confirmed (dotted) in each category."
        )
        % {"period": period},
        labels=[str(row.label) for row in report.outcomes],
        series=[
            charts.Series(_("Confirmed"), [row.confirmed for row in report.outcomes], "solid"),
            charts.Series(
                _("Waiting for confirmation"), [row.pending for row in report.outcomes], "dots"
            ),
        ],
        no_data_text=no_data,
    )
    return {
        "attendance": mark_safe(attendance),  # noqa: S308 — built and escaped by delivery.charts
        "participants": mark_safe(participants),  # noqa: S308
        "outcomes": mark_safe(outcomes),  # noqa: S308
    }


class ImpactView(View):
    template_name = ""
    municipality_view = False

    def bad_request(self, form, fmt):
        if fmt == "csv":
            errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        return self.render_page(form=form, report=None, status=400)

    def respond(self, *, form, report, scope_slug, extra=None):
        request = self.request
        fmt = request.GET.get("format", "")
        tables = _tables(report, municipality_view=self.municipality_view)
        params = {k: v for k, v in request.GET.items() if k not in ("format", "table")}
        for table in tables.values():
            table.csv_url = "?" + urlencode({**params, "format": "csv", "table": table.key})
        if fmt == "csv":
            table = tables.get(request.GET.get("table", ""))
            if table is None:
                return HttpResponse(
                    _("Unknown table. Use one of: %(keys)s.") % {"keys": ", ".join(tables)},
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            period = report.period
            filename = (
                f"tori-impact-{scope_slug}-{table.key}-{period.first:%Y-%m}-{period.last:%Y-%m}.csv"
            )
            return _csv_response(table, filename)
        context = {
            "report": report,
            "tables": tables,
            "tariff_table": _tariff_table(report),
            "charts": _charts(report, "impact"),
            "period_text": _period_text(report.period),
            **(extra or {}),
        }
        return self.render_page(form=form, **context)

    def render_page(self, *, form, status=200, **context):
        return render(
            self.request,
            self.template_name,
            {"form": form, "css": CSS, **context},
            status=status,
        )

    @staticmethod
    def check_format(request):
        fmt = request.GET.get("format", "")
        if fmt not in ("", "html", "csv"):
            return HttpResponse(
                _("Unknown format. Use format=csv or leave it out."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return None


class ProviderImpactView(ImpactView):
    """A provider's own impact (platform admins with a second factor: any provider)."""

    template_name = "delivery/impact/provider.html"

    def get(self, request):
        user = request.user
        if not perms.is_signed_in(user):
            return redirect_to_login(request.get_full_path())
        providers = list(selectors.impact_providers(viewer=user))
        if not providers:
            raise PermissionDenied
        if bad := self.check_format(request):
            return bad
        form = ProviderImpactForm(request.GET or None, providers=providers)
        if form.is_bound and not form.is_valid():
            return self.bad_request(form, request.GET.get("format"))
        chosen = form.cleaned_data.get("provider") if form.is_bound else None
        if chosen is not None:
            # the providers the viewer may see are those listed; any other uuid → 404
            provider = next((p for p in providers if p.uuid == chosen), None)
            if provider is None:
                raise Http404
        else:
            provider = providers[0]
        report = selectors.provider_impact(viewer=user, provider=provider, period=form.period())
        return self.respond(
            form=form,
            report=report,
            scope_slug=f"provider-{str(provider.uuid)[:8]}",
            extra={"provider": provider, "show_dashboard_link": perms.is_provider_member(user)},
        )


class MunicipalityImpactView(ImpactView):
    """Experts: the residents of their offices' municipalities, across all providers."""

    template_name = "delivery/impact/municipality.html"
    municipality_view = True

    def get(self, request):
        user = request.user
        if not perms.is_signed_in(user):
            return redirect_to_login(request.get_full_path())
        if not perms.can_view_municipality_impact(user):
            raise PermissionDenied
        if bad := self.check_format(request):
            return bad
        municipalities = list(selectors.impact_municipalities(viewer=user))
        all_codes = [m.code for m in municipalities]
        providers = list(
            selectors.impact_municipality_providers(viewer=user, municipality_codes=all_codes)
        )
        form = MunicipalityImpactForm(
            request.GET or None, municipalities=municipalities, providers=providers
        )
        if form.is_bound and not form.is_valid():
            return self.bad_request(form, request.GET.get("format"))
        data = form.cleaned_data if form.is_bound else {}
        codes = [data["municipality"]] if data.get("municipality") else all_codes
        provider = next((p for p in providers if str(p.uuid) == data.get("provider")), None)
        report = selectors.municipality_impact(
            viewer=user, municipality_codes=codes, provider=provider, period=form.period()
        )
        chosen = [m for m in municipalities if m.code in codes]
        return self.respond(
            form=form,
            report=report,
            scope_slug="municipalities" if len(codes) != 1 else f"municipality-{codes[0]}",
            extra={
                "municipalities": chosen,
                "chosen_provider": provider,
                "has_municipalities": bool(municipalities),
            },
        )
