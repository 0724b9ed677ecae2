from tests.skills.conftest import uri


def _by_uri(results):
    return {r.uri: r for r in results}


def test_suggest__finnish_inflected_occupation_matches_with_evidence(sample_index):
    # when
    results = sample_index.suggest(
        "Olen työskennellyt hitsaajana kymmenen vuotta. Pidän lukemisesta.", language="fi"
    )
    # then
    top = results[0]
    assert top.uri == uri("occupation", "welder")
    assert top.label == "hitsaaja"
    assert top.evidence == "Olen työskennellyt hitsaajana kymmenen vuotta."
    assert top.matched_words == ["hitsaajana"]


def test_suggest__inessive_case_matches_skill(sample_index):
    results = _by_uri(sample_index.suggest("Työskentelin asiakaspalvelussa.", language="fi"))
    assert results[uri("skill", "customer-service")].matched_words == ["asiakaspalvelussa"]


def test_suggest__compound_matches_both_ways(sample_index):
    # "ohjelmistokehittäjänä" → occupation ohjelmistokehittäjä (alt label "kehittäjä")
    results = sample_index.suggest("Toimin ohjelmistokehittäjänä.", language="fi", limit=3)
    assert results[0].uri == uri("occupation", "developer")
    # and the bare head word still finds the compound occupation
    results = sample_index.suggest("Olen kehittäjä.", language="fi", limit=3)
    assert results[0].uri == uri("occupation", "developer")


def test_suggest__implied_skills_are_marked(sample_index):
    results = _by_uri(sample_index.suggest("Olen hitsaaja.", language="fi", limit=10))
    implied = results[uri("skill", "welding-equipment")]
    assert implied.implied_by == uri("occupation", "welder")
    assert implied.score == results[uri("occupation", "welder")].score * 0.5


def test_suggest__labels_in_ui_language(sample_index):
    results = sample_index.suggest("Jag är sjuksköterska.", language="sv", ui_language="sv")
    assert (results[0].uri, results[0].label) == (uri("occupation", "nurse"), "sjuksköterska")
    results = sample_index.suggest("I am a nurse.", language="en", ui_language="en")
    assert (results[0].uri, results[0].label) == (uri("occupation", "nurse"), "nurse")


def test_suggest__unrelated_text_gives_nothing(sample_index):
    assert sample_index.suggest("Pidän kissoista ja auringonlaskuista.", language="fi") == []


def test_suggest__limit_and_kind_filter(sample_index):
    results = sample_index.suggest(
        "Hitsaaja, asiakaspalvelu, Python ja suomi.", language="fi", limit=2, kinds=("skill",)
    )
    assert len(results) == 2
    assert {r.kind for r in results} == {"skill"}
