"""The OpenAPI descriptions say what the APIs answer (schemathesis checks the answers against
them in tests/test_schemathesis.py; these pin the corrections)."""

import pytest
from django.test import Client
from django.utils.translation import gettext

from jobs.models import JobAd
from tests.factories import JobAdFactory

pytestmark = pytest.mark.django_db

PAGINATED_LISTS = {
    "/api/v1/provider/services/": "PaginatedServiceOutputList",
    "/api/v1/providers/": "PaginatedProviderList",
    "/api/v1/enrolments/": "PaginatedEnrolmentList",
    "/api/v1/e-services/items/": "PaginatedEserviceItemList",
}


@pytest.fixture(scope="module")
def api_schema(django_db_blocker):
    with django_db_blocker.unblock():
        return Client().get("/api/v1/schema/", {"format": "json"}).json()


@pytest.mark.parametrize(("path", "component"), sorted(PAGINATED_LISTS.items()))
def test_api_schema__lists_that_return_pages_are_documented_as_pages(api_schema, path, component):
    ok = api_schema["paths"][path]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {
        "$ref": f"#/components/schemas/{component}"
    }
    page = api_schema["components"]["schemas"][component]
    assert set(page["required"]) == {"count", "results"}


def test_api_schema__job_ad_occupation_may_be_null(api_schema, client):
    occupation = api_schema["components"]["schemas"]["JobAdOutput"]["properties"]["occupation"]
    assert occupation == {"type": "string", "readOnly": True, "nullable": True}
    job_ad = JobAdFactory(occupation=None)
    assert job_ad.status == JobAd.Status.PUBLISHED
    assert client.get(f"/api/v1/jobs/{job_ad.pk}/").json()["occupation"] is None


def test_api_schema__refusals_are_documented_for_every_operation(api_schema):
    for path, operations in api_schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "403", "404", "429"} <= set(operation["responses"]), (method, path)
    partner = api_schema["paths"]["/api/v1/partner/jobs/"]["get"]["responses"]
    assert partner["401"]["description"] == "The partner token is missing or not valid."
    assert "401" not in api_schema["paths"]["/api/v1/me/"]["get"]["responses"]


def test_hsds_openapi__item_paths_declare_their_id(client):
    schema = client.get("/hsds/openapi.json").json()
    assert schema["servers"] == [{"url": "/hsds"}]
    item_paths = [path for path in schema["paths"] if "{id}" in path]
    assert item_paths == [
        "/services/{id}",
        "/organizations/{id}",
        "/taxonomies/{id}",
        "/taxonomy_terms/{id}",
    ]
    for path in item_paths:
        parameters = schema["paths"][path]["get"]["parameters"]
        assert parameters[0] == {
            "name": "id",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "format": "uuid"},
        }
        assert set(schema["paths"][path]["get"]["responses"]) == {"200", "400", "404"}


@pytest.mark.parametrize(
    "path", ["/api/v1/services/not-a-number/", "/api/v1/nothing-here/", "/hsds/nothing-here"]
)
def test_api_paths__unmatched_urls_answer_json_not_the_html_page(client, path):
    response = client.get(path)
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json() == {"detail": gettext("Not found.")}


def test_html_paths__unmatched_urls_keep_the_html_page(client):
    response = client.get("/fi/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
