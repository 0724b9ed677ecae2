import json
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from catalog.models import Service, TaxonomyTerm
from providers.models import Provider
from tests.factories import (
    MunicipalityFactory,
    PlatformAdminFactory,
    ProviderFactory,
    ServiceFactory,
    ServiceLocationFactory,
    taxonomy_term,
)

pytestmark = pytest.mark.django_db

SCHEMA_DIR = (
    Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "hsds-3.0" / "schema"
)
BASE = "https://hsds.test/schema/"


def _registry():
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(instance, schema_file):
    schema = {"$id": BASE + schema_file, **json.loads((SCHEMA_DIR / schema_file).read_text())}
    validator = Draft202012Validator(
        schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def validate_page(page, item_schema):
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    Draft202012Validator(openapi["components"]["schemas"]["Page"]).validate(page)
    assert set(page) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    for item in page["contents"]:
        validate(item, item_schema)


@pytest.fixture
def full_service():
    tampere = MunicipalityFactory()
    provider = ProviderFactory(
        name="Valo ry",
        name_sv="Valo rf",
        phone="+358 40 123 4567",
        street_address="Katu 1",
        postal_code="33100",
        city="Tampere",
        email="info@valo.example",
    )
    service = ServiceFactory(
        provider=provider,
        name_fi="Kuntouttava työtoiminta",
        name_sv="Arbetsverksamhet i rehabiliteringssyfte",
        name_en="Rehabilitative work activity",
        description_fi="<p>Ryhmä <strong>3 päivää</strong> viikossa.</p>",
        service_type=taxonomy_term("rehabwork"),
        target_groups=[taxonomy_term("longtermunemployed")],
        municipalities=[tampere],
        languages=["fi", "en"],
        schedule_fi="Ma, ke, pe klo 9–13",
        days_per_week=3,
        hours_per_day="4.0",
        duration_value=3,
        duration_unit="months",
        contact_name="Liisa Ohjaaja",
        contact_email="liisa@valo.example",
        contact_phone="+358 40 765 4321",
        url="https://valo.example/tyotoiminta",
        capacity=12,
    )
    ServiceLocationFactory(service=service)
    return Service.objects.get(pk=service.pk)


def test_hsds_root__version_and_profile(client):
    response = client.get("/hsds/")
    assert response.status_code == 200
    assert response.json()["version"] == "3.0"
    assert response.json()["profile"] == "http://testserver/hsds/profile/"
    assert client.get("/hsds/profile/").json()["name"] == "tori-fi"


def test_hsds_services__list_validates_against_schema(client, full_service):
    ServiceFactory(name_fi="Toinen", is_free=False, price="20.00")
    ServiceFactory(name_fi="Luonnos", draft=True)
    response = client.get("/hsds/services")
    assert response.status_code == 200
    page = response.json()
    validate_page(page, "compiled-service_list.json")
    assert page["total_items"] == 2
    assert page["first_page"] is True
    assert page["last_page"] is True
    assert page["empty"] is False
    assert sorted(item["name"] for item in page["contents"]) == [
        "Kuntouttava työtoiminta",
        "Toinen",
    ]


def test_hsds_services__full_list_and_detail_validate(client, full_service):
    page = client.get("/hsds/services?full=true").json()
    for item in page["contents"]:
        validate(item, "compiled-service.json")
    response = client.get(f"/hsds/services/{full_service.uuid}?lang=sv")
    assert response.status_code == 200
    data = response.json()
    validate(data, "compiled-service.json")
    assert data["name"] == "Arbetsverksamhet i rehabiliteringssyfte"
    assert data["tori_fi"]["schedule"]["days_per_week"] == 3
    assert data["tori_fi"]["service_type"] == "rehabwork"
    assert data["service_areas"][0]["extent"] == "municipality:837"
    assert data["schedules"][0]["notes"] == "3 days/week, 4 h/day, 3 months"
    assert data["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "33100"
    assert data["attributes"][0]["taxonomy_term"]["code"] == "rehabwork"


def test_hsds_services__filters_and_paging(client, full_service):
    other = ServiceFactory(name_fi="Toinen palvelu")
    by_org = client.get(f"/hsds/services?organization_id={full_service.provider.uuid}").json()
    assert [c["id"] for c in by_org["contents"]] == [str(full_service.uuid)]
    term = taxonomy_term("rehabwork")
    by_term = client.get(f"/hsds/services?taxonomy_term_id={term.uuid}").json()
    assert [c["id"] for c in by_term["contents"]] == [str(full_service.uuid)]
    by_search = client.get("/hsds/services?search=työtoimintaa").json()
    assert [c["id"] for c in by_search["contents"]] == [str(full_service.uuid)]
    paged = client.get("/hsds/services?per_page=1&page=2").json()
    assert paged["total_items"] == 2
    assert paged["total_pages"] == 2
    assert paged["size"] == 1
    assert paged["last_page"] is True
    assert paged["first_page"] is False
    minimal = client.get("/hsds/services?minimal=true").json()
    assert sorted(c["id"] for c in minimal["contents"]) == sorted(
        [str(full_service.uuid), str(other.uuid)]
    )


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "per_page=1000",
        "page=abc",
        "organization_id=not-a-uuid",
        "modified_after=yesterday",
        "modified_after=2026-02-30",
        "modified_after=0001-01-01T00:00:00%2B20:38",
        "modified_after=9999-12-31T23:59:59-15:00",
        "lang=de",
        "format=ndjson",
        "full=maybe",
        "search=" + "x" * 10000,
    ],
)
def test_hsds_services__bad_parameters_are_400(client, query):
    response = client.get(f"/hsds/services?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_hsds_services__old_moment_with_a_large_offset_is_read_in_utc(client):
    """PostgreSQL refuses offsets beyond ±15:59: the moment reaches it in UTC."""
    service = ServiceFactory()
    response = client.get("/hsds/services?modified_after=0398-04-20T23:53:14%2B20:38")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["contents"]] == [str(service.uuid)]


