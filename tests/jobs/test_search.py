"""Job search with the catalogue's machinery; the same assertions hold on SQLite and on
PostgreSQL (run the suite with DATABASE_URL=postgres://… for the tsvector/pg_trgm path)."""

import pytest

from jobs import selectors
from tests.factories import EscoOccupationFactory, JobAdFactory, MunicipalityFactory
from tori.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def titles(result):
    return sorted(ad.title_fi for ad in result.job_ads)


def search(**filters):
    return selectors.job_ad_search(viewer=None, filters=filters)


def test_job_ad_search__finnish_inflection_finds_base_form():
    JobAdFactory(title_fi="Hitsaaja konepajaan", description_fi="<p>Haemme hitsaajaa.</p>")
    JobAdFactory(title_fi="Siivooja", description_fi="<p>Siivoustyötä.</p>")
    assert titles(search(q="hitsaajaksi")) == ["Hitsaaja konepajaan"]


def test_job_ad_search__compound_part_finds_compound():
    JobAdFactory(title_fi="Ohjelmistokehittäjä", description_fi="")
    JobAdFactory(title_fi="Kokki", description_fi="")
    assert titles(search(q="kehittäjä")) == ["Ohjelmistokehittäjä"]


def test_job_ad_search__swedish_and_english_lemmas():
    JobAdFactory(title_fi="Hitsaaja", title_sv="Svetsare", title_en="Welder")
    JobAdFactory(title_fi="Kokki", title_sv="Kock", title_en="Cook")
    assert titles(search(q="svetsarna")) == ["Hitsaaja"]
    assert titles(search(q="cooks")) == ["Kokki"]


def test_job_ad_search__typo_tolerance():
    JobAdFactory(title_fi="Hitsaaja", description_fi="<p>Hitsaajan työ.</p>")
    JobAdFactory(title_fi="Siivooja", description_fi="")
    assert titles(search(q="hitsajaksi")) == ["Hitsaaja"]


def test_job_ad_search__words_are_combined_with_and_and_municipality_names_match():
    helsinki = MunicipalityFactory(
        code="091",
        name_fi="Helsinki",
        name_sv="Helsingfors",
        region__code="01",
        region__name_fi="Uusimaa",
        region__name_sv="Nyland",
    )
    JobAdFactory(title_fi="Kokki")
    JobAdFactory(title_fi="Kokki", municipality=helsinki)
    result = search(q="kokki helsingissä")
    assert [ad.municipality_id for ad in result.job_ads] == ["091"]


def test_job_ad_search__fts_syntax_is_plain_text():
    JobAdFactory(title_fi="Hitsaaja")
    for query in ["hitsaaja & | ! ( ) : * ' \"", "'; DROP TABLE jobs_jobad; --", "<->"]:
        assert len(search(q=query).job_ads) in (0, 1)
    assert titles(search(q="hitsaaja & | !")) == ["Hitsaaja"]


def test_job_ad_search__only_listed_ads():
    JobAdFactory(title_fi="Hitsaaja auki")
    JobAdFactory(title_fi="Hitsaaja luonnos", draft=True)
    JobAdFactory(title_fi="Hitsaaja vanhentunut", expired=True)
    JobAdFactory(title_fi="Hitsaaja suljettu", closed=True)
    JobAdFactory(title_fi="Hitsaaja hakuaika ohi", past_deadline=True)
    assert titles(search(q="hitsaaja")) == ["Hitsaaja auki"]
    assert titles(search()) == ["Hitsaaja auki"]


def test_job_ad_search__filters_and_facet_counts():
    # given
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(
        code="091", name_fi="Helsinki", region__code="01", region__name_fi="Uusimaa"
    )
    welder = EscoOccupationFactory(label_fi="hitsaaja")
    JobAdFactory(title_fi="A", municipality=tampere, occupation=welder)
    JobAdFactory(title_fi="B", municipality=helsinki, work_time="02", remote=True)
    JobAdFactory(title_fi="C", municipality=helsinki, continuity="0202", title_sv="", title_en="C")
    # when
    everything = search()
    # then
    assert titles(everything) == ["A", "B", "C"]
    assert everything.total == 3
    facets = {f: {v.value: v.count for v in values} for f, values in everything.facets.items()}
    assert facets == {
        "occupation": {str(welder.pk): 1},
        "region": {"06": 1, "01": 2},
        "municipality": {"837": 1, "091": 2},
        "work_time": {"01": 2, "02": 1},
        "continuity": {"01": 2, "0202": 1},
        "language": {"fi": 3, "sv": 2, "en": 3},
        "remote": {"1": 1},
    }
    assert titles(search(region=["01"])) == ["B", "C"]
    assert titles(search(region=["01", "06"])) == ["A", "B", "C"]
    assert titles(search(municipality=["837"])) == ["A"]
    assert titles(search(occupation=[str(welder.pk)])) == ["A"]
    assert titles(search(work_time=["02"])) == ["B"]
    assert titles(search(continuity=["0202"])) == ["C"]
    assert titles(search(remote="1")) == ["B"]
    assert titles(search(language=["sv"])) == ["A", "B"]
    filtered = search(region=["01"], work_time=["01"])
    assert titles(filtered) == ["C"]
    assert filtered.total == 1


def test_job_ad_search__invalid_filter_is_a_field_error():
    with pytest.raises(ApplicationError) as error:
        search(work_time=["99"])
    assert error.value.field == "work_time"


def test_job_ad_search__sort_by_deadline():
    from tests.factories import in_days

    JobAdFactory(title_fi="Myöhemmin", application_deadline=in_days(20))
    JobAdFactory(title_fi="Pian", application_deadline=in_days(2))
    result = search(sort="deadline")
    assert [ad.title_fi for ad in result.job_ads] == ["Pian", "Myöhemmin"]


def test_job_ad_search__relevance_puts_title_matches_first():
    JobAdFactory(title_fi="Kokki", description_fi="<p>Keittiössä myös hitsaaja auttaa.</p>")
    JobAdFactory(title_fi="Hitsaaja", description_fi="<p>Konepaja.</p>")
    result = search(q="hitsaaja")
    assert [ad.title_fi for ad in result.job_ads] == ["Hitsaaja", "Kokki"]


def test_job_ad_search__query_count_is_constant(django_assert_max_num_queries):
    for _ in range(5):
        JobAdFactory()
    with django_assert_max_num_queries(12):
        result = search(q="hitsaaja", region=["06"])
        assert len(list(result.job_ads)) == 5
