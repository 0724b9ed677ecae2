"""The employer's members page on a phone: requests to join are approved by keyboard, every
page passes axe and nothing is wider than the 390 px screen."""

import pytest

from profiles.models import EmployerMembership, User
from tests.factories import EmployerUserFactory, UserFactory
from tests.factories.users import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_members_page__admin_approves_a_request_by_keyboard_on_a_phone(phone, assert_accessible):
    # given: an administrator, a colleague and a sign-up waiting for approval
    admin = EmployerUserFactory(first_name="Pekka", last_name="Pääkäyttäjä")
    organisation = admin.employer_memberships.get().organisation
    colleague = UserFactory(role=User.Role.EMPLOYER, first_name="Kaisa", last_name="Kollega")
    EmployerMembership.objects.create(organisation=organisation, user=colleague, status="active")
    newcomer = UserFactory(
        role=User.Role.EMPLOYER,
        first_name="Tero",
        last_name="Tulokas-Pitkänimisenpuolisoinen",
        email="tero.tulokas.hyvin.pitka.osoite@esimerkkiyritys-example.fi",
    )
    EmployerMembership.objects.create(organisation=organisation, user=newcomer, status="pending")
    phone.goto("/fi/accounts/sign-in/")
    phone.locator("#id_username").fill(admin.email)
    phone.locator("#id_password").fill(PASSWORD)
    with phone.expect_navigation():
        phone.locator("main button[type=submit]").click()
    # when: the dashboard and the organisation page lead to the requests
    phone.goto("/fi/jobs/employer/")
    assert_accessible(phone)
    assert _fits(phone)
    phone.goto(f"/fi/jobs/employer/organisation/{organisation.pk}/")
    assert_accessible(phone)
    assert _fits(phone)
    phone.goto(f"/fi/jobs/employer/organisation/{organisation.pk}/members/")
    assert_accessible(phone)
    assert _fits(phone)
    approve = phone.locator(
        f"form[action$='/members/{newcomer.employer_memberships.get().pk}/approve/'] button"
    )
    approve.focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    # then
    assert phone.url.endswith(f"/fi/jobs/employer/organisation/{organisation.pk}/members/")
    assert newcomer.employer_memberships.get().status == "active"
    assert phone.locator("#members-title ~ ul li").count() == 3
    assert_accessible(phone)
    assert _fits(phone)
