"""Broad searches: facet counts above catalog.search.FACET_COUNT_LIMIT are estimates,
clearly marked in the page and the API, while the result (services, order, total) stays
exact; the filter panel's cached reference names; the page's light result cards."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from catalog import search, selectors
from catalog.models import TaxonomyTerm
from providers.models import Provider
from reference.models import Municipality
from tests.factories import MunicipalityFactory, ProviderFactory, ServiceFactory, taxonomy_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve():
    """Twelve "Valmennus" services: 9 free, 3 paid; 8 public, 4 third sector."""
    public = ProviderFactory(sector=Provider.Sector.PUBLIC, business_id="", municipality_code="837")
    third = ProviderFactory(sector=Provider.Sector.THIRD)
    return [
        ServiceFactory(
            name_fi=f"Valmennus {n}",
            provider=public if n < 8 else third,
            is_free=n % 4 != 0,
            price=None if n % 4 != 0 else 100,
            service_type=taxonomy_term("coaching"),
        )
        for n in range(12)
    ]


def test_service_search__counts_are_exact_up_to_the_limit(twelve, monkeypatch):
    # given
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 12)
    # when
    result = selectors.service_search(viewer=None, filters={"q": "valmennus"})
    # then
    assert result.total == 12
    assert result.counts_exact
    assert result.counts["zfcfree"] == 9
    assert result.counts["zfcpaid"] == 3
    assert not any(v.at_least for values in result.facets.values() for v in values)


def test_service_search__counts_above_the_limit_are_marked_lower_bounds(twelve, monkeypatch):
    # given
    exact = selectors.service_search(viewer=None, filters={"q": "valmennus"})
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 5)
    # when
    capped = selectors.service_search(viewer=None, filters={"q": "valmennus"})
    # then: the same services in the same order
    assert [s.pk for s in capped.services] == [s.pk for s in exact.services]
    assert [s.pk for s in capped.services[3:9]] == [s.pk for s in exact.services[3:9]]
    # "more than 5": the total and every count are lower bounds, and marked
    assert exact.total == 12
    assert exact.counts_exact
    assert capped.total == 5
    assert not capped.counts_exact
    assert capped.counts["zftcoaching"] == 5  # every service carries it
    assert 5 <= sum(n for k, n in capped.counts.items() if k.startswith("zfs")) <= 6
    for key, n in capped.counts.items():
        assert 1 <= n <= min(5, exact.counts[key])
    values = [v for facet in capped.facets.values() for v in facet]
    assert values
    assert all(v.at_least for v in values)


def test_service_search__filters_narrow_below_the_limit_to_exact_counts(twelve, monkeypatch):
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 5)
    result = selectors.service_search(viewer=None, filters={"sector": ["third"]})
    assert result.total == 4
    assert result.counts_exact
    assert {v.value: v.count for v in result.facets["sector"]} == {"third": 4}


def test_service_list__page_marks_lower_bounds(client, twelve, monkeypatch):
    # given
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 5)
    # when
    response = client.get(reverse("catalog:service-list"), {"q": "valmennus"})
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert not response.context["counts_exact"]
    assert 'class="help"' in html
    assert "5+</span>" in html  # Valmennus (5+)
    assert "Yli 5" in html or "More than 5" in html
    # the pages cover the first FACET_COUNT_LIMIT matches, in the exact order
    assert [s.pk for s in response.context["services"]] == [s.pk for s in twelve[::-1][:5]]


def test_service_list__page_without_limit_has_no_marks(client, twelve):
    response = client.get(reverse("catalog:service-list"), {"q": "valmennus"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "+</span>" not in html
    assert response.context["total"] == 12


def test_service_list_api__flags_lower_bound_counts(twelve, monkeypatch):
    # given
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 5)
    # when
    capped = APIClient().get("/api/v1/services/", {"q": "valmennus", "page_size": 100})
    monkeypatch.setattr(search, "FACET_COUNT_LIMIT", 5000)
    exact = APIClient().get("/api/v1/services/", {"q": "valmennus", "page_size": 100})
    # then
    assert capped.status_code == exact.status_code == 200
    assert exact.data["count"] == 12
    assert exact.data["counts_exact"] is True
    assert capped.data["count"] == 5
    assert capped.data["counts_exact"] is False
    assert [s["id"] for s in capped.data["results"]] == [s["id"] for s in exact.data["results"]][:5]
    assert {v["value"]: v["count"] for v in exact.data["facets"]["sector"]} == {
        "public": 8,
        "third": 4,
    }


def test_facet_panel__reference_names_follow_saves():
    # given: the panel has cached the names
    tampere = MunicipalityFactory()
    ServiceFactory(name_fi="Hitsaus", municipalities=[tampere])
    first = selectors.service_search(viewer=None, filters={})
    assert [v.label for v in first.facets["municipality"]] == ["Tampere"]
    # when
    tampere.name_fi = "Tampere (kaupunki)"
    tampere.save()
    term = TaxonomyTerm.objects.get(code="coaching")
    term.name_fi = "Valmennus ja ohjaus"
    term.save()
    # then
    again = selectors.service_search(viewer=None, filters={})
    assert [v.label for v in again.facets["municipality"]] == ["Tampere (kaupunki)"]
    assert [v.label for v in again.facets["type"]] == ["Valmennus ja ohjaus"]


def test_facet_panel__bulk_imported_area_reloads_the_cached_names():
    # given: cached names, then an area imported without save() (bulk upsert)
    selectors.service_search(viewer=None, filters={})
    region = MunicipalityFactory().region
    Municipality.objects.bulk_create(
        [Municipality(code="998", name_fi="Uusikunta", name_sv="Nykommun", region=region)]
    )
    ServiceFactory(name_fi="Hitsaus", municipalities=[Municipality.objects.get(code="998")])
    # when
    result = selectors.service_search(viewer=None, filters={})
    # then
    assert "Uusikunta" in [v.label for v in result.facets["municipality"]]


def test_service_list__cards_do_not_query_per_service(client):
    """The page loads only the card's columns; nothing is fetched per card."""

    def queries_for(n):
        for i in range(n):
            ServiceFactory(name_fi=f"Kokki {i}", municipalities=[MunicipalityFactory()])
        client.get(reverse("catalog:service-list"), {"q": "kokki"})  # the names are cached
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("catalog:service-list"), {"q": "kokki"})
        assert response.status_code == 200
        assert response.content.decode().count('class="card service-card"') == len(
            response.context["services"]
        )
        return len(captured)

    assert queries_for(2) == queries_for(6)


def test_service_search__full_services_by_default(twelve):
    """The API and HSDS read the whole service (all fields, target groups)."""
    result = selectors.service_search(viewer=None, filters={"q": "valmennus"})
    service = result.services[0:1][0]
    assert not service.get_deferred_fields() - {"search_vector", "search_document", "facet_keys"}
    cards = selectors.service_search(viewer=None, filters={"q": "valmennus"}, cards_only=True)
    card = cards.services[0:1][0]
    assert "description_fi" in card.get_deferred_fields()
    assert Counter(type(s).__name__ for s in cards.services[0:5]) == {"Service": 5}
