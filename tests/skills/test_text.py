import pytest

from skills import text


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("Olen työskennellyt hitsaajana ja asiakaspalvelussa kymmenen vuotta.", "fi"),
        ("Jag har arbetat som svetsare och i kundtjänst i tio år.", "sv"),
        ("I have worked as a welder and in customer service for ten years.", "en"),
    ],
)
def test_detect_language__recognises_fi_sv_en(sample, expected):
    assert text.detect_language(sample) == expected


def test_detect_language__no_words_gives_default():
    assert text.detect_language("🙂🙂 123", default="sv") == "sv"


@pytest.mark.parametrize("sample", ["", "   \n\t ", "🙂🎉👍", "1234 5678", "- * ."])
def test_has_words__false_for_whitespace_emoji_and_digits(sample):
    assert text.has_words(text.clean(sample)) is False


def test_segments__split_sentences_and_bullets():
    # given
    sample = "Hitsasin kymmenen vuotta. Ajoin trukkia!\n- Python\n- asiakaspalvelu"
    # when
    pieces = [s.text for s in text.segments(sample)]
    # then
    assert pieces == ["Hitsasin kymmenen vuotta.", "Ajoin trukkia!", "- Python", "- asiakaspalvelu"]


def test_segments__long_sentence_becomes_overlapping_windows():
    sample = " ".join(f"sana{i}" for i in range(40))
    pieces = text.segments(sample, max_words=24, stride=16)
    assert [len(p.text.split()) for p in pieces] == [24, 24]
    assert pieces[1].text.startswith("sana16 ")


def test_normalise__lowercases_and_splits_hyphenated_compounds():
    assert text.normalise("Python-ohjelmointi, ICT!") == "python ohjelmointi ict"
