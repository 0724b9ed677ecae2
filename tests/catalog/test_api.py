import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import EnrolmentRequest, Service
from tests.conftest import ROLES, login_with_second_factor
from tests.factories import (
    EnrolmentRequestFactory,
    MunicipalityFactory,
    ProviderUserFactory,
    ServiceFactory,
    taxonomy_term,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(request):
    def make(role):
        client = APIClient()
        if role == "anonymous":
            return client, None
        user = request.getfixturevalue(role)
        if role in ("expert", "platform_admin"):
            login_with_second_factor(client, user)
        else:
            client.force_login(user)
        return client, user

    return make


def token_client(user):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize("role", ROLES)
def test_service_list_api__public_search_with_facets(api_as, role):
    ServiceFactory(name_fi="Hitsauskoulutus", service_type=taxonomy_term("training"))
    ServiceFactory(name_fi="Luonnos", draft=True)
    client, _user = api_as(role)
    response = client.get("/api/v1/services/", {"q": "hitsaajaksi koulutus"})
    assert response.status_code == 200
    assert [s["name"]["fi"] for s in response.data["results"]] == ["Hitsauskoulutus"]
    assert response.data["facets"]["type"] == [
        {"value": "training", "label": "Koulutus", "count": 1}
    ]


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 10000}, {"type": "nonsense"}, {"cost": "cheap"}, {"sort": "sector"}],
)
def test_service_list_api__bad_parameters_are_400(params):
    response = APIClient().get("/api/v1/services/", params)
    assert response.status_code == 400


def test_service_list_api__sql_and_fts_syntax_is_harmless():
    ServiceFactory(name_fi="Hitsaus")
    for query in ["'; DROP TABLE catalog_service; --", "a & b | !c", "(((", ":*", "\\"]:
        assert APIClient().get("/api/v1/services/", {"q": query}).status_code == 200
    assert Service.objects.count() == 1


def test_service_create_api__token_auth_creates_draft_for_own_provider():
    user = ProviderUserFactory()
    municipality = MunicipalityFactory()
    response = token_client(user).post(
        "/api/v1/services/",
        {
            "name_fi": "API-palvelu",
            "name_en": "API service",
            "summary_fi": "Tiivistelmä",
            "description_fi": "<p>Kuvaus<script>alert(1)</script></p>",
            "service_type": "coaching",
            "target_groups": ["immigrants"],
            "municipalities": [municipality.code],
            "languages": ["fi", "en"],
            "locations": [{"street_address": "Katu 2", "postal_code": "33100", "city": "Tampere"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    service = Service.objects.get()
    assert service.provider == user.provider_memberships.get().provider
    assert (service.status, service.description_fi) == (Service.Status.DRAFT, "<p>Kuvaus</p>")
    assert response.data["target_groups"] == ["immigrants"]
    submit = token_client(user).post(f"/api/v1/services/{service.pk}/submit/")
    assert submit.status_code == 200
    assert submit.data["status"] == "submitted"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name_fi": ""}, "name_fi"),
        ({"name_fi": "X", "is_free": True, "price": "12.00"}, "price"),
        ({"name_fi": "X", "service_type": "nonexistent"}, "service_type"),
        ({"name_fi": "X", "languages": ["klingon"]}, "languages"),
        (
            {
                "name_fi": "X",
                "locations": [{"street_address": "K", "postal_code": "1", "city": "T"}],
            },
            "locations",
        ),
    ],
)
def test_service_create_api__bad_input_is_400_with_field(payload, field):
    response = token_client(ProviderUserFactory()).post("/api/v1/services/", payload, format="json")
    assert response.status_code == 400
    assert field in response.data
    assert Service.objects.exists() is False


@pytest.mark.parametrize("role", ROLES)
def test_service_create_api__per_role(api_as, role):
    client, user = api_as(role)
    response = client.post("/api/v1/services/", {"name_fi": "Uusi"}, format="json")
    if role == "provider_user":
        assert response.status_code == 201
    elif role == "platform_admin":
        assert response.status_code == 400  # must name the provider
    else:
        assert response.status_code == 403
        assert Service.objects.exists() is False


def test_service_create_api__cannot_create_for_another_provider():
    other = ServiceFactory().provider
    response = token_client(ProviderUserFactory()).post(
        "/api/v1/services/", {"name_fi": "Vieras", "provider": other.pk}, format="json"
    )
    assert response.status_code == 403
    assert Service.objects.filter(name_fi="Vieras").exists() is False


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("patch", "/api/v1/services/{pk}/", {"name_fi": "Kaapattu"}),
        ("post", "/api/v1/services/{pk}/submit/", {}),
        ("post", "/api/v1/services/{pk}/confirm/", {}),
        ("post", "/api/v1/services/{pk}/archive/", {}),
        ("post", "/api/v1/services/{pk}/publish/", {}),
        ("post", "/api/v1/services/{pk}/reject/", {"note": "Ei"}),
    ],
)
def test_service_write_api__provider_can_never_edit_another_providers_service(
    method, path, payload
):
    # given
    service = ServiceFactory(name_fi="Toisen palvelu")
    intruder = token_client(ProviderUserFactory())
    # when
    response = getattr(intruder, method)(path.format(pk=service.pk), payload, format="json")
    # then
    assert response.status_code == 403
    service.refresh_from_db()
    assert (service.name_fi, service.status) == ("Toisen palvelu", Service.Status.PUBLISHED)


