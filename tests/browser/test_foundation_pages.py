import pytest

from tests.factories import JobseekerUserFactory
from tests.factories.users import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "path", ["/", "/accounts/sign-in/", "/accounts/sign-up/", "/accounts/password/reset/"]
)
def test_page__has_no_serious_accessibility_problems(page, assert_accessible, lang, path):
    response = page.goto(f"/{lang}{path}")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)
    assert page.csp_errors == []


def test_skip_link__is_first_on_tab_and_moves_focus_to_main(page):
    page.goto("/fi/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Siirry pääsisältöön"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_up_by_keyboard__errors_are_announced_and_input_is_kept(page, assert_accessible):
    page.goto("/fi/accounts/sign-up/")
    page.get_by_label("Etunimi").fill("Maija")
    page.get_by_label("Sukunimi").fill("Meikäläinen")
    page.get_by_label("Sähköpostiosoite").fill("maija@example.fi")
    page.get_by_label("Salasana (pakollinen)", exact=True).fill("Kesä-Aurinko-2026")
    page.get_by_label("Salasana uudelleen").fill("Kesä-Aurinko-2027")
    page.get_by_role("button", name="Luo käyttäjätili").press("Enter")
    assert page.get_by_text("Salasanat eivät täsmää.").is_visible()
    assert page.get_by_label("Etunimi").input_value() == "Maija"
    assert_accessible(page)
    # then complete the form with the keyboard only
    page.get_by_label("Salasana (pakollinen)", exact=True).fill("Kesä-Aurinko-2026")
    page.get_by_label("Salasana uudelleen").fill("Kesä-Aurinko-2026")
    page.get_by_label("Olen lukenut tietosuojaselosteen ja hyväksyn käyttöehdot.").check()
    page.get_by_role("button", name="Luo käyttäjätili").press("Enter")
    # the account waits for its address to be confirmed (the same page for a known address)
    page.wait_for_url("**/fi/accounts/sign-up/sent/")
    assert page.get_by_role("heading", name="Tarkista sähköpostisi").is_visible()
    assert_accessible(page)


def test_sign_in_and_language_switch(page, assert_accessible):
    user = JobseekerUserFactory(email="anna@example.fi")
    page.goto("/sv/accounts/sign-in/")
    page.get_by_label("E-postadress").fill(user.email)
    page.get_by_label("Lösenord").fill("wrong-password")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_text("E-postadressen eller lösenordet är fel.").is_visible()
    assert_accessible(page)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/sv/accounts/me/")
    assert page.get_by_role("heading", name="Mina sidor").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/accounts/me/")
    assert page.get_by_role("heading", name="My pages").is_visible()


def test_mobile_layout__has_no_horizontal_scroll(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/fi/accounts/sign-up/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert overflow is False
