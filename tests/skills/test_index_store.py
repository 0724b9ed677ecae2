import pytest

from skills import index_store
from skills.engine import SKILL

pytestmark = pytest.mark.django_db


def test_data_version__changes_when_swedish_skill_labels_are_imported(esco_data):
    """An index cached before the Swedish skill labels were imported must not be reused."""
    # given
    before = index_store.data_version()
    forklift = esco_data["skills"]["forklift"]
    # when
    forklift.label_sv = "köra gaffeltruck"
    forklift.save()
    # then
    assert index_store.data_version() != before


def test_get_index__matches_swedish_text_to_swedish_skill_labels(esco_data):
    forklift = esco_data["skills"]["forklift"]
    forklift.label_sv = "köra gaffeltruck"
    forklift.save()
    index_store.reset_index()

    found = index_store.get_index().suggest(
        "Jag kör gaffeltruck varje dag.", language="sv", ui_language="sv", kinds=(SKILL,)
    )

    assert [(s.uri, s.label, s.label_language) for s in found][:1] == [
        (forklift.uri, "köra gaffeltruck", "sv")
    ]