@pytest.mark.parametrize("role", ROLES)
def test_service_publish_api__only_platform_admin(api_as, role):
    service = ServiceFactory(submitted=True)
    client, _user = api_as(role)
    response = client.post(f"/api/v1/services/{service.pk}/publish/")
    service.refresh_from_db()
    if role == "platform_admin":
        assert response.status_code == 200
        assert service.status == Service.Status.PUBLISHED
    else:
        assert response.status_code == 403
        assert service.status == Service.Status.SUBMITTED


def _admin_without_second_factor(channel, admin):
    if channel == "token":
        return token_client(admin)
    client = APIClient()
    client.force_login(admin)  # password only: the session was never confirmed
    return client


# A token request is refused by the API (403/404); a session not yet confirmed is sent to the
# second-factor page by the middleware before any view runs.
REFUSED = {"token": 403, "session": 302}


@pytest.mark.parametrize("channel", ["token", "session"])
@pytest.mark.parametrize(
    ("path", "payload"),
    [("/api/v1/services/{pk}/publish/", {}), ("/api/v1/services/{pk}/reject/", {"note": "Ei"})],
)
def test_service_moderation_api__admin_without_second_factor_is_403(
    platform_admin, channel, path, payload
):
    # given a submitted service and an administrator with no confirmed second factor
    service = ServiceFactory(submitted=True)
    client = _admin_without_second_factor(channel, platform_admin)
    # when they moderate through the API
    response = client.post(path.format(pk=service.pk), payload, format="json")
    # then it is refused and nothing changed
    assert response.status_code == REFUSED[channel]
    service.refresh_from_db()
    assert (service.status, service.moderation_note) == (Service.Status.SUBMITTED, "")


@pytest.mark.parametrize("channel", ["token", "session"])
def test_service_detail_api__admin_without_second_factor_cannot_read_drafts(
    platform_admin, channel
):
    draft = ServiceFactory(draft=True, name_fi="Keskeneräinen luonnos")
    client = _admin_without_second_factor(channel, platform_admin)
    response = client.get(f"/api/v1/services/{draft.pk}/")
    assert response.status_code == {"token": 404, "session": 302}[channel]
    assert "Keskeneräinen luonnos" not in response.content.decode()


