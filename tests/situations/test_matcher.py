"""The situation matcher: pure, no database."""

import pytest

from situations.demo import PACKAGES
from situations.matcher import MAX_CHARS, Package, SituationIndex

KEYS = {package["slug"]: number for number, package in enumerate(PACKAGES, start=1)}


@pytest.fixture(scope="module")
def index():
    return SituationIndex(
        [
            Package(
                key=KEYS[p["slug"]],
                phrases={
                    lang: p["data"][f"phrases_{lang}"].splitlines() for lang in ("fi", "sv", "en")
                },
            )
            for p in PACKAGES
        ]
    )


@pytest.mark.parametrize(
    ("text", "slug", "language"),
    [
        ("jäin työttömäksi", "lost-job", "fi"),
        ("Minut irtisanottiin viime viikolla", "lost-job", "fi"),
        ("muutin Suomeen", "moved-to-finland", "fi"),
        ("haluan vaihtaa alaa", "changing-career", "fi"),
        ("jag blev arbetslös", "lost-job", "sv"),
        ("Jag flyttade till Finland i våras", "moved-to-finland", "sv"),
        ("I want to start a business", "starting-business", "en"),
        ("I am coming back to work after a long sick leave", "returning-after-sick-leave", "en"),
    ],
)
def test_match__best_package(index, text, slug, language):
    result = index.match(text)
    assert result.language == language
    assert result.matches[0].key == KEYS[slug]


def test_match__misdetected_short_finnish_text_still_matches(index):
    # "en" is also a Swedish word, so the detector says Swedish
    result = index.match("en päässyt opiskelemaan yhteishaussa")
    assert result.language == "sv"
    assert result.matches[0].key == KEYS["under-30-no-study-place"]


def test_match__explains_with_the_users_own_words(index):
    best = index.match("jäin työttömäksi").matches[0]
    assert best.words == ["jäin", "työttömäksi"]
    assert [term for _w, term in best.matched] == ["jäädä", "työtön"]


def test_match__empty_text_matches_nothing(index):
    result = index.match("   ")
    assert (result.matches, result.recognised, result.truncated) == ([], False, False)


def test_match__10000_characters_are_read_up_to_the_limit(index):
    text = "jäin työttömäksi. " + "blaa " * 2000
    result = index.match(text)
    assert result.truncated is True
    assert len(text) > MAX_CHARS
    assert result.matches[0].key == KEYS["lost-job"]


def test_match__another_language_is_not_recognised(index):
    result = index.match("Ich habe meine Arbeit verloren und suche eine neue Stelle")
    assert (result.matches, result.recognised) == ([], False)
