"""The search's Python shortcuts give what the general paths give: a text query without
filters skips the django-filter form, the page's cards come from one precompiled statement
(PostgreSQL), and the result's queryset builds its SQL only when it is used."""

import pytest
from django.utils import translation

from catalog import selectors
from catalog.filters import ServiceFilter
from catalog.models import Service
from tests.factories import MunicipalityFactory, ProviderFactory, ServiceFactory, taxonomy_term
from tests.factories.users import RegionFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": ""},
        {"q": "  hitsaajaksi  "},
        {"q": "   "},
        {"q": "kokki", "sort": "newest"},
        {"q": "kokki", "sort": ""},
        {"sort": "relevance"},
        {"q": "kokki", "page": "2"},
        {"q": "x" * 200},
    ],
)
def test_plain_query_params__same_as_the_filterset(data):
    # given
    filterset = ServiceFilter(data, queryset=Service.objects.none())

    # when
    params = ServiceFilter.plain_query_params(data)

    # then
    assert filterset.is_valid()
    assert params == filterset.search_params()


@pytest.mark.parametrize(
    "data",
    [
        {"q": "x" * 201},
        {"q": "a\x00b"},
        {"sort": "cheapest"},
        {"q": ["a", "b"]},
        {"q": "kokki", "type": "coaching"},
        {"region": ""},
        {"cost": "free"},
    ],
)
def test_plain_query_params__leaves_the_rest_to_the_form(data):
    assert ServiceFilter.plain_query_params(data) is None


@pytest.mark.parametrize(
    ("data", "field"),
    [({"q": "x" * 201}, "q"), ({"q": "a\x00b"}, "q"), ({"sort": "cheapest"}, "sort")],
)
def test_service_search__invalid_query_still_refused_with_the_field(data, field):
    with pytest.raises(ApplicationError) as caught:
        selectors.service_search(viewer=None, filters=data, cards_only=True)

    assert caught.value.field == field


@pytest.fixture
def cards():
    region = RegionFactory()
    tampere = MunicipalityFactory()
    nokia = MunicipalityFactory(
        code="536", name_fi="Nokia", name_sv="Nokia", name_en="Nokia", region=region
    )
    provider = ProviderFactory(name="Tarjoaja", name_sv="Leverantör", name_en="Provider")
    return [
        ServiceFactory(
            name_fi="Hitsaajakoulutus Tampere",
            name_sv="Svetsarutbildning",
            summary_fi="Lyhyt kuvaus",
            provider=provider,
            service_type=taxonomy_term("coaching"),
            municipalities=[nokia, tampere],
            is_free=False,
            price=120,
        ),
        ServiceFactory(name_fi="Hitsaajan valmennus", service_type=None, regions=[region]),
        ServiceFactory(name_fi="Hitsaus verkossa", is_nationwide=True),
    ]


def _card(service):
    return (
        service.pk,
        service.name,
        service.summary,
        service.provider.localized_name,
        service.service_type.name if service.service_type else None,
        service.get_delivery_mode_display(),
        service.is_nationwide,
        service.is_free,
        service.price,
        service.published_at,
        [m.name for m in service.municipalities.all()],
        [r.name for r in service.regions.all()],
    )


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_service_search__cards_show_what_whole_services_show(cards, lang):
    # given
    with translation.override(lang):
        full = selectors.service_search(viewer=None, filters={"q": "hitsaaja"})
        light = selectors.service_search(viewer=None, filters={"q": "hitsaaja"}, cards_only=True)

        # when
        expected = [_card(s) for s in full.services[0:20]]
        shown = [_card(s) for s in light.services[0:20]]

    # then
    assert len(expected) == 2
    assert shown == expected
    by_pk = {card[0]: card for card in shown}
    tampere = {"fi": "Tampere", "sv": "Tammerfors", "en": "Tampere"}[lang]
    assert sorted(by_pk[cards[0].pk][10]) == ["Nokia", tampere]
    assert by_pk[cards[1].pk][4] is None
    assert by_pk[cards[1].pk][11] == [
        {"fi": "Pirkanmaa", "sv": "Birkaland", "en": "Pirkanmaa"}[lang]
    ]


def test_service_search__queryset_built_on_use_matches_the_pages(cards):
    # given
    result = selectors.service_search(viewer=None, filters={"q": "hitsaaja"}, cards_only=True)

    # when
    page = [s.pk for s in result.services[0:20]]
    chained = [s.pk for s in result.services.all()]

    # then
    assert result.services.ordered
    assert chained == page
    assert result.services.count() == result.total == 2
    assert [s.pk for s in result.services.filter(is_free=False)] == [cards[0].pk]
