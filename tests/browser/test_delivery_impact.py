"""Browser: the provider's impact page and the municipality view, by keyboard, with axe."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.browser.test_catalog_and_roles import sign_in
from tests.delivery.impact_world import build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_provider_impact_page__keyboard_and_accessible(page, assert_accessible):
    world = build()
    sign_in(page, world.user_a.email)
    page.goto("/fi/impact/")
    assert page.locator("h1").is_visible()
    assert_accessible(page)

    page.locator("#id_from_month").fill("2026-01")
    page.locator("#id_to_month").fill("2026-03")
    page.locator(".impact-filters button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "from_month=2026-01" in page.url
    assert page.locator("svg.chart[role=img]").count() == 3
    assert page.locator("table.impact-table caption").count() >= 5
    assert page.get_by_text("Oletus 2026").first.is_visible()
    assert page.locator("a[href*='format=csv']").count() >= 5
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 376, "the page must not scroll sideways on a phone"
    assert page.locator("svg.chart").first.bounding_box()["width"] <= 375


def test_bad_month__message_and_input_kept(page, assert_accessible):
    world = build()
    sign_in(page, world.user_a.email)
    response = page.goto("/fi/impact/?from_month=2026-13")
    assert response.status == 400
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


def test_municipality_impact_page__accessible(page, assert_accessible):
    world = build()
    device = StaticDevice.objects.create(user=world.tampere_expert, name="backup")
    StaticToken.objects.create(device=device, token="varakoodi1")
    sign_in(page, world.tampere_expert.email)
    page.wait_for_url("**/accounts/verify/**")
    page.locator("#id_token").fill("varakoodi1")
    with page.expect_navigation():
        page.locator("#id_token").press("Enter")
    page.goto("/fi/impact/municipalities/?from_month=2026-01&to_month=2026-03")
    assert page.locator("h1").is_visible()
    assert (
        page.get_by_role("cell", name="Valmennus B oy")
        .or_(page.get_by_role("rowheader", name="Valmennus B oy"))
        .first.is_visible()
    )
    assert page.locator("svg.chart[role=img]").count() == 3
    assert_accessible(page)

    page.locator("#id_municipality").select_option("837")
    page.locator("#id_municipality").focus()
    page.keyboard.press("Tab")  # provider select
    page.keyboard.press("Tab")  # Show
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "municipality=837" in page.url
    assert_accessible(page)
