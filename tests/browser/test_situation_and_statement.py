import pytest

from pages.statement import CHECKED_PATHS
from situations import demo
from tests.factories import ServiceFactory, taxonomy_term

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def packages():
    for package in demo.PACKAGES:  # the seeded taxonomy may have been flushed by other tests
        for code in package["service_types"] + package["target_groups"]:
            taxonomy_term(code)
    demo.load()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_situation_page__result_by_keyboard_is_accessible(page, assert_accessible, packages, lang):
    ServiceFactory(name_en="Job club", service_type=taxonomy_term("jobsearch"))
    page.goto(f"/{lang}/situation/")
    assert_accessible(page)
    page.locator("#id_text").fill("jäin työttömäksi")
    page.locator("#id_text").press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#package-lost-job")
    assert page.locator("#result-title").is_visible()
    assert_accessible(page)
    assert page.csp_errors == []


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_accessibility_statement__is_accessible_and_feedback_is_sent(page, assert_accessible, lang):
    page.goto(f"/{lang}/accessibility/")
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)
    page.locator("#id_message").fill("Kontrasti on liian heikko")
    page.locator("form[action$='/accessibility/'] button[type=submit]").click()
    page.wait_for_selector(".message-success")
    assert_accessible(page)
    assert page.csp_errors == []


@pytest.mark.parametrize("path", CHECKED_PATHS)
def test_pages_named_in_the_statement__pass_axe(page, assert_accessible, packages, path):
    """The statement says these pages are checked automatically: keep that true."""
    response = page.goto(f"/fi{path}")
    assert response.status == 200
    assert_accessible(page)
