import pytest

from catalog import selectors
from catalog.models import Service
from providers.models import Provider
from tests.factories import MunicipalityFactory, ProviderFactory, ServiceFactory, taxonomy_term

pytestmark = pytest.mark.django_db


def names(result):
    return sorted(s.name_fi for s in result.services)


def search(**filters):
    return selectors.service_search(viewer=None, filters=filters)


def test_service_search__finnish_inflection_finds_base_form():
    # given
    ServiceFactory(name_fi="Hitsaajan koulutus", description_fi="Koulutus hitsaajaksi.")
    ServiceFactory(name_fi="Siivousalan koulutus")
    # when
    result = search(q="hitsaajaksi")
    # then
    assert names(result) == ["Hitsaajan koulutus"]


def test_service_search__compound_part_finds_compound():
    # given
    ServiceFactory(name_fi="Ohjelmistokehittäjä-valmennus")
    ServiceFactory(name_fi="Kokin koulutus")
    # when / then
    assert names(search(q="kehittäjä")) == ["Ohjelmistokehittäjä-valmennus"]


def test_service_search__compound_query_finds_its_parts():
    # given
    ServiceFactory(name_fi="Kehittäjäpolku", description_fi="Ohjelmistojen kehittäjä tarvitsee.")
    ServiceFactory(name_fi="Kehittäjä ilman koodia", description_fi="Kehittäjä palveluille.")
    # when / then
    assert names(search(q="ohjelmistokehittäjä")) == ["Kehittäjäpolku"]


def test_service_search__swedish_plural_finds_singular():
    ServiceFactory(name_fi="Hitsauskoulutus", name_sv="Utbildning för svetsare")
    ServiceFactory(name_fi="Ura", name_sv="Karriärvägledning")
    assert names(search(q="utbildningar")) == ["Hitsauskoulutus"]


def test_service_search__english_lemma():
    ServiceFactory(name_fi="Hitsauskoulutus", name_en="Training for welders")
    ServiceFactory(name_fi="Ura", name_en="Career guidance")
    assert names(search(q="welder trainings")) == ["Hitsauskoulutus"]


def test_service_search__typo_tolerance():
    ServiceFactory(name_fi="Hitsaaja", description_fi="Hitsaajan ammattiin.")
    ServiceFactory(name_fi="Siivooja")
    assert names(search(q="hitsajaksi")) == ["Hitsaaja"]


def test_service_search__words_are_combined_with_and():
    ServiceFactory(name_fi="Hitsauskoulutus Tampereella")
    ServiceFactory(name_fi="Hitsauskoulutus Helsingissä")
    assert names(search(q="hitsaus tampere")) == ["Hitsauskoulutus Tampereella"]


def test_service_search__fts_syntax_characters_are_plain_text():
    ServiceFactory(name_fi="Hitsaus")
    for query in ["hitsaus & | ! ( ) : * ' \"", "'; DROP TABLE catalog_service; --", "<->", "!!"]:
        result = search(q=query)
        assert len(result.services) in (0, 1)
    assert names(search(q="hitsaus & | !")) == ["Hitsaus"]


def test_service_search__only_published_services():
    ServiceFactory(name_fi="Hitsaus julkaistu")
    ServiceFactory(name_fi="Hitsaus luonnos", draft=True)
    ServiceFactory(name_fi="Hitsaus vanhentunut", status=Service.Status.OUTDATED)
    assert names(search(q="hitsaus")) == ["Hitsaus julkaistu"]


def test_service_search__filters_and_facet_counts():
    # given
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(
        code="091", name_fi="Helsinki", region__code="01", region__name_fi="Uusimaa"
    )
    ServiceFactory(
        name_fi="A", municipalities=[tampere], target_groups=[taxonomy_term("immigrants")]
    )
    ServiceFactory(name_fi="B", municipalities=[helsinki], service_type=taxonomy_term("training"))
    ServiceFactory(name_fi="C", is_nationwide=True, delivery_mode=Service.DeliveryMode.REMOTE)
    # when
    everything = search()
    in_tampere = search(municipality=["837"])
    remote_in_tampere = search(municipality=["837"], delivery_mode=["remote"])
    # then
    assert names(everything) == ["A", "B", "C"]
    assert names(in_tampere) == ["A", "C"]
    assert names(remote_in_tampere) == ["C"]
    facets = {f: {v.value: v.count for v in values} for f, values in everything.facets.items()}
    assert facets["type"] == {"coaching": 2, "training": 1}
    assert facets["target_group"] == {"immigrants": 1}
    assert facets["delivery_mode"] == {"onsite": 2, "remote": 1}
    assert facets["region"] == {"06": 2, "01": 2}
    assert facets["municipality"] == {"837": 2, "091": 2}
    assert facets["cost"] == {"free": 3}
    assert facets["sector"] == {"third": 3}


def test_service_search__region_filter_includes_whole_region_and_nationwide():
    tampere = MunicipalityFactory()
    ServiceFactory(name_fi="Koko Pirkanmaa", regions=[tampere.region])
    ServiceFactory(name_fi="Tampere", municipalities=[tampere])
    ServiceFactory(name_fi="Koko maa", is_nationwide=True)
    ServiceFactory(name_fi="Ei aluetta")
    assert names(search(region=["06"])) == ["Koko Pirkanmaa", "Koko maa", "Tampere"]
    assert names(search(municipality=["837"])) == ["Koko Pirkanmaa", "Koko maa", "Tampere"]


def test_service_search__sector_does_not_affect_ranking():
    # given: the same text from a public and a third-sector provider
    public = ProviderFactory(sector=Provider.Sector.PUBLIC, business_id="", municipality_code="837")
    third = ProviderFactory(sector=Provider.Sector.THIRD)
    older = ServiceFactory(name_fi="Uraohjaus", provider=third)
    newer = ServiceFactory(name_fi="Uraohjaus", provider=public)
    # when
    result = list(search(q="uraohjaus").services)
    # then: the newer first only because it is newer
    assert [s.pk for s in result] == [newer.pk, older.pk]
    assert names(search(q="uraohjaus", sector=["public"])) == ["Uraohjaus"]


def test_service_search__name_match_ranks_above_description_match():
    ServiceFactory(name_fi="Työnhaun tuki", description_fi="Apua hitsaajille.")
    ServiceFactory(name_fi="Hitsaajan polku", description_fi="Työnhaun tuki.")
    result = [s.name_fi for s in search(q="hitsaaja", sort="relevance").services]
    assert result == ["Hitsaajan polku", "Työnhaun tuki"]
