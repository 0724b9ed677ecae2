"""tori.i18n: the one helper that picks a multilingual field's text and marks fallbacks."""

import pickle

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import EscoOccupationFactory, EscoSkillFactory
from tori.i18n import LocalizedText, localized, with_lang


class Names:
    name_fi = "hitsata"
    name_sv = ""
    name_en = "weld"


@pytest.mark.parametrize(
    ("active", "text", "lang"),
    [("fi", "hitsata", "fi"), ("sv", "hitsata", "fi"), ("en", "weld", "en")],
)
def test_localized__active_language_then_finnish_then_english(active, text, lang):
    with translation.override(active):
        value = localized(Names(), "name")
    assert (value, value.lang) == (text, lang)


def test_localized_text__survives_pickling_for_the_cache():
    value = pickle.loads(pickle.dumps(LocalizedText("hitsata", "fi")))  # noqa: S301
    assert (value, value.lang, type(value)) == ("hitsata", "fi", LocalizedText)


def test_with_lang__marks_only_a_fallback_and_escapes():
    with translation.override("sv"):
        assert with_lang(LocalizedText("a<b", "fi")) == '<span lang="fi">a&lt;b</span>'
        assert with_lang(LocalizedText("svetsa", "sv")) == "svetsa"
        assert with_lang("plain <i>") == "plain &lt;i&gt;"


@pytest.mark.django_db
def test_with_lang_filter__esco_labels_on_swedish_pages():
    skill = EscoSkillFactory(label_fi="hitsata", label_sv="", label_en="weld")
    occupation = EscoOccupationFactory(label_fi="hitsaaja", label_sv="svetsare")
    template = Template("{% load tori_tags %}{{ s.label|with_lang }}|{{ o.label|with_lang }}")
    with translation.override("sv"):
        html = template.render(Context({"s": skill, "o": occupation}))
    assert html == '<span lang="fi">hitsata</span>|svetsare'
    with translation.override("fi"):
        assert template.render(Context({"s": skill, "o": occupation})) == "hitsata|hitsaaja"
