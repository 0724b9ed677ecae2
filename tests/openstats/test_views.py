"""/<lang>/statistics/: the page in fi/sv/en, hidden figures, filters, links."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import EnrolmentRequest
from openstats.params import latest_completed_quarter
from tests.factories import (
    CustomerProfileFactory,
    EnrolmentRequestFactory,
    RegionFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

LAST = latest_completed_quarter()
MOMENT = timezone.make_aware(
    datetime.datetime.combine(LAST.start + datetime.timedelta(days=20), datetime.time(12))
)

ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


def enrolments(n):
    """``n`` enrolment requests in the latest completed quarter (the page's default)."""
    service = ServiceFactory()
    for _ in range(n):
        request = EnrolmentRequestFactory(service=service, user=CustomerProfileFactory().user)
        EnrolmentRequest.objects.filter(pk=request.pk).update(created_at=MOMENT)


def enrolment_table(html):
    start = html.index('id="enrolments-caption"')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("fi", "Open statistics"), ("sv", "Open statistics"), ("en", "Open statistics")],
)
def test_statistics_page__renders_in_each_language(client, lang, heading):
    # given
    RegionFactory()
    # when
    response = client.get(f"/{lang}/statistics/")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    region = {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"}[lang]
    service_type = {"fi": "Valmennus", "sv": "Coachning", "en": "Coaching"}[lang]
    assert f'<th scope="row">{region}</th>' in html
    assert f'<th scope="col" class="num">{service_type}</th>' in html
    for caption in ("enrolments", "outcomes", "skills", "services"):
        assert f'id="{caption}-caption"' in html
    assert f"lang={lang}" in html  # the CSV links keep the page's language


def test_statistics_page__url_name():
    with translation.override("sv"):
        assert reverse("openstats:statistics") == "/sv/statistics/"


@pytest.mark.parametrize("role", ROLES)
def test_statistics_page__open_to_every_role(client_as, role):
    assert client_as(role).get("/fi/statistics/").status_code == 200


def test_statistics_page__hidden_figure_never_shows_the_number(client):
    # given
    RegionFactory()
    enrolments(4)
    # when
    html = client.get("/en/statistics/").content.decode()
    # then
    table = enrolment_table(html)
    assert '<span class="hidden-figure" aria-hidden="true">..</span>' in table
    assert '<span class="visually-hidden">hidden</span>' in table
    assert not re.search(r'<td class="num">\s*4\s*</td>', table)


def test_statistics_page__shown_figure(client):
    RegionFactory()
    enrolments(5)
    table = enrolment_table(client.get("/en/statistics/").content.decode())
    assert '<td class="num">5</td>' in table


def test_statistics_page__explains_the_rule_and_links_api_docs(client):
    html = client.get("/en/statistics/").content.decode()
    assert "A figure about people is shown only when it is at least 5." in html
    assert 'href="/api/v1/docs/"' in html
    assert f"/api/v1/statistics/enrolments/?period={LAST}&amp;format=csv&amp;lang=en" in html
    assert "/api/v1/statistics/services/?format=csv&amp;lang=en" in html
    assert "once published they never change: later corrections are not shown" in html
    assert 'href="/en/statistics/">Open statistics</a>' in html  # footer link


def test_statistics_page__filters_go_to_the_csv_links(client):
    RegionFactory()
    previous = LAST.previous
    html = client.get(
        f"/en/statistics/?period={previous}&region=06&measure=referrals"
    ).content.decode()
    assert (
        f"/api/v1/statistics/enrolments/?period={previous}&amp;region=06&amp;measure=referrals"
        "&amp;format=csv&amp;lang=en" in html
    )
    # outcomes are national: no region in their link; services are today's: no quarter
    assert f"/api/v1/statistics/outcomes/?period={previous}&amp;format=csv&amp;lang=en" in html
    assert "/api/v1/statistics/services/?region=06&amp;format=csv&amp;lang=en" in html
    assert '<option value="06" selected>' in html
    assert f'<option value="{previous}" selected>' in html
    start = previous.start.strftime("%m/%d/%Y")
    assert f"Figures for the quarter {start}" in html


def test_statistics_page__quarters_to_choose_latest_first(client):
    html = client.get("/en/statistics/").content.decode()
    options = re.findall(r'<option value="(\d{4}-Q\d)"', html)
    assert options[0] == str(LAST)
    assert options[1] == str(LAST.previous)
    assert options[-1] == "2025-Q1"
    assert str(LAST.next) not in options
    assert 'for="id_period"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=2025", "Figures are published by calendar quarter"),
        ("from=2026-01&to=2026-06", "Figures are published by calendar quarter"),
        ("period=2026-Q5", "Give a calendar quarter as YYYY-QN"),
        ("period=0000-Q1", "Give a calendar quarter as YYYY-QN"),  # no year 0
        ("period=9999-Q4", "Give a calendar quarter as YYYY-QN"),  # ends in year 10000
        ("period=2024-Q4", "Figures are available from 2025-Q1 onwards."),
        (f"period={LAST.next}", "are published two weeks after the quarter has ended"),
        ("region=99", "Select a valid choice"),
    ],
)
def test_statistics_page__bad_filters_are_400_with_a_message(client, query, message):
    RegionFactory()
    response = client.get(f"/en/statistics/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert 'id="enrolments-caption"' in html  # the tables still render with the defaults
