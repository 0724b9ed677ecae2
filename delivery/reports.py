"""The monthly attendance report as files for the municipality's reimbursement.

CSV: UTF-8 with a byte order mark, ``;`` as the separator and a decimal comma, which is what
Excel in Finnish (and Swedish) settings opens correctly with a double click. One header row,
one row per participant, a total row per group and a grand total row.

PDF: fpdf2 with its core font (Helvetica, Latin-1): ä, ö and å print as such; any character
outside Latin-1 is replaced (typographic dashes and quotes by their plain forms, anything else
by "?") so no name can break the file."""

import csv
import io
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from delivery.models import Attendance
from delivery.selectors.attendance import REASONS, AttendanceReport, ReportLine

REPLACEMENTS = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
        "\u00a0": " ",
        "\u20ac": "EUR",
    }
)


def latin1(text) -> str:
    """Text the PDF core fonts can print."""
    return str(text).translate(REPLACEMENTS).encode("latin-1", errors="replace").decode("latin-1")


def decimal_comma(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def month_label(report: AttendanceReport) -> str:
    return date_format(report.month.first_day, "YEAR_MONTH_FORMAT")


def short_date(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def reason_labels() -> list[str]:
    return [str(Attendance.AbsenceReason(reason).label) for reason in REASONS]


def filename(report: AttendanceReport, extension: str) -> str:
    return (
        f"attendance-{report.month.param}-{report.municipality.code}-"
        f"{str(report.provider.uuid)[:8]}.{extension}"
    )


def _numbers(line: ReportLine) -> list:
    return [line.scheduled, line.onsite, line.remote, *line.absence_list, line.unrecorded]


# --- CSV ---------------------------------------------------------------------------------------


def report_csv(report: AttendanceReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Group"),
            _("Service"),
            _("Participant"),
            _("Joined"),
            _("Left"),
            _("Scheduled days"),
            _("Present on site"),
            _("Present remotely"),
            *[_("Absent: %(reason)s") % {"reason": label} for label in reason_labels()],
            _("Not recorded"),
            _("Hours present"),
        ]
    )
    for block in report.groups:
        for line in block.lines:
            writer.writerow(
                [
                    block.group.name,
                    block.group.service.name,
                    line.label,
                    short_date(line.joined_on),
                    short_date(line.left_on),
                    *_numbers(line),
                    decimal_comma(line.hours),
                ]
            )
        writer.writerow(
            [
                block.group.name,
                block.group.service.name,
                _("Group total"),
                "",
                "",
                *_numbers(block.total),
                decimal_comma(block.total.hours),
            ]
        )
    writer.writerow(
        [_("Total"), "", "", "", "", *_numbers(report.total), decimal_comma(report.total.hours)]
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- PDF ---------------------------------------------------------------------------------------


class ReportPdf(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.footer_text = footer_text

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, latin1(f"{self.footer_text} - {self.page_no()}/{{nb}}"), align="R")


def report_pdf(report: AttendanceReport) -> bytes:
    title = _("Monthly attendance report")
    generated = _("Generated %(when)s") % {
        "when": date_format(report.generated_at, "SHORT_DATETIME_FORMAT")
    }
    pdf = ReportPdf(footer_text=latin1(f"{title} - {generated}"))
    pdf.set_title(latin1(title))
    pdf.set_author("Tori")
    pdf.set_creation_date(report.generated_at)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.cell(0, 10, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for label, value in [
        (_("Provider"), report.provider.name),
        (_("Paying municipality"), f"{report.municipality.name} ({report.municipality.code})"),
        (_("Month"), month_label(report)),
        (_("Date generated"), date_format(report.generated_at, "SHORT_DATETIME_FORMAT")),
    ]:
        pdf.cell(0, 6, latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", size=8)
    headings = [
        _("Participant"),
        _("Joined"),
        _("Scheduled days"),
        _("Present on site"),
        _("Present remotely"),
        *[_("Absent: %(reason)s") % {"reason": label} for label in reason_labels()],
        _("Not recorded"),
        _("Hours present"),
    ]
    widths = (50, 18, 17, 17, 17, *([22] * len(REASONS)), 17, 17)
    if not report.groups:
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(
            0,
            6,
            latin1(_("No participants of this municipality in this month.")),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for block in report.groups:
        pdf.set_font("Helvetica", style="B", size=11)
        pdf.multi_cell(
            0,
            7,
            latin1(
                _("%(group)s - %(service)s, %(hours)s h a day")
                % {
                    "group": block.group.name,
                    "service": block.group.service.name,
                    "hours": decimal_comma(block.group.hours_per_day),
                }
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", size=8)
        with pdf.table(
            col_widths=widths,
            width=sum(widths),
            text_align=("LEFT", "LEFT", *(["RIGHT"] * (len(widths) - 2))),
            headings_style=FontFace(emphasis="BOLD"),
            line_height=4.5,
        ) as table:
            heading = table.row()
            for text in headings:
                heading.cell(latin1(text))
            for line in block.lines:
                row = table.row()
                for text in [
                    line.label,
                    short_date(line.joined_on),
                    *_numbers(line),
                    decimal_comma(line.hours),
                ]:
                    row.cell(latin1(text))
            row = table.row()
            for text in [
                _("Group total"),
                "",
                *_numbers(block.total),
                decimal_comma(block.total.hours),
            ]:
                row.cell(latin1(text), style=FontFace(emphasis="BOLD"))
        pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=10)
    total = report.total
    pdf.multi_cell(
        0,
        6,
        latin1(
            _(
                "Total: %(scheduled)s scheduled days, %(onsite)s present on site, %(remote)s "
                "present remotely, %(absent)s absent, %(hours)s hours present."
            )
            % {
                "scheduled": total.scheduled,
                "onsite": total.onsite,
                "remote": total.remote,
                "absent": total.absent,
                "hours": decimal_comma(total.hours),
            }
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
