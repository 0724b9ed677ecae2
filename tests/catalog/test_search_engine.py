"""Catalogue search engine: facet counts against a brute-force count, paging and relevance
order, and the PostgreSQL search entries following every write. Runs on SQLite and
PostgreSQL (the suite is run on both), which must give the same answers."""

import random
from collections import Counter

import pytest

from catalog import search, selectors
from catalog.models import Service
from providers.models import Provider
from tests.factories import MunicipalityFactory, ProviderFactory, ServiceFactory, taxonomy_term

pytestmark = pytest.mark.django_db


def search_for(**filters):
    return selectors.service_search(viewer=None, filters=filters)


def brute_force_counts(services) -> Counter:
    counts: Counter = Counter()
    for service in services:
        counts.update(search.service_facet_keys(service))
    return counts


@pytest.fixture
def catalogue():
    """Forty services with varied facets; "hitsaus" or "leipuri" in some names."""
    rng = random.Random(7)
    tampere = MunicipalityFactory()
    helsinki = MunicipalityFactory(
        code="091", name_fi="Helsinki", region__code="01", region__name_fi="Uusimaa"
    )
    providers = [
        ProviderFactory(sector=Provider.Sector.PUBLIC, business_id="", municipality_code="837"),
        ProviderFactory(sector=Provider.Sector.PRIVATE),
        ProviderFactory(sector=Provider.Sector.THIRD),
    ]
    types = ["training", "coaching", "careerguidance", "jobsearch"]
    groups = ["jobseekers", "employers", "under30", "over55", "immigrants"]
    services = []
    for n in range(40):
        area = rng.choice(["tampere", "helsinki", "region", "nationwide", "none"])
        is_free = rng.random() < 0.6
        services.append(
            ServiceFactory(
                name_fi=f"{rng.choice(['Hitsaus', 'Leipuri', 'Ura'])} {n}",
                name_sv="",
                name_en="",
                provider=rng.choice(providers),
                service_type=taxonomy_term(rng.choice(types)),
                delivery_mode=rng.choice(Service.DeliveryMode.values),
                languages=rng.choice([["fi"], ["fi", "sv"], ["sv"], ["en", "fi"]]),
                is_free=is_free,
                price=None if is_free else 100,
                is_nationwide=area == "nationwide",
                municipalities={"tampere": [tampere], "helsinki": [helsinki]}.get(area, []),
                regions=[tampere.region] if area == "region" else [],
                target_groups=[
                    taxonomy_term(code) for code in rng.sample(groups, rng.randint(0, 3))
                ],
            )
        )
    return services


@pytest.mark.parametrize(
    ("filters", "matches"),
    [
        ({}, lambda s: True),
        ({"q": "hitsaus"}, lambda s: s.name_fi.startswith("Hitsaus")),
        (
            {"q": "leipuri", "delivery_mode": ["remote"]},
            lambda s: s.name_fi.startswith("Leipuri") and s.delivery_mode == "remote",
        ),
        (
            {"type": ["training"], "language": ["sv"]},
            lambda s: s.service_type.code == "training" and "sv" in s.languages,
        ),
        (
            {"target_group": ["immigrants", "over55"]},
            lambda s: {"immigrants", "over55"} <= {t.code for t in s.target_groups.all()},
        ),
        (
            {"region": ["06"]},
            lambda s: (
                s.is_nationwide
                or s.regions.exists()
                or s.municipalities.exists()
                and s.municipalities.get().code == "837"
            ),
        ),
        (
            {"municipality": ["091"], "cost": "paid"},
            lambda s: (
                not s.is_free
                and (s.is_nationwide or [m.code for m in s.municipalities.all()] == ["091"])
            ),
        ),
        (
            {"q": "hitsaus", "sector": ["third"], "cost": "free"},
            lambda s: (
                s.name_fi.startswith("Hitsaus") and s.provider.sector == "third" and s.is_free
            ),
        ),
        ({"language": ["fi", "sv"]}, lambda s: {"fi", "sv"} <= set(s.languages)),
    ],
)
def test_service_search__facet_counts_equal_a_brute_force_count(catalogue, filters, matches):
    """Values of one facet are AND-ed too (a service in Finnish and Swedish)."""
    # given
    expected = [s for s in catalogue if matches(s)]
    # when
    result = search_for(**filters)
    # then
    assert sorted(s.pk for s in result.services) == sorted(s.pk for s in expected)
    assert result.total == len(expected)
    assert result.counts == brute_force_counts(expected)
    sectors = {v.value: v.count for v in result.facets["sector"]}
    assert sectors == dict(Counter(s.provider.sector for s in expected))


