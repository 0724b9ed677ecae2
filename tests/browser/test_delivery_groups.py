"""Browser walk through a provider's group: the group page, recording a day's attendance with
the keyboard, the group form and the monthly attendance report, with axe on every page."""

import pytest
from django.utils import timezone

from delivery.models import Attendance
from tests.factories import ProviderFactory, ProviderUserFactory, ServiceFactory
from tests.factories.delivery import ParticipationFactory, ServiceGroupFactory
from tests.factories.users import PASSWORD, JobseekerUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, email, lang="fi"):
    page.goto(f"/{lang}/accounts/sign-in/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def test_provider_records_attendance_by_keyboard(page, assert_accessible):
    provider = ProviderFactory(name="Nauha ry")
    user = ProviderUserFactory(provider=provider)
    group = ServiceGroupFactory(
        name="Puutyöryhmä",
        service=ServiceFactory(provider=provider, name_fi="Kuntouttava työtoiminta"),
        with_sessions=True,
        coaches=[user],
    )
    first = ParticipationFactory(
        group=group, user=JobseekerUserFactory(first_name="Aino", last_name="Aalto")
    )
    second = ParticipationFactory(
        group=group, user=JobseekerUserFactory(first_name="Väinö", last_name="Virta")
    )
    day = group.sessions.filter(date__lt=timezone.localdate()).order_by("date")[1]

    sign_in(page, user.email)
    page.goto("/fi/provider/groups/")
    assert_accessible(page)
    page.get_by_role("link", name="Puutyöryhmä").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Puutyöryhmä"
    assert page.get_by_text("Aino Aalto").first.is_visible()
    assert_accessible(page)

    page.goto(f"/fi/provider/groups/{group.uuid}/days/{day.date.isoformat()}/")
    assert_accessible(page)
    # Aino: present remotely (arrow key within the radio group)
    page.locator(f"input[name=status_{first.uuid.hex}][value=onsite]").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator(f"input[name=status_{first.uuid.hex}][value=remote]").is_checked()
    # Väinö: absent, the reason from the select by keyboard
    page.locator(f"input[name=status_{second.uuid.hex}][value=absent]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    reason = page.locator(f"select[name=reason_{second.uuid.hex}]")
    assert reason.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert reason.input_value() == "illness"
    page.keyboard.press("Tab")
    page.keyboard.type("Soitti aamulla")
    page.locator("main form[method=post] button[type=submit]").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert set(
        Attendance.objects.values_list("participation_id", "status", "absence_reason", "note")
    ) == {(first.pk, "remote", "", ""), (second.pk, "absent", "illness", "Soitti aamulla")}
    assert page.locator(".message-success").is_visible()
    assert_accessible(page)

    # a refused save keeps the input and shows the error
    page.locator(f"select[name=reason_{second.uuid.hex}]").select_option("")
    with page.expect_navigation():
        page.locator(f"input[name=note_{second.uuid.hex}]").press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)

    page.goto(f"/fi/provider/groups/{group.uuid}/edit/")
    assert_accessible(page)
    page.goto("/fi/provider/groups/new/")
    assert_accessible(page)

    month = day.date.strftime("%Y-%m")
    page.goto(
        f"/fi/provider/groups/report/?provider={provider.uuid}&month={month}&municipality=837"
    )
    assert page.get_by_text("Aino Aalto").first.is_visible()
    assert_accessible(page)

    # on a phone
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/fi/provider/groups/{group.uuid}/days/{day.date.isoformat()}/")
    assert page.locator(f"input[name=status_{first.uuid.hex}][value=remote]").is_checked()
    assert_accessible(page)
