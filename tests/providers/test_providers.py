import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from catalog.models import Service
from providers import services
from providers.models import Provider
from tests.conftest import ROLES
from tests.factories import (
    EnrolmentRequestFactory,
    PlatformAdminFactory,
    ProviderFactory,
    ProviderUserFactory,
    ServiceFactory,
    UserFactory,
    with_second_factor,
)
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("business_id", ["1234567-8", "123456-7", "abcdefg-h", "1029831-5"])
def test_provider_register__invalid_business_id_is_refused(business_id):
    with pytest.raises(ApplicationError) as error:
        services.provider_register(
            user=UserFactory(), name="Oy", sector=Provider.Sector.PRIVATE, business_id=business_id
        )
    assert error.value.field == "business_id"
    assert Provider.objects.exists() is False


def test_provider_register__public_body_with_municipality_code_is_unverified():
    provider = services.provider_register(
        user=UserFactory(), name="Kaupunki", sector=Provider.Sector.PUBLIC, municipality_code="837"
    )
    assert (provider.is_verified, provider.municipality_code) == (False, "837")


def test_provider_verify__only_platform_admin():
    provider = ProviderFactory(is_verified=False)
    with pytest.raises(ApplicationError):
        services.provider_verify(provider=provider, actor=ProviderUserFactory(provider=provider))
    with pytest.raises(ApplicationError):
        services.provider_verify(provider=provider, actor=PlatformAdminFactory())
    provider.refresh_from_db()
    assert provider.is_verified is False
    admin = with_second_factor(PlatformAdminFactory())
    services.provider_verify(provider=provider, actor=admin)
    provider.refresh_from_db()
    assert (provider.is_verified, provider.verified_by) == (True, admin)


def test_provider_update__identity_change_needs_new_verification_and_reindexes():
    provider = ProviderFactory(sector=Provider.Sector.THIRD)
    service = ServiceFactory(provider=provider)
    admin_member = ProviderUserFactory(provider=provider)
    services.provider_update(
        actor=admin_member,
        provider=provider,
        data={"name_sv": "Valmennus rf", "sector": Provider.Sector.PRIVATE},
    )
    provider.refresh_from_db()
    service.refresh_from_db()
    assert (provider.name_sv, provider.is_verified) == ("Valmennus rf", False)
    assert "zfsprivate" in service.facet_keys


def test_provider_update__invalid_business_id_and_other_provider_refused():
    provider = ProviderFactory()
    with pytest.raises(ApplicationError) as error:
        services.provider_update(
            actor=ProviderUserFactory(provider=provider),
            provider=provider,
            data={"business_id": "1234567-8"},
        )
    assert error.value.field == "business_id"
    with pytest.raises(ApplicationError):
        services.provider_update(actor=ProviderUserFactory(), provider=provider, data={"name": "X"})
    provider.refresh_from_db()
    assert provider.name.startswith("Valmennus")


@pytest.mark.parametrize("role", ROLES)
def test_provider_dashboard__per_role(client_as, role):
    response = client_as(role).get(reverse("providers:dashboard"))
    expected = {"anonymous": 302, "provider_user": 200}.get(role, 403)
    assert response.status_code == expected


def test_provider_dashboard__services_staleness_and_inbox(client):
    member = ProviderUserFactory()
    provider = member.provider_memberships.get().provider
    ServiceFactory(provider=provider, name_fi="Tuore palvelu")
    ServiceFactory(provider=provider, name_fi="Vanheneva palvelu", stale=True)
    ServiceFactory(provider=provider, name_fi="Luonnospalvelu", draft=True)
    request = EnrolmentRequestFactory(
        service=ServiceFactory(provider=provider, name_fi="Haettu"), message="Haluan mukaan"
    )
    EnrolmentRequestFactory(message="Toiselle tarjoajalle")
    client.force_login(member)
    response = client.get(reverse("providers:dashboard"))
    html = response.content.decode()
    board = response.context["dashboards"][0]
    assert sorted(s.name_fi for s in board["services"]) == [
        "Haettu",
        "Luonnospalvelu",
        "Tuore palvelu",
        "Vanheneva palvelu",
    ]
    assert [s.name_fi for s in board["stale"]] == ["Vanheneva palvelu"]
    assert [e.pk for e in board["inbox"]] == [request.pk]
    assert "Haluan mukaan" in html
    assert "Toiselle tarjoajalle" not in html


def test_provider_dashboard__decide_request(client):
    request = EnrolmentRequestFactory()
    client.force_login(ProviderUserFactory(provider=request.service.provider))
    response = client.post(
        reverse("catalog:enrolment-decide", args=[request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted"


def test_provider_dashboard__other_provider_cannot_decide(client):
    request = EnrolmentRequestFactory()
    client.force_login(ProviderUserFactory())
    response = client.post(
        reverse("catalog:enrolment-decide", args=[request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "new"


def test_api_token__provider_member_gets_token_shown_once(client, provider_user):
    client.force_login(provider_user)
    response = client.post(reverse("providers:api-token"))
    token = Token.objects.get(user=provider_user)
    assert response.status_code == 200
    assert token.key in response.content.decode()


@pytest.mark.parametrize("role", ["jobseeker", "employer", "expert"])
def test_api_token__other_roles_forbidden(client_as, role):
    assert client_as(role).post(reverse("providers:api-token")).status_code == 403
    assert Token.objects.exists() is False


@pytest.mark.parametrize("role", ROLES)
def test_provider_edit__only_own_provider_admin(client_as, role):
    provider = ProviderFactory(name="Kohde ry")
    response = client_as(role).post(
        reverse("providers:provider-edit", args=[provider.pk]),
        {"name": "Kaapattu", "sector": "third", "business_id": provider.business_id},
    )
    provider.refresh_from_db()
    if role == "platform_admin":
        assert response.status_code == 302
        assert provider.name == "Kaapattu"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert provider.name == "Kohde ry"


def test_provider_edit__own_admin_saves_and_bad_business_id_is_400(client):
    member = ProviderUserFactory()
    provider = member.provider_memberships.get().provider
    client.force_login(member)
    url = reverse("providers:provider-edit", args=[provider.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "Uusi", "sector": "third", "business_id": "1234567-8"})
    assert bad.status_code == 400
    assert 'id="id_business_id-error"' in bad.content.decode()
    ok = client.post(
        url,
        {
            "name": "Uusi nimi",
            "name_en": "New",
            "sector": "third",
            "business_id": provider.business_id,
            "email": "info@example.fi",
        },
    )
    assert ok.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.name_en, provider.is_verified) == ("Uusi nimi", "New", True)


def test_admin_moderation_action_publishes(client):
    from tests.conftest import login_with_second_factor

    service = ServiceFactory(submitted=True)
    login_with_second_factor(client, PlatformAdminFactory())
    response = client.post(
        reverse("admin:catalog_service_changelist"),
        {"action": "publish", "_selected_action": [service.pk]},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == Service.Status.PUBLISHED