def test_enrolment_list_api__platform_admin_sees_no_one_elses_messages(api_as):
    # given an enrolment with a personal message
    EnrolmentRequestFactory(message="VIESTI-MARKKERI-7731")
    client, _admin = api_as("platform_admin")  # session confirmed with a second factor
    # when the administrator lists enrolments through the API
    response = client.get("/api/v1/enrolments/")
    # then nothing of other people is listed
    assert response.status_code == 200
    assert response.data["results"] == []
    assert "VIESTI-MARKKERI-7731" not in response.content.decode()


def test_service_patch_api__own_service_is_updated_and_sent_back_to_moderation():
    service = ServiceFactory(stale=True, is_nationwide=True)
    member = ProviderUserFactory(provider=service.provider)
    response = token_client(member).patch(
        f"/api/v1/services/{service.pk}/", {"name_sv": "Ny"}, format="json"
    )
    assert response.status_code == 200
    assert response.data["status"] == "submitted"
    service.refresh_from_db()
    assert (service.name_sv, service.status) == ("Ny", Service.Status.SUBMITTED)
    assert service.confirmed_at.date() == service.updated_at.date()
    assert APIClient().get(f"/api/v1/services/{service.pk}/").status_code == 404


def test_provider_service_list_api__only_own_services_in_every_status():
    member = ProviderUserFactory()
    own = ServiceFactory(provider=member.provider_memberships.get().provider, draft=True)
    ServiceFactory()
    response = token_client(member).get("/api/v1/provider/services/")
    assert [s["id"] for s in response.data["results"]] == [own.pk]


@pytest.mark.parametrize("role", ROLES)
def test_enrolment_create_api__per_role(api_as, role):
    service = ServiceFactory()
    client, _user = api_as(role)
    response = client.post("/api/v1/enrolments/", {"service": service.pk}, format="json")
    assert response.status_code == (201 if role in ("jobseeker", "employer") else 403)
    assert EnrolmentRequest.objects.exists() is (role in ("jobseeker", "employer"))


def test_enrolment_decide_api__only_the_services_provider():
    request = EnrolmentRequestFactory()
    intruder = token_client(ProviderUserFactory())
    assert (
        intruder.post(
            f"/api/v1/enrolments/{request.pk}/decide/", {"accept": True}, format="json"
        ).status_code
        == 404
    )
    member = token_client(ProviderUserFactory(provider=request.service.provider))
    response = member.post(
        f"/api/v1/enrolments/{request.pk}/decide/", {"accept": False}, format="json"
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == EnrolmentRequest.Status.DECLINED


def test_enrolment_list_api__own_requests_and_provider_inbox(jobseeker):
    mine = EnrolmentRequestFactory(user=jobseeker)
    EnrolmentRequestFactory()
    client = APIClient()
    client.force_login(jobseeker)
    assert [e["id"] for e in client.get("/api/v1/enrolments/").data["results"]] == [mine.pk]
    member = token_client(ProviderUserFactory(provider=mine.service.provider))
    assert [e["id"] for e in member.get("/api/v1/enrolments/").data["results"]] == [mine.pk]


def test_enrolment_withdraw_api__only_requester(jobseeker):
    request = EnrolmentRequestFactory()
    client = APIClient()
    client.force_login(jobseeker)
    assert client.post(f"/api/v1/enrolments/{request.pk}/withdraw/").status_code == 404
    request.refresh_from_db()
    assert request.status == EnrolmentRequest.Status.NEW


def test_taxonomy_terms_and_providers_api():
    service = ServiceFactory()
    terms = APIClient().get("/api/v1/taxonomy-terms/", {"taxonomy": "target_group"}).data
    assert terms[0]["code"] == "jobseekers"
    providers = APIClient().get("/api/v1/providers/").data["results"]
    assert [p["id"] for p in providers] == [service.provider_id]


def test_openapi_schema_lists_catalogue_endpoints(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/services/" in body
    assert "/api/v1/enrolments/" in body
