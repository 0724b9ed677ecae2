"""Follow-up of participants on a phone: the participant writes a diary entry by keyboard;
the coach's follow-up page and the expert's outcome list pass axe."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from delivery.models import DiaryEntry
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.delivery import GroupSessionFactory, ParticipationFactory, ServiceGroupFactory
from tests.factories.expert import CaseFactory, ReferralFactory, expert_for
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
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors
    yield page
    context.close()


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/fi/accounts/sign-in/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


@pytest.fixture
def world(db):
    provider = ProviderFactory(name="Valmennus Polku ry")
    service = ServiceFactory(provider=provider, name_fi="Kuntouttava työtoiminta")
    coach = ProviderUserFactory(provider=provider)
    group = ServiceGroupFactory(service=service, coaches=[coach], name="Etäryhmä")
    GroupSessionFactory(
        group=group,
        date=timezone.localdate() + datetime.timedelta(days=1),
        delivery_mode="remote",
    )
    case = CaseFactory()
    expert = expert_for(case)
    device = StaticDevice.objects.create(user=expert, name="backup")
    StaticToken.objects.create(device=device, token="varakoodi1")
    referral = ReferralFactory(case=case, service=service, proposed_by=expert, status="started")
    participation = ParticipationFactory(group=group, user=case.profile.user, referral=referral)
    waiting = ParticipationFactory(
        group=group,
        user=CaseFactory(office=case.office).profile.user,
        outcome="education",
        outcome_date=timezone.localdate() - datetime.timedelta(days=1),
        outcome_reported_by=coach,
        outcome_reported_at=timezone.now(),
    )
    return {
        "participant": participation.user,
        "participation": participation,
        "waiting": waiting,
        "coach": coach,
        "group": group,
        "expert": expert,
    }


def test_participant_writes_a_diary_entry_by_keyboard_on_a_phone(phone, assert_accessible, world):
    sign_in(phone, world["participant"].email)
    phone.goto("/fi/follow-up/my-groups/")
    assert phone.locator("h1").is_visible()
    assert phone.get_by_text("Teams").first.is_visible()
    assert_accessible(phone)

    link = phone.locator(f"a[href$='/participations/{world['participation'].uuid}/']")
    link.focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert_accessible(phone)

    phone.locator("#id_text").focus()
    phone.keyboard.type("Tein tänään CV:n loppuun.")
    for _ in range(8):  # on to the submit button (the date input may take several stops)
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.type") == "submit":
            break
    assert phone.evaluate("document.activeElement.type") == "submit"
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    phone.wait_for_selector(".message-success")
    assert phone.get_by_text("Tein tänään CV:n loppuun.").is_visible()
    entry = DiaryEntry.objects.get()
    assert (entry.kind, entry.date) == ("participant", timezone.localdate())
    assert_accessible(phone)
    assert phone.csp_errors == []


def test_coach_and_expert_pages_pass_axe_on_a_phone(phone, assert_accessible, world):
    sign_in(phone, world["coach"].email)
    phone.goto(f"/fi/follow-up/groups/{world['group'].uuid}/")
    assert phone.locator("h1").is_visible()
    assert_accessible(phone)
    phone.goto(f"/fi/follow-up/participations/{world['participation'].uuid}/")
    assert phone.locator("input[name=contact_made]").first.is_visible()
    assert_accessible(phone)

    sign_in(phone, world["expert"].email)
    phone.wait_for_url("**/accounts/verify/**")
    phone.locator("#id_token").fill("varakoodi1")
    with phone.expect_navigation():
        phone.locator("#id_token").press("Enter")
    phone.goto("/fi/follow-up/outcomes/")
    assert phone.locator(f"a[href$='/outcomes/{world['waiting'].uuid}/']").is_visible()
    assert_accessible(phone)
    phone.goto(f"/fi/follow-up/outcomes/{world['waiting'].uuid}/")
    assert_accessible(phone)
    assert phone.csp_errors == []