@pytest.mark.parametrize("path", ["services", "organizations", "taxonomies", "taxonomy_terms"])
def test_hsds_lists__page_far_past_the_end_is_empty(client, path):
    """PostgreSQL cannot OFFSET past a bigint: the page is empty without asking it."""
    ServiceFactory()
    response = client.get(f"/hsds/{path}?page=631062301294560064569344")
    assert response.status_code == 200
    body = response.json()
    assert (body["contents"], body["page_number"], body["last_page"]) == (
        [],
        631062301294560064569344,
        True,
    )


def test_hsds_service_detail__unpublished_is_404(client):
    draft = ServiceFactory(draft=True)
    assert client.get(f"/hsds/services/{draft.uuid}").status_code == 404


def test_hsds_organizations__list_and_detail_validate(client, full_service):
    ProviderFactory(name="Vahvistamaton", is_verified=False)
    page = client.get("/hsds/organizations").json()
    validate_page(page, "compiled-organization_list.json")
    assert [o["name"] for o in page["contents"]] == ["Valo ry"]
    detail = client.get(f"/hsds/organizations/{full_service.provider.uuid}").json()
    validate(detail, "organization.json")
    assert detail["organization_identifiers"][0]["identifier"] == full_service.provider.business_id
    assert detail["services"] == [{"id": str(full_service.uuid), "name": "Kuntouttava työtoiminta"}]
    full = client.get(f"/hsds/organizations/{full_service.provider.uuid}?full_service=true").json()
    validate(full["services"][0], "compiled-service.json")


def test_hsds_taxonomies_and_terms_validate(client):
    taxonomies = client.get("/hsds/taxonomies").json()
    validate_page(taxonomies, "taxonomy.json")
    assert [t["name"] for t in taxonomies["contents"]] == ["tori-service-type", "tori-target-group"]
    service_type = taxonomies["contents"][0]
    assert client.get(f"/hsds/taxonomies/{service_type['id']}").json() == service_type
    terms = client.get(f"/hsds/taxonomy_terms?taxonomy_id={service_type['id']}&lang=en").json()
    validate_page(terms, "taxonomy_term.json")
    assert terms["total_items"] == TaxonomyTerm.objects.filter(taxonomy="service_type").count()
    first = terms["contents"][0]
    assert first["name"] == "Training"
    detail = client.get(f"/hsds/taxonomy_terms/{first['id']}?lang=en").json()
    validate(detail, "taxonomy_term.json")
    assert detail == first


def test_import_hsds__round_trip_of_an_export(client, full_service, tmp_path):
    # given: the HSDS export of a service, then the service is removed
    PlatformAdminFactory()
    exported = client.get(f"/hsds/services/{full_service.uuid}").json()
    path = tmp_path / "services.json"
    path.write_text(json.dumps({"contents": [exported]}))
    provider = full_service.provider
    full_service.locations.all().delete()
    full_service.delete()
    # when
    call_command("import_hsds", str(path), "--publish")
    # then
    service = Service.objects.get(uuid=exported["id"])
    assert service.provider == provider
    assert service.status == Service.Status.PUBLISHED
    assert service.name_sv == "Arbetsverksamhet i rehabiliteringssyfte"
    assert service.description_fi == "<p>Ryhmä <strong>3 päivää</strong> viikossa.</p>"
    assert service.service_type.code == "rehabwork"
    assert [t.code for t in service.target_groups.all()] == ["longtermunemployed"]
    assert [m.code for m in service.municipalities.all()] == ["837"]
    assert (service.days_per_week, str(service.hours_per_day), service.duration_value) == (
        3,
        "4.0",
        3,
    )
    assert service.locations.get().street_address == "Hämeenkatu 1"


def test_import_hsds__plain_hsds_creates_unverified_provider_and_draft(tmp_path):
    PlatformAdminFactory()
    example = {
        "id": "5a1c6f0e-2b5f-4c38-9d55-2f6b0f7e8a11",
        "name": "Kielikahvila",
        "description": "Suomen kielen harjoittelua <script>alert(1)</script>",
        "status": "active",
        "organization": {
            "id": "0b7e8f7a-7d2c-4f7e-8f0a-1e2d3c4b5a69",
            "name": "Kieliyhdistys ry",
            "description": "Yhdistys",
            "tax_id": "1029831-4",
        },
        "cost_options": [{"id": "7e1c6f0e-2b5f-4c38-9d55-2f6b0f7e8a11", "amount": 5}],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(example))
    call_command("import_hsds", str(path))
    service = Service.objects.get(uuid=example["id"])
    assert service.status == Service.Status.DRAFT
    assert service.description_fi == "Suomen kielen harjoittelua"
    assert (service.is_free, service.price) == (False, 5)
    assert Provider.objects.get(business_id="1029831-4").is_verified is False
