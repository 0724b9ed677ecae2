import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalog.models import EnrolmentRequest, Service
from tests.conftest import ROLES
from tests.factories import EnrolmentRequestFactory, ServiceFactory, taxonomy_term

pytestmark = pytest.mark.django_db

ENROL_ALLOWED = {"jobseeker", "employer"}


@pytest.mark.parametrize("role", ROLES)
def test_service_list__every_role_can_browse(client_as, role):
    ServiceFactory(name_fi="Hitsauskoulutus")
    response = client_as(role).get(reverse("catalog:service-list"), {"q": "hitsaus"})
    assert response.status_code == 200
    assert "Hitsauskoulutus" in response.content.decode()


def test_service_list__filters_are_a_get_form_with_counts_and_pages(client):
    for n in range(25):
        ServiceFactory(name_fi=f"Valmennus {n}", service_type=taxonomy_term("coaching"))
    response = client.get(reverse("catalog:service-list"), {"type": "coaching"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get"' in html
    assert 'name="type" value="coaching" id="f-type-coaching" checked' in html
    assert 'Valmennus <span class="facet-count">(25' in html
    assert "?type=coaching&amp;page=2" in html
    assert len(response.context["services"]) == 20


def test_service_list__too_long_query_is_400_with_message(client):
    response = client.get(reverse("catalog:service-list"), {"q": "a" * 10000})
    assert response.status_code == 400
    assert 'id="id_q-error"' in response.content.decode()
    assert response.context["error"]["field"] == "q"


def test_service_list__unknown_filter_value_is_400(client):
    response = client.get(reverse("catalog:service-list"), {"type": "nonexistent"})
    assert response.status_code == 400


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_service_detail__renders_in_each_language_with_json_ld(client, lang):
    service = ServiceFactory(name_fi="Kokki", name_sv="Kock", name_en="Cook")
    with translation.override(lang):
        url = reverse("catalog:service-detail", args=[service.pk])
    response = client.get(url)
    html = response.content.decode()
    expected = {"fi": "Kokki", "sv": "Kock", "en": "Cook"}[lang]
    assert response.status_code == 200
    assert f"<h1>{expected}</h1>" in html
    block = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    data = json.loads(block.group(1))
    assert (data["@type"], data["name"]) == ("Service", expected)


def test_service_detail__description_html_is_sanitised_and_names_escaped(client):
    service = ServiceFactory(
        name_fi="<script>alert(1)</script>", description_fi="<p>Turvallinen</p>"
    )
    html = client.get(reverse("catalog:service-detail", args=[service.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003Cscript\\u003E" in html


@pytest.mark.parametrize("role", ROLES)
def test_service_detail__draft_only_for_own_provider_and_admin(client_as, role):
    service = ServiceFactory(draft=True)
    response = client_as(role).get(reverse("catalog:service-detail", args=[service.pk]))
    assert response.status_code == (200 if role == "platform_admin" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_service_enrol__per_role(client_as, role):
    service = ServiceFactory()
    response = client_as(role).post(
        reverse("catalog:service-enrol", args=[service.pk]), {"message": "Kiinnostaa"}
    )
    if role in ENROL_ALLOWED:
        assert response.status_code == 302
        assert EnrolmentRequest.objects.get().message == "Kiinnostaa"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert EnrolmentRequest.objects.exists() is False


def test_my_enrolments__lists_only_own_requests(client, jobseeker):
    EnrolmentRequestFactory(user=jobseeker, service=ServiceFactory(name_fi="Oma palvelu"))
    EnrolmentRequestFactory(service=ServiceFactory(name_fi="Toisen palvelu"))
    client.force_login(jobseeker)
    html = client.get(reverse("catalog:my-enrolments")).content.decode()
    assert "Oma palvelu" in html
    assert "Toisen palvelu" not in html


def test_my_enrolments__anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("catalog:my-enrolments")).status_code == 302


def test_enrolment_withdraw__someone_else_gets_404(client, jobseeker):
    request = EnrolmentRequestFactory()
    client.force_login(jobseeker)
    response = client.post(reverse("catalog:enrolment-withdraw", args=[request.pk]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == EnrolmentRequest.Status.NEW


@pytest.mark.parametrize("role", [r for r in ROLES if r != "platform_admin"])
@pytest.mark.parametrize("endpoint", ["edit", "submit", "confirm", "archive"])
def test_service_write_views__never_for_another_provider(client_as, role, endpoint):
    # given: a service of a provider the user is not a member of
    service = ServiceFactory(name_fi="Toisen")
    # when
    response = client_as(role).post(
        reverse(f"catalog:service-{endpoint}", args=[service.pk]),
        {"name_fi": "Muutettu", "delivery_mode": "onsite", "funding": "public"},
    )
    # then
    assert response.status_code == (302 if role == "anonymous" else 403)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    service.refresh_from_db()
    assert (service.name_fi, service.status) == ("Toisen", Service.Status.PUBLISHED)


def test_service_edit_view__own_provider_member_edits(client):
    service = ServiceFactory(name_fi="Oma")
    from tests.factories import ProviderUserFactory

    client.force_login(ProviderUserFactory(provider=service.provider))
    assert client.get(reverse("catalog:service-edit", args=[service.pk])).status_code == 200
    response = client.post(
        reverse("catalog:service-edit", args=[service.pk]),
        {
            "provider": service.provider.pk,
            "name_fi": "Oma muutettu",
            "summary_fi": "Tiivistelmä",
            "delivery_mode": "hybrid",
            "funding": "market",
            "is_free": "on",
            "service_type": taxonomy_term("coaching").pk,
            "is_nationwide": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    service.refresh_from_db()
    # a published service's changes go back to moderation (catalog.services.service_update)
    assert (service.name_fi, service.delivery_mode, service.status) == (
        "Oma muutettu",
        "hybrid",
        Service.Status.SUBMITTED,
    )
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert message == gettext(
        "The changes were saved and sent for moderation. The service is shown in the "
        "catalogue again once they have been accepted."
    )


def test_service_create_view__provider_member_creates_draft(client, provider_user):
    client.force_login(provider_user)
    provider = provider_user.provider_memberships.get().provider
    response = client.post(
        reverse("catalog:service-create"),
        {
            "provider": provider.pk,
            "name_fi": "Uusi palvelu",
            "delivery_mode": "onsite",
            "funding": "public",
            "is_free": "on",
            "price": "15",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["price"] == [
        "Maksuttomalla palvelulla ei voi olla hintaa. "
        "Poista hinta tai merkitse palvelu maksulliseksi."
    ]
    assert 'id="id_price-error"' in response.content.decode()
    assert Service.objects.exists() is False
    response = client.post(
        reverse("catalog:service-create"),
        {
            "provider": provider.pk,
            "name_fi": "Uusi palvelu",
            "delivery_mode": "onsite",
            "funding": "public",
            "is_free": "on",
            "languages": ["fi", "sv"],
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.name_fi, service.status, service.languages) == (
        "Uusi palvelu",
        Service.Status.DRAFT,
        ["fi", "sv"],
    )


def test_service_create_view__other_provider_in_form_is_refused(client, provider_user):
    other = ServiceFactory().provider
    client.force_login(provider_user)
    response = client.post(
        reverse("catalog:service-create"),
        {"provider": other.pk, "name_fi": "Vieras", "delivery_mode": "onsite", "funding": "public"},
    )
    assert response.status_code == 400
    assert Service.objects.filter(name_fi="Vieras").exists() is False


@pytest.mark.parametrize("role", ["jobseeker", "employer", "expert"])
def test_service_create_view__other_roles_forbidden(client_as, role):
    assert client_as(role).get(reverse("catalog:service-create")).status_code == 403
