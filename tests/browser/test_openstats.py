"""Browser walk through the open statistics page: axe, a filter changed by keyboard, phone."""

import pytest

from tests.factories import (
    CustomerProfileFactory,
    EnrolmentRequestFactory,
    MunicipalityFactory,
    RegionFactory,
    ServiceFactory,
)
from tests.factories.catalog import taxonomy_term

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def figures(db):
    import datetime

    from django.core.cache import cache
    from django.utils import timezone

    from catalog.models import EnrolmentRequest
    from openstats.params import latest_completed_quarter

    cache.clear()
    uusimaa = RegionFactory(code="01", name_fi="Uusimaa", name_sv="Nyland", name_en="Uusimaa")
    helsinki = MunicipalityFactory(code="091", name_fi="Helsinki", region=uusimaa)
    coaching = ServiceFactory(service_type=taxonomy_term("coaching"))
    for _ in range(3):  # a small cell: hidden
        EnrolmentRequestFactory(service=coaching, user=CustomerProfileFactory().user)
    for _ in range(6):
        EnrolmentRequestFactory(
            service=coaching, user=CustomerProfileFactory(home_municipality=helsinki).user
        )
    # in the latest completed quarter: the page's default, the only kind that is published
    day = latest_completed_quarter().start + datetime.timedelta(days=20)
    EnrolmentRequest.objects.update(
        created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    )
    yield
    cache.clear()


def test_statistics_page__filter_by_keyboard_and_accessible(page, assert_accessible, figures):
    # given
    page.goto("/fi/statistics/")
    assert page.locator("h1").is_visible()
    assert page.locator("#enrolments-caption").is_visible()
    assert page.locator("table .hidden-figure").first.is_visible()
    assert_accessible(page)
    # when: choose a region with the keyboard and submit with Enter
    region = page.locator("#id_region")
    region.focus()
    page.keyboard.press("ArrowDown")  # from "whole country" to the first region, Uusimaa
    assert region.input_value() == "01"
    page.keyboard.press("Tab")  # to the measure select
    page.keyboard.press("Tab")  # to the button
    focused = page.evaluate("document.activeElement.getAttribute('type')")
    assert focused == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then
    assert "region=01" in page.url
    rows = page.locator("section[aria-labelledby=enrolments-heading] tbody th[scope=row]")
    assert rows.all_inner_texts() == ["Uusimaa"]
    assert page.locator("#id_region").input_value() == "01"
    assert_accessible(page)


def test_statistics_page__no_horizontal_scroll_on_a_phone(browser, live_server, figures):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/sv/statistics/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert overflow is False