def test_service_search__pages_follow_the_full_order(catalogue):
    for filters in ({"q": "hitsaus"}, {"q": "hitsaus ura"}, {}, {"cost": "paid"}):
        services = search_for(**filters).services
        whole = [s.pk for s in services]
        paged = [s.pk for start in range(0, len(whole) + 3, 3) for s in services[start : start + 3]]
        assert paged == whole
        assert [s.pk for s in services[2:5]] == whole[2:5]


@pytest.mark.parametrize("sort_all_limit", [search.SORT_ALL_LIMIT, -1])
@pytest.mark.parametrize(
    "filters",
    [
        {"q": "leipuri", "delivery_mode": ["remote"]},
        {"q": "hitsaus", "sector": ["third"], "cost": "free"},
        {"q": "hitsaus ura", "cost": "paid"},
        {"q": "ura", "language": ["fi", "sv"]},
        {"q": "hitsaus", "municipality": ["091"], "sort": "newest"},
    ],
)
def test_service_search__pages_of_a_filtered_text_query(
    catalogue, filters, sort_all_limit, monkeypatch
):
    """A page slice (PostgreSQL: the ranked ids, from the sorted matches or, with the limit
    at -1, the relevance tiers) holds only services that pass the filters, in the order of
    the whole result. Regression: the sorted path once bound the filter tokens to the
    relevance terms and showed services of every sector on the page."""
    # given
    monkeypatch.setattr(search, "SORT_ALL_LIMIT", sort_all_limit)
    whole = [s.pk for s in search_for(**filters).services]
    assert whole
    # when
    services = search_for(**filters).services
    pages = [s.pk for start in range(0, len(whole), 4) for s in services[start : start + 4]]
    # then
    assert pages == whole


def test_service_search__relevance_counts_query_words_in_the_name_then_newest():
    # given (oldest first)
    both_old = ServiceFactory(name_fi="Hitsaus Tampere", name_sv="", name_en="")
    one = ServiceFactory(
        name_fi="Hitsaus", name_sv="", name_en="", description_fi="Opetus Tampere."
    )
    both_new = ServiceFactory(name_fi="Tampere ja hitsaus", name_sv="", name_en="")
    none = ServiceFactory(
        name_fi="Koulutus", name_sv="", name_en="", description_fi="Hitsaus Tampere."
    )
    # when
    relevance = search_for(q="hitsaus tampere").services
    newest = search_for(q="hitsaus tampere", sort="newest").services
    # then
    assert [s.pk for s in relevance] == [both_new.pk, both_old.pk, one.pk, none.pk]
    assert [s.pk for s in relevance[1:3]] == [both_old.pk, one.pk]
    assert [s.pk for s in newest[0:4]] == [none.pk, both_new.pk, one.pk, both_old.pk]


def test_service_search__follows_writes_that_bypass_the_services(catalogue):
    # given
    hidden = next(s for s in catalogue if s.name_fi.startswith("Hitsaus"))
    before = search_for(q="hitsaus")
    # when: a bulk status change (no catalog.services call, no reindex)
    Service.objects.filter(pk=hidden.pk).update(status=Service.Status.ARCHIVED)
    after = search_for(q="hitsaus")
    # then
    assert after.total == before.total - 1
    assert hidden.pk not in [s.pk for s in after.services[0:50]]
    assert after.counts == brute_force_counts(
        [s for s in catalogue if s.name_fi.startswith("Hitsaus") and s.pk != hidden.pk]
    )


def test_service_search__planner_settings_do_not_outlive_the_search(catalogue):
    """Inside a transaction (as in this test) the search's SET LOCAL settings are rolled back
    with a savepoint, so later queries of the transaction plan as usual."""
    from django.db import connection

    result = search_for(q="hitsaus")
    page = list(result.services[0:5])
    assert page
    assert all(s.name_fi.startswith("Hitsaus") for s in page)
    if connection.vendor == "postgresql":  # SQLite has no planner settings
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
                " current_setting('max_parallel_workers_per_gather')"
            )
            assert cursor.fetchone() == ("on", "on", "2")
