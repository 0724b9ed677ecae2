"""Pure duplicate detection: no database."""

from syndication import dedup
from syndication.dedup import AdText

TEXT = (
    "Haemme kokenutta hitsaajaa konepajaamme Tampereelle. Työ on vakituinen ja kokoaikainen, "
    "ja se sisältää MIG- ja TIG-hitsausta sekä levytöitä. Edellytämme hitsaussertifikaattia."
)
PARAPHRASE = (
    "Etsimme kokenutta hitsaajaa konepajaamme Tampereelle! Työ on kokoaikainen ja vakituinen, "
    "ja se sisältää MIG- ja TIG-hitsausta sekä levytöitä. Edellytämme hitsaussertifikaattia."
)
OTHER = (
    "Haemme myyjää urheiluliikkeeseen Tampereelle. Työ on osa-aikainen ja sisältää "
    "asiakaspalvelua, kassatyötä ja tuotteiden esillepanoa."
)


def test_normalise_employer__drops_legal_forms_and_case():
    assert dedup.normalise_employer("Konepaja Esimerkki OY") == "konepaja esimerkki"
    assert dedup.normalise_employer("Konepaja Esimerkki Ab Ltd.") == "konepaja esimerkki"


def test_normalise_title__drops_gender_markers_and_hiring_words():
    assert dedup.normalise_title("Haemme: Hitsaaja (m/n)") == "hitsaaja"


def test_find_duplicates__copy_and_paraphrase_are_one_group_other_ads_are_not():
    # given
    ads = [
        AdText(1, "Hitsaaja", "Konepaja Esimerkki Oy", "837", TEXT, rank=(0, 1)),
        AdText(2, "Hitsaaja (m/n)", "Konepaja Esimerkki", "837", TEXT, rank=(1, 2)),
        AdText(3, "Haemme: Hitsaaja", "KONEPAJA ESIMERKKI OY", "837", PARAPHRASE, rank=(1, 3)),
        AdText(4, "Hitsaaja", "Konepaja Esimerkki Oy", "091", TEXT, rank=(1, 4)),  # elsewhere
        AdText(5, "Hitsaaja", "Toinen Konepaja Oy", "837", TEXT, rank=(1, 5)),  # other employer
        AdText(6, "Myyjä", "Konepaja Esimerkki Oy", "837", OTHER, rank=(1, 6)),
    ]
    # when
    groups = dedup.find_duplicates(ads)
    # then
    assert [(canonical, [key for key, _s in members]) for canonical, members in groups] == [
        (1, [2, 3])
    ]
    similarities = dict(groups[0][1])
    assert similarities[2] == 1.0
    assert 0.6 <= similarities[3] < 1.0


def test_find_duplicates__canonical_is_the_smallest_rank():
    ads = [
        AdText(10, "Hitsaaja", "Konepaja Oy", "837", TEXT, rank=(1, 5)),
        AdText(11, "Hitsaaja", "Konepaja Oy", "837", TEXT, rank=(0, 9)),
    ]
    assert dedup.find_duplicates(ads) == [(11, [(10, 1.0)])]


def test_find_duplicates__precision_and_recall_on_generated_set():
    from bench.dedup import evaluate, generate

    ads, truth = generate(n=400, seed=7)
    report = evaluate(ads, truth)
    assert report["precision"] >= 0.95
    assert report["recall"] >= 0.9
