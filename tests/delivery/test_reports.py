"""The monthly attendance report per paying municipality: the numbers, the page, the CSV and
the PDF."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from pypdf import PdfReader

from delivery import reports
from delivery.selectors.attendance import attendance_report
from delivery.selectors.groups import Month
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.delivery import AttendanceFactory, ParticipationFactory, ServiceGroupFactory
from tests.factories.users import JobseekerUserFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

MARCH = Month(2026, 3)


def d(day):
    return datetime.date(2026, 3, day)


@pytest.fixture
def world():
    """March 2026, Mondays and Wednesdays (9 days, the 18th cancelled), 4 h a day."""
    provider = ProviderFactory(name="Nauha ry")
    user = ProviderUserFactory(provider=provider)
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(code="091", name_fi="Helsinki", name_sv="Helsingfors")
    group = ServiceGroupFactory(
        name="Kevätryhmä",
        service=ServiceFactory(provider=provider, name_fi="Kuntouttava työtoiminta"),
        starts_on=d(2),
        ends_on=d(31),
        weekdays=[1, 3],
        hours_per_day=Decimal("4.0"),
        with_sessions=True,
    )
    group.sessions.filter(date=d(18)).update(is_cancelled=True)
    first = ParticipationFactory(
        group=group,
        municipality=tampere,
        joined_on=d(2),
        user=JobseekerUserFactory(first_name="Äijä", last_name="Öhman-Åberg"),
    )
    second = ParticipationFactory(
        group=group,
        municipality=tampere,
        joined_on=d(16),
        user=JobseekerUserFactory(first_name="Łukasz", last_name="Nguyễn ☃"),
    )
    elsewhere = ParticipationFactory(group=group, municipality=helsinki, joined_on=d(2))

    def mark(participation, day, status, reason=""):
        AttendanceFactory(
            participation=participation,
            session=group.sessions.get(date=d(day)),
            status=status,
            absence_reason=reason,
        )

    for day in (2, 4, 9):
        mark(first, day, "onsite")
    for day in (11, 16):
        mark(first, day, "remote")
    mark(first, 23, "absent", "illness")
    mark(first, 25, "absent", "agreed")
    mark(second, 16, "remote")
    mark(second, 23, "remote")
    mark(second, 25, "absent", "unannounced")
    mark(elsewhere, 2, "onsite")
    # another month: not counted
    april = ServiceGroupFactory(
        service=group.service,
        starts_on=datetime.date(2026, 4, 6),
        ends_on=datetime.date(2026, 4, 30),
        weekdays=[1],
        with_sessions=True,
    )
    AttendanceFactory(
        participation=ParticipationFactory(
            group=april, municipality=tampere, joined_on=datetime.date(2026, 4, 6)
        ),
        session=april.sessions.first(),
    )
    return {
        "provider": provider,
        "user": user,
        "tampere": tampere,
        "helsinki": helsinki,
        "group": group,
        "first": first,
        "second": second,
    }


def report(world, municipality="tampere"):
    return attendance_report(
        viewer=world["user"],
        provider=world["provider"],
        month=MARCH,
        municipality=world[municipality],
    )


# --- The numbers ------------------------------------------------------------------------------


def test_report__numbers_per_participant(world):
    result = report(world)
    assert [g.group.name for g in result.groups] == ["Kevätryhmä"]
    first, second = result.groups[0].lines
    assert first.label == "Äijä Öhman-Åberg"
    assert (first.scheduled, first.onsite, first.remote, first.unrecorded) == (8, 3, 2, 1)
    assert first.absences == {
        "illness": 1,
        "child_illness": 0,
        "agreed": 1,
        "unannounced": 0,
        "other": 0,
    }
    assert first.hours == Decimal("20.0")
    # joined on the 16th: 16, 23, 25, 30 (the 18th was cancelled)
    assert (second.scheduled, second.onsite, second.remote, second.unrecorded) == (4, 0, 2, 1)
    assert second.absences["unannounced"] == 1
    assert second.hours == Decimal("8.0")


def test_report__totals_per_group_and_overall(world):
    result = report(world)
    total = result.groups[0].total
    assert (total.scheduled, total.onsite, total.remote, total.absent) == (12, 3, 4, 3)
    assert total.hours == Decimal("28.0")
    assert result.total.hours == Decimal("28.0")


def test_report__other_municipality_separately(world):
    result = report(world, "helsinki")
    (line,) = result.lines
    assert (line.scheduled, line.onsite, line.hours) == (8, 1, Decimal("4.0"))


def test_report__a_participant_who_left_counts_scheduled_days_until_leaving(world):
    world["second"].left_on = d(23)
    world["second"].status = "interrupted"
    world["second"].save()
    second = report(world).groups[0].lines[1]
    assert second.scheduled == 2  # 16 and 23


# --- CSV --------------------------------------------------------------------------------------


def test_csv__utf8_bom_semicolons_decimal_comma_and_totals(world):
    data = reports.report_csv(report(world))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:6] == [
        _("Group"),
        _("Service"),
        _("Participant"),
        _("Joined"),
        _("Left"),
        _("Scheduled days"),
    ]
    assert len(header) == 15
    first = rows[1]
    assert first[:3] == ["Kevätryhmä", "Kuntouttava työtoiminta", "Äijä Öhman-Åberg"]
    assert first[5:] == ["8", "3", "2", "1", "0", "1", "0", "0", "1", "20,0"]
    assert rows[2][2] == "Łukasz Nguyễn ☃"
    assert rows[3][2] == _("Group total")
    assert rows[3][5:] == ["12", "3", "4", "1", "0", "1", "1", "0", "2", "28,0"]
    assert rows[4][0] == _("Total")
    assert rows[4][-1] == "28,0"
    assert len(rows) == 5


# --- PDF --------------------------------------------------------------------------------------


def test_pdf__is_a_pdf_with_the_title_provider_municipality_and_numbers(world):
    data = reports.report_pdf(report(world))
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert _("Monthly attendance report") in text
    assert "Nauha ry" in text
    assert "Tampere" in text
    assert "2026" in text
    assert "Kevätryhmä" in text
    assert "Äijä Öhman-Åberg" in text
    assert "28,0" in text
    assert "20,0" in text


def test_pdf__characters_outside_latin1_do_not_break_it(world):
    data = reports.report_pdf(report(world))
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Nguy?n ?" in text


def test_pdf__an_empty_month(world):
    empty = attendance_report(
        viewer=world["user"],
        provider=world["provider"],
        month=Month(2025, 1),
        municipality=world["tampere"],
    )
    data = reports.report_pdf(empty)
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert _("No participants of this municipality in this month.") in text


# --- Views ------------------------------------------------------------------------------------


def query(world, municipality="837", month="2026-03"):
    return {"provider": str(world["provider"].uuid), "month": month, "municipality": municipality}


REPORT_URLS = ["attendance-report", "attendance-report-csv", "attendance-report-pdf"]


@pytest.mark.parametrize("name", REPORT_URLS)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("expert", 403),
        ("platform_admin", 403),
        ("provider_user", 404),  # asks for another provider's report
    ],
)
def test_report_views__roles(client_as, world, name, role, expected):
    response = client_as(role).get(reverse(f"delivery:{name}"), query(world))
    assert response.status_code == expected


def test_report_page__other_provider_without_a_provider_sees_only_its_own(client_as, world):
    response = client_as("provider_user").get(reverse("delivery:attendance-report"))
    assert response.status_code == 200
    assert "Kevätryhmä" not in response.content.decode()
    assert list(response.context["form"].fields["municipality"].queryset) == []


def test_report_page__own_provider_sees_the_report_and_municipality_choices(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("delivery:attendance-report"), query(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Äijä Öhman-Åberg" in body
    assert "28,0" in body or "28.0" in body
    codes = {m.code for m in response.context["form"].fields["municipality"].queryset}
    assert codes == {"837", "091"}


def test_report_csv_view__download(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("delivery:attendance-report-csv"), query(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "2026-03-837" in response["Content-Disposition"]
    assert "Äijä Öhman-Åberg".encode() in response.content


def test_report_pdf_view__download(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("delivery:attendance-report-pdf"), query(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "bad", [{"month": "2026-13"}, {"month": "maaliskuu"}, {"municipality": "999"}]
)
def test_report_views__bad_input_400(client, world, bad):
    client.force_login(world["user"])
    for name in REPORT_URLS:
        response = client.get(reverse(f"delivery:{name}"), {**query(world), **bad})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/html")


def test_report_views__municipality_not_among_the_providers_participants_400(client, world):
    MunicipalityFactory(code="092", name_fi="Vantaa")
    client.force_login(world["user"])
    response = client.get(reverse("delivery:attendance-report-csv"), query(world, "092"))
    assert response.status_code == 400
