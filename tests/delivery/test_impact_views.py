"""Impact pages: access per role, scope, content, CSV and bad parameters."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from delivery import demo_impact
from delivery.models import CompensationTariff, TariffRate
from providers.models import ProviderMembership
from tests.conftest import login_with_second_factor
from tests.delivery.impact_world import build
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

Q1 = {"from_month": "2026-01", "to_month": "2026-03"}


def provider_url(lang="fi"):
    with translation.override(lang):
        return reverse("impact:provider")


def municipality_url(lang="fi"):
    with translation.override(lang):
        return reverse("impact:municipality")


@pytest.fixture
def world():
    return build()


# --- Access per role ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["impact:provider", "impact:municipality"])
def test_anonymous__is_sent_to_sign_in(client_as, name):
    response = client_as("anonymous").get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ["jobseeker", "employer"])
@pytest.mark.parametrize("name", ["impact:provider", "impact:municipality"])
def test_jobseeker_and_employer__are_refused(client_as, role, name):
    assert client_as(role).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    ("role", "provider_status", "municipality_status"),
    [("provider_user", 200, 403), ("expert", 403, 200), ("platform_admin", 200, 403)],
)
def test_roles__see_their_own_page_only(client_as, role, provider_status, municipality_status):
    if role == "platform_admin":
        ProviderFactory()
    client = client_as(role)
    assert client.get(provider_url()).status_code == provider_status
    assert client.get(municipality_url()).status_code == municipality_status


def test_expert_without_second_factor__must_confirm_it_first(client, expert):
    client.force_login(expert)
    response = client.get(municipality_url())
    assert response.status_code == 302
    assert "/accounts/verify/" in response["Location"]


def test_provider_dashboard_links_to_the_impact_page(client_as):
    html = client_as("provider_user").get(reverse("providers:dashboard")).content.decode()
    assert f'href="{provider_url()}"' in html


def test_expert_worklist_links_to_the_municipality_view(client_as):
    html = client_as("expert").get(reverse("expert:worklist")).content.decode()
    assert f'href="{municipality_url()}"' in html


# --- Provider page --------------------------------------------------------------------------


def test_provider_page__shows_own_numbers_and_no_names(client, world):
    client.force_login(world.user_a)
    response = client.get(provider_url(), Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valmennus A ry" in html
    assert "Valmennus B oy" not in html
    report = response.context["report"]
    assert report.total.participants == 3
    assert str(report.compensation_total) == "1700.00"
    assert "1\xa0700,00 €" in html or "1 700,00 €" in html
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "Tampere 2026" in html
    assert "Oletus 2026" in html
    for person in (world.p1.user, world.p2.user, world.p3.user):
        assert person.last_name not in html
        assert person.email not in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_provider_page__other_providers_uuid_is_404(client, world):
    client.force_login(world.user_a)
    response = client.get(provider_url(), {"provider": str(world.provider_b.uuid)})
    assert response.status_code == 404
    assert client.get(provider_url(), {"provider": str(uuid.uuid4())}).status_code == 404


def test_provider_page__malformed_provider_is_400(client, world):
    client.force_login(world.user_a)
    response = client.get(provider_url("en"), {"provider": "not-a-uuid"})
    assert response.status_code == 400
    assert "Choose a service provider from the list." in response.content.decode()


def test_provider_page__member_of_two_providers_picks_one(client, world):
    ProviderMembership.objects.create(
        provider=world.provider_b, user=world.user_a, role=ProviderMembership.Role.ADMIN
    )
    client.force_login(world.user_a)
    first = client.get(provider_url(), Q1)
    assert first.context["form"].show_provider
    assert 'name="provider"' in first.content.decode()
    response = client.get(provider_url(), {**Q1, "provider": str(world.provider_b.uuid)})
    assert response.status_code == 200
    assert response.context["provider"] == world.provider_b
    assert response.context["report"].total.participants == 1


def test_provider_page__platform_admin_chooses_any_provider(client_as, world):
    client = client_as("platform_admin")
    response = client.get(provider_url(), {**Q1, "provider": str(world.provider_b.uuid)})
    assert response.status_code == 200
    assert str(response.context["report"].compensation_total) == "1500.00"


def test_provider_page__default_period_is_the_last_12_months(client, world):
    client.force_login(world.user_a)
    report = client.get(provider_url()).context["report"]
    assert len(report.months) == 12


# --- Municipality view ----------------------------------------------------------------------


def test_municipality_view__all_providers_serving_the_area(client, world):
    login_with_second_factor(client, world.tampere_expert)
    response = client.get(municipality_url(), Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valmennus A ry" in html
    assert "Valmennus B oy" in html
    report = response.context["report"]
    assert report.total.participants == 3
    assert str(report.compensation_total) == "2200.00"
    assert "Helsinki" not in html  # not the expert's area, not in the filter either


def test_municipality_view__municipality_outside_the_area_is_400(client, world):
    login_with_second_factor(client, world.tampere_expert)
    response = client.get(municipality_url("en"), {**Q1, "municipality": "091"})
    assert response.status_code == 400
    assert "only view the municipalities of your own offices" in response.content.decode()
    assert "report" not in response.context or response.context["report"] is None


def test_municipality_view__provider_filter(client, world):
    login_with_second_factor(client, world.tampere_expert)
    response = client.get(
        municipality_url(),
        {**Q1, "municipality": "837", "provider": str(world.provider_b.uuid)},
    )
    assert response.status_code == 200
    assert response.context["report"].total.participants == 1
    bad = client.get(municipality_url(), {**Q1, "provider": str(uuid.uuid4())})
    assert bad.status_code == 400


def test_municipality_view__helsinki_expert_sees_only_helsinki(client, world):
    login_with_second_factor(client, world.helsinki_expert)
    report = client.get(municipality_url(), Q1).context["report"]
    assert report.total.participants == 1  # p3
    assert [row.label for row in report.providers] == ["Valmennus A ry"]
    assert str(report.compensation_total) == "1000.00"


# --- CSV ------------------------------------------------------------------------------------


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_csv__attendance_table(client, world):
    client.force_login(world.user_a)
    response = client.get(provider_url(), {**Q1, "format": "csv", "table": "attendance"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert "2026-01-2026-03.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows[0]) == 9
    assert rows[1] == ["tammikuu 2026", "1", "2", "0", "66,7", "1", "1", "0", "50,0"]
    assert rows[2] == ["helmikuu 2026", "0", "1", "1", "100,0", "1", "0", "1", "50,0"]
    assert rows[3] == ["maaliskuu 2026", "1", "0", "0", "0,0", "1", "0", "0", "0,0"]
    assert rows[-1][1:] == ["2", "3", "1", "60,0", "3", "1", "1", "40,0"]


def test_csv__headers_and_english_number_format(client, world):
    client.force_login(world.user_a)
    response = client.get(provider_url("en"), {**Q1, "format": "csv", "table": "attendance"})
    rows = read_csv(response)
    assert rows[0] == [
        "Month",
        "Days present on site",
        "Days present remotely",
        "Days absent",
        "Share of remote days",
        "Sessions on site",
        "Remote sessions",
        "Hybrid sessions",
        "Share of remote or hybrid sessions",
    ]
    assert rows[1][0] == "January 2026"
    assert rows[1][4] == "66.7"
    assert rows[-1][0] == "Total"


def test_csv__compensation_and_participants(client, world):
    client.force_login(world.user_a)
    rows = read_csv(
        client.get(provider_url("en"), {**Q1, "format": "csv", "table": "compensation"})
    )
    assert ["Helsinki", "Oletus 2026", "Open labour market", "1", "1000.00", "1000.00"] in rows
    assert ["Tampere", "Tampere 2026", "Education", "1", "700.00", "700.00"] in rows
    assert rows[-1][0] == "Total"
    assert rows[-1][-1] == "1700.00"
    fi_rows = read_csv(client.get(provider_url(), {**Q1, "format": "csv", "table": "compensation"}))
    assert fi_rows[-1][-1] == "1700,00"
    participants = read_csv(
        client.get(provider_url(), {**Q1, "format": "csv", "table": "participants"})
    )
    assert [row[1] for row in participants[1:]] == ["2", "2", "2", "3"]


def test_csv__municipality_view_providers(client, world):
    login_with_second_factor(client, world.tampere_expert)
    rows = read_csv(client.get(municipality_url(), {**Q1, "format": "csv", "table": "providers"}))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Valmennus B oy"][1] == "1"
    assert by_name["Valmennus B oy"][-1] == "1500,00"


def test_page_links_to_csv_of_every_table(client, world):
    client.force_login(world.user_a)
    html = client.get(provider_url(), Q1).content.decode()
    for key in ("participants", "attendance", "outcomes", "outcomes_by_month", "compensation"):
        assert f"format=csv&amp;table={key}" in html


# --- Bad parameters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from_month": "2026-13"}, "for example 2026-03"),
        ({"to_month": "tammikuu"}, "for example 2026-03"),
        ({"from_month": "2026-05", "to_month": "2026-02"}, "must not be after the last month"),
        ({"from_month": "2001-01", "to_month": "2026-01"}, "at most 36 months"),
        ({"from_month": "9999-01"}, "for example 2026-03"),
    ],
)
@pytest.mark.parametrize("who", ["provider", "expert"])
def test_bad_period__400_with_a_clear_message(client, world, params, message, who):
    if who == "provider":
        client.force_login(world.user_a)
        url = provider_url("en")
    else:
        login_with_second_factor(client, world.tampere_expert)
        url = municipality_url("en")
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    csv_response = client.get(url, {**params, "format": "csv", "table": "attendance"})
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_bad_format_or_table__400(client, world):
    client.force_login(world.user_a)
    assert client.get(provider_url(), {"format": "xlsx"}).status_code == 400
    response = client.get(provider_url("en"), {"format": "csv", "table": "nope"})
    assert response.status_code == 400
    assert "participants" in response.content.decode()


def test_input_is_kept_after_an_error(client, world):
    client.force_login(world.user_a)
    html = client.get(provider_url(), {"from_month": "2026-13"}).content.decode()
    assert 'value="2026-13"' in html


# --- Demo -----------------------------------------------------------------------------------


def test_demo_tariffs__idempotent_with_a_rate_for_every_outcome(db):
    from tests.factories.users import MunicipalityFactory

    MunicipalityFactory()
    demo_impact.load()
    lines = demo_impact.load()
    assert lines
    assert "2" in lines[0]
    assert CompensationTariff.objects.count() == 2
    assert CompensationTariff.objects.filter(municipality__isnull=True).count() == 1
    assert CompensationTariff.objects.filter(municipality_id="837").count() == 1
    assert TariffRate.objects.count() == 10
