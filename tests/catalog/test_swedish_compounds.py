"""Swedish compound words are findable by their parts (catalog.text.swedish_compound), the
same way on SQLite and PostgreSQL (the index tokens are computed in Python)."""

import pytest

from catalog import selectors, text
from tests.factories import ServiceFactory


def names(result):
    return sorted(s.name_fi for s in result.services)


def search(**filters):
    return selectors.service_search(viewer=None, filters=filters)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("svetsarutbildning", ["svetsare", "utbildning"]),  # agent noun loses its -e
        ("mjukvaruutvecklare", ["mjukvara", "utvecklare"]),  # -u joint for -a
        ("arbetsprövning", ["arbete", "prövning"]),  # linking -s
        ("nyhetsankare", ["nyhet", "ankare"]),  # the -s goes with the first part
        ("anläggningsmaskinförare", ["anläggning", "maskin", "förare"]),  # three parts
    ],
)
def test_swedish_compound__splits_into_dictionary_words(word, parts):
    assert [forms[0] for forms in text.swedish_compound(word)] == parts


@pytest.mark.parametrize("word", ["utbildning", "programmerare", "värderare", "svetsare", "ab"])
def test_swedish_compound__leaves_simple_words_and_suffixes_whole(word):
    assert text.swedish_compound(word) == ()


def test_swedish_compound__only_swedish_documents_are_split():
    assert "utbildning" in text.document_tokens("Svetsarutbildning", "sv")
    assert "utbildning" not in text.document_tokens("Svetsarutbildning", "fi")


@pytest.mark.django_db
def test_service_search__swedish_part_finds_compound():
    # given
    ServiceFactory(name_fi="Hitsauskoulutus", name_sv="Svetsarutbildning", name_en="")
    ServiceFactory(name_fi="Ohjelmointi", name_sv="Mjukvaruutvecklare", name_en="")
    ServiceFactory(name_fi="Siivous", name_sv="Städning", name_en="")
    # when / then
    assert names(search(q="svetsare")) == ["Hitsauskoulutus"]
    assert names(search(q="utbildning")) == ["Hitsauskoulutus"]
    assert names(search(q="utvecklare")) == ["Ohjelmointi"]
    assert names(search(q="svetsare", sort="newest")) == ["Hitsauskoulutus"]


@pytest.mark.django_db
def test_service_search__swedish_compound_query_finds_its_parts():
    # given
    ServiceFactory(
        name_fi="Hitsaus", name_sv="Utbildning", name_en="", description_sv="För svetsare."
    )
    ServiceFactory(name_fi="Koulutus", name_sv="Utbildning", name_en="", description_sv="")
    # when / then: both parts must be present
    assert names(search(q="svetsarutbildning")) == ["Hitsaus"]


@pytest.mark.django_db
def test_service_search__swedish_compound_part_counts_in_name_relevance():
    # given: the older service has the part in its Swedish name, the newer only in the text
    in_name = ServiceFactory(name_fi="Hitsaus", name_sv="Svetsarutbildning", name_en="")
    in_text = ServiceFactory(
        name_fi="Koulutus", name_sv="Kurs", name_en="", description_sv="Kurs för svetsare."
    )
    # when
    result = search(q="svetsare")
    # then
    assert [s.pk for s in result.services] == [in_name.pk, in_text.pk]
    assert result.total == 2
