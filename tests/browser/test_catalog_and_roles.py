"""Browser walk through the pages each role uses most, with axe on every page."""

import datetime

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.factories import (
    ExpertUserFactory,
    JobseekerProfileFactory,
    JobseekerUserFactory,
    ProviderUserFactory,
    ServiceFactory,
    WorkExperienceFactory,
)
from tests.factories.catalog import taxonomy_term
from tests.factories.users import PASSWORD

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


@pytest.fixture
def services(db):
    welding = ServiceFactory(
        name_fi="Hitsaajakoulutus",
        name_sv="Svetsarutbildning",
        name_en="Welder training",
        summary_fi="Käytännönläheinen koulutus hitsaajaksi.",
        service_type=taxonomy_term("training"),
    )
    ServiceFactory(
        name_fi="Työnhakuvalmennus", name_sv="Jobbsökarträning", name_en="Job search coaching"
    )
    return welding


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_catalogue_search_and_detail__accessible(page, assert_accessible, services, lang):
    page.goto(f"/{lang}/services/")
    assert_accessible(page)
    page.locator("input[name=q]").fill(
        {"fi": "hitsaajaksi", "sv": "svetsarutbildningen", "en": "welders"}[lang]
    )
    page.locator("input[name=q]").press("Enter")
    page.wait_for_load_state()
    link = page.get_by_role(
        "link",
        name={"fi": "Hitsaajakoulutus", "sv": "Svetsarutbildning", "en": "Welder training"}[lang],
    )
    assert link.is_visible()
    assert_accessible(page)
    link.click()
    page.wait_for_load_state()
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert_accessible(page)


def test_jobseeker_enrols_by_keyboard_and_sees_it_in_own_pages(page, assert_accessible, services):
    user = JobseekerUserFactory()
    sign_in(page, user.email)
    page.goto(f"/fi/services/{services.pk}/")
    assert_accessible(page)
    submit = page.locator("form[action$='/enrol/'] button[type=submit]")
    submit.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/fi/services/my-enrolments/")
    assert page.get_by_text("Hitsaajakoulutus").first.is_visible()
    assert_accessible(page)


def test_provider_dashboard_and_skills_page__accessible(page, assert_accessible, services):
    provider_user = ProviderUserFactory(provider=services.provider)
    sign_in(page, provider_user.email)
    page.goto("/fi/provider/")
    assert page.get_by_text("Hitsaajakoulutus").first.is_visible()
    assert_accessible(page)
    page.goto("/fi/services/new/")
    assert_accessible(page)
    page.context.clear_cookies()
    jobseeker = JobseekerUserFactory()
    sign_in(page, jobseeker.email)
    page.goto("/fi/profile/skills/")
    assert page.locator("h1").is_visible()
    assert_accessible(page)


def test_expert_signs_in_with_second_factor(page, assert_accessible):
    expert = ExpertUserFactory()
    device = StaticDevice.objects.create(user=expert, name="backup")
    StaticToken.objects.create(device=device, token="varakoodi1")
    sign_in(page, expert.email)
    page.wait_for_url("**/accounts/verify/**")
    assert_accessible(page)
    page.locator("#id_token").fill("varakoodi1")
    with page.expect_navigation():
        page.locator("#id_token").press("Enter")
    page.goto("/fi/expert/")
    assert page.get_by_role("heading", name="Työjono").is_visible()
    assert_accessible(page)


def test_jobseeker_corrects_a_job_by_keyboard(page, assert_accessible):
    """The profile page and the edit page of a job pass axe; the job's edit link is reached
    and followed by keyboard, and the saved end date shows on the profile."""
    user = JobseekerUserFactory()
    WorkExperienceFactory(
        profile=JobseekerProfileFactory(user=user),
        title="Kokki",
        start_date=datetime.date(2022, 3, 1),
        end_date=None,
    )
    sign_in(page, user.email)
    page.goto("/fi/profile/")
    assert_accessible(page)
    edit = page.get_by_role("link", name="Muokkaa – Kokki")
    edit.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Muokkaa työkokemusta"
    assert_accessible(page)
    page.locator("#id_end_date").fill("2024-06-30")
    page.locator("#id_end_date").press("Enter")
    page.wait_for_url("**/fi/profile/")
    assert page.get_by_text("3/2022 – 6/2024").is_visible()
