"""Accessibility statement and feedback (pages app), plain-language service summaries."""

import pytest
from django.core import mail
from django.urls import reverse

from pages.models import AccessibilityFeedback
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/en/accessibility/"
ROLES = ["anonymous", "jobseeker", "employer", "provider_user", "expert", "platform_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_statement__open_to_every_role(client_as, role):
    response = client_as(role).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Compliance status" in html
    assert "Regional State Administrative Agency for Southern Finland" in html
    assert "saavutettavuus@avi.fi" in html
    assert "The statement was prepared on 28.11.2026" in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_statement__linked_from_every_footer(client, lang):
    html = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/accessibility/"' in html


@pytest.mark.parametrize("role", ROLES)
def test_feedback__every_role_can_send_it(client_as, role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(role).post(
            URL, {"message": "The menu is not readable", "page_url": "/fi/jobs/", "email": ""}
        )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.message, feedback.page_url, feedback.language) == (
        "The menu is not readable",
        "/fi/jobs/",
        "en",
    )
    assert (feedback.user is None) == (role == "anonymous")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["saavutettavuus@tori.example"]
    assert mail.outbox[0].subject == f"Accessibility feedback #{feedback.pk}"


def test_feedback__reply_address_is_used(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"message": "Contrast", "email": "anna@example.fi"})
    assert mail.outbox[0].reply_to == ["anna@example.fi"]


def test_feedback__empty_message_is_refused_and_nothing_sent(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"message": "  "})
    assert response.status_code == 400
    assert AccessibilityFeedback.objects.exists() is False
    assert mail.outbox == []


def test_feedback__html_is_stripped(client):
    client.post(URL, {"message": "<script>alert(1)</script><b>Bad</b> focus"})
    assert AccessibilityFeedback.objects.get().message == "Bad focus"


def test_mark_handled__only_platform_admin(platform_admin, jobseeker):
    from pages import services
    from tests.factories import with_second_factor
    from tori.exceptions import ApplicationError

    feedback = AccessibilityFeedback.objects.create(message="x")
    with pytest.raises(ApplicationError):
        services.accessibility_feedback_mark_handled(actor=jobseeker, feedback=feedback)
    with pytest.raises(ApplicationError):
        services.accessibility_feedback_mark_handled(actor=platform_admin, feedback=feedback)
    admin = with_second_factor(platform_admin)
    assert services.accessibility_feedback_mark_handled(actor=admin, feedback=feedback)
    feedback.refresh_from_db()
    assert feedback.handled_at is not None


# --- plain-language summary -----------------------------------------------------------------


@pytest.fixture
def service():
    return ServiceFactory(
        is_nationwide=True,
        plain_summary_fi="Tämä palvelu auttaa sinua löytämään työtä.",
        plain_summary_sv="Tjänsten hjälper dig att hitta jobb.",
        plain_summary_en="This service helps you find a job.",
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Tämä palvelu auttaa sinua löytämään työtä."),
        ("sv", "Tjänsten hjälper dig att hitta jobb."),
        ("en", "This service helps you find a job."),
    ],
)
def test_service_detail__plain_language_when_chosen(client, service, lang, text):
    url = f"/{lang}/services/{service.pk}/"
    assert text not in client.get(url).content.decode()
    assert f'href="{url}?plain=1"' in client.get(url).content.decode()
    assert text in client.get(url, {"plain": "1"}).content.decode()


def test_service_detail__no_toggle_without_plain_summary(client):
    plain = ServiceFactory()
    html = client.get(reverse("catalog:service-detail", args=[plain.pk])).content.decode()
    assert "?plain=1" not in html


def test_service_update__provider_writes_plain_summary(service):
    from catalog import services as catalog_services

    member = _provider_member(service.provider)
    catalog_services.service_update(
        actor=member, service=service, data={"plain_summary_en": "<b>Short</b> words."}
    )
    service.refresh_from_db()
    assert service.plain_summary_en == "Short words."


def _provider_member(provider):
    from tests.factories import ProviderUserFactory

    return ProviderUserFactory(provider=provider)
