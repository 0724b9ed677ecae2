"""Catalogue search: the index written with each service, and the query run by
catalog.selectors.service_search.

Index (written at save time by ``index_service``):
* ``search_document`` — the normalised tokens of the fi/sv/en texts (catalog.text) plus
  facet tokens such as ``zft<type>``, padded with spaces;
* ``search_vector`` (PostgreSQL) — the same tokens as a tsvector (config 'simple', names
  weighted A, summaries B, the rest C), GIN-indexed;
* ``facet_keys`` — the facet values of the service, counted for the filter panel;
* ``SearchTerm`` — the vocabulary; on PostgreSQL a pg_trgm GIN index finds similar terms.

Query: every word is an AND-ed group of alternatives (surface form, base forms, compound
parts); a word that is not in the vocabulary also accepts its nearest vocabulary terms
(trigram similarity ≥ 0.4), so "hitsajaksi" still finds "hitsaaja". Filters are facet
tokens AND-ed to the query. PostgreSQL runs the query as a tsquery over the GIN index;
other databases match the same tokens in ``search_document``, so both give the same results.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, Q, Value

from catalog import text
from catalog.models import SearchTerm, Service

FUZZY_THRESHOLD = 0.4
FUZZY_LIMIT = 5
FUZZY_MIN_LENGTH = 4
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # D, C, B, A

# facet name → token prefix (tokens are letters and digits only, so the 'simple' parser
# keeps them whole)
FACET_PREFIX = {
    "type": "zft",
    "target_group": "zfg",
    "delivery_mode": "zfm",
    "region": "zfr",
    "municipality": "zfk",
    "language": "zfl",
    "cost": "zfc",
    "sector": "zfs",
}
NATIONWIDE_KEY = "zfnationwide"
REGION_WIDE_PREFIX = "zfw"  # the whole region is served


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def facet_key(facet: str, value: str) -> str:
    return f"{FACET_PREFIX[facet]}{value}".lower()


# --- index ------------------------------------------------------------------------------


def service_facet_keys(service: Service) -> list[str]:
    keys = [facet_key("delivery_mode", service.delivery_mode)]
    keys.append(facet_key("cost", "free" if service.is_free else "paid"))
    keys.append(facet_key("sector", service.provider.sector))
    if service.service_type_id:
        keys.append(facet_key("type", service.service_type.code))
    keys += [facet_key("target_group", term.code) for term in service.target_groups.all()]
    keys += [facet_key("language", code) for code in service.languages]
    if service.is_nationwide:
        keys.append(NATIONWIDE_KEY)
    else:
        # Disjoint keys, so that counts add up: a region served as a whole hides its
        # municipalities; a municipality implies a partly served region.
        whole_regions = {region.code for region in service.regions.all()}
        regions = set(whole_regions)
        for municipality in service.municipalities.all():
            regions.add(municipality.region_id)
            if municipality.region_id not in whole_regions:
                keys.append(facet_key("municipality", municipality.code))
        keys += [facet_key("region", code) for code in sorted(regions)]
        keys += [f"{REGION_WIDE_PREFIX}{code}" for code in sorted(whole_regions)]
    return list(dict.fromkeys(keys))


def _texts(service: Service) -> dict[str, list[str]]:
    """Weight → texts per language (A names, B summaries and type, C the rest)."""
    weighted: dict[str, list[tuple[str, str]]] = {"A": [], "B": [], "C": []}
    for lang in text.LANGUAGES:
        weighted["A"].append((getattr(service, f"name_{lang}"), lang))
        weighted["B"].append((getattr(service, f"summary_{lang}"), lang))
        if service.service_type_id:
            weighted["B"].append((getattr(service.service_type, f"name_{lang}"), lang))
        for field_name in ("description", "schedule", "how_to_enrol", "price_terms"):
            weighted["C"].append((getattr(service, f"{field_name}_{lang}"), lang))
        for term in service.target_groups.all():
            weighted["C"].append((getattr(term, f"name_{lang}"), lang))
    weighted["C"].append((service.provider.name, "fi"))
    weighted["C"].append((service.provider.name_sv, "sv"))
    weighted["C"].append((service.provider.name_en, "en"))
    for skill in service.esco_skills.all():
        weighted["C"] += [(skill.label_fi, "fi"), (skill.label_sv, "sv"), (skill.label_en, "en")]
    for occupation in service.esco_occupations.all():
        weighted["C"] += [
            (occupation.label_fi, "fi"),
            (occupation.label_sv, "sv"),
            (occupation.label_en, "en"),
        ]
    for location in service.locations.all():
        weighted["C"].append((f"{location.city} {location.street_address}", "fi"))
    for municipality in service.municipalities.all():
        weighted["C"] += [(municipality.name_fi, "fi"), (municipality.name_sv, "sv")]
    for region in service.regions.all():
        weighted["C"] += [(region.name_fi, "fi"), (region.name_sv, "sv")]
    return {weight: _tokens_of(pairs) for weight, pairs in weighted.items()}


def _tokens_of(pairs: list[tuple[str, str]]) -> list[str]:
    from catalog.sanitize import strip_tags

    seen: dict[str, None] = {}
    for value, lang in pairs:
        for token in text.document_tokens(strip_tags(value or ""), lang):
            seen.setdefault(token[:100], None)
    return list(seen)


def index_service(service: Service) -> None:
    """Recompute the search index columns of one service (called by catalog.services)."""
    index_services([service])


def index_services(services: list[Service]) -> None:
    """Recompute the index of several services with few statements (bulk loads, reindex)."""
    rows = []
    vocabulary: set[str] = set()
    for service in services:
        weighted = _texts(service)
        keys = service_facet_keys(service)
        tokens = list(dict.fromkeys(weighted["A"] + weighted["B"] + weighted["C"] + keys))
        service.search_document = " " + " ".join(tokens) + " "
        service.facet_keys = keys
        vocabulary.update(t for t in tokens if not t.startswith("zf"))
        rows.append((service, weighted, keys))
    Service.objects.bulk_update(services, ["search_document", "facet_keys"], batch_size=500)
    if is_postgres() and rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE catalog_service SET search_vector = "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') WHERE id = %s",
                [
                    (
                        " ".join(weighted["A"]),
                        " ".join(weighted["B"]),
                        " ".join(weighted["C"] + keys),
                        service.pk,
                    )
                    for service, weighted, keys in rows
                ],
            )
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t) for t in sorted(vocabulary)], ignore_conflicts=True, batch_size=1000
    )


# --- query ------------------------------------------------------------------------------


@dataclass
class SearchParams:
    q: str = ""
    types: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    delivery_modes: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    cost: str = ""
    sectors: list[str] = field(default_factory=list)
    sort: str = "relevance"


def similar_terms(token: str) -> list[str]:
    """Vocabulary terms within the trigram threshold, most similar first."""
    if is_postgres():
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            SearchTerm.objects.filter(term__trigram_similar=token)
            .annotate(similarity=TrigramSimilarity("term", token))
            .filter(similarity__gte=FUZZY_THRESHOLD)
            .order_by("-similarity", "term")
            .values_list("term", flat=True)[:FUZZY_LIMIT]
        )
    scored = [
        (-text.trigram_similarity(token, term), term)
        for term in SearchTerm.objects.values_list("term", flat=True).iterator()
    ]
    return [term for score, term in sorted(s for s in scored if -s[0] >= FUZZY_THRESHOLD)][
        :FUZZY_LIMIT
    ]


def expand_groups(groups: list[list[tuple[str, ...]]]) -> list[list[tuple[str, ...]]]:
    """Add typo-tolerant alternatives to words none of whose forms are in the vocabulary."""
    singles = {alt[0] for group in groups for alt in group if len(alt) == 1}
    known = set(SearchTerm.objects.filter(term__in=singles).values_list("term", flat=True))
    expanded = []
    for group in groups:
        if any(all(token in known for token in alt) for alt in group):
            expanded.append(group)
            continue
        extra: list[tuple[str, ...]] = []
        for alt in group:
            if len(alt) == 1 and len(alt[0]) >= FUZZY_MIN_LENGTH:
                extra += [(term,) for term in similar_terms(alt[0])]
        expanded.append(list(dict.fromkeys(group + extra)))
    return expanded


def filter_groups(params: SearchParams) -> list[list[tuple[str, ...]]]:
    """Filters as token groups: OR within one value's equivalents, AND across values."""
    groups: list[list[tuple[str, ...]]] = []
    for facet, values in (
        ("type", params.types),
        ("target_group", params.target_groups),
        ("delivery_mode", params.delivery_modes),
        ("language", params.languages),
        ("sector", params.sectors),
    ):
        groups += [[(facet_key(facet, value),)] for value in values]
    if params.cost:
        groups.append([(facet_key("cost", params.cost),)])
    for region in params.regions:
        groups.append([(facet_key("region", region),), (NATIONWIDE_KEY,)])
    for code, region in params.municipalities:
        groups.append(
            [
                (facet_key("municipality", code),),
                (f"{REGION_WIDE_PREFIX}{region}",),
                (NATIONWIDE_KEY,),
            ]
        )
    return groups


def _tsquery(groups):
    def alt_query(alt):
        return reduce(
            lambda a, b: a & b,
            (SearchQuery(token, config="simple", search_type="plain") for token in alt),
        )

    return reduce(
        lambda a, b: a & b,
        (reduce(lambda a, b: a | b, (alt_query(alt) for alt in group)) for group in groups),
    )


def _document_q(groups) -> Q:
    def alt_q(alt):
        return reduce(lambda a, b: a & b, (Q(search_document__contains=f" {t} ") for t in alt))

    return reduce(
        lambda a, b: a & b,
        (reduce(lambda a, b: a | b, (alt_q(alt) for alt in group)) for group in groups),
    )


def apply(queryset, *, text_groups, facet_groups, sort: str):
    """The queryset narrowed to matches and ordered by relevance (text queries) or newest."""
    groups = text_groups + facet_groups
    if not groups:
        return queryset.order_by("-published_at", "-pk")
    if is_postgres():
        query = _tsquery(groups)
        queryset = queryset.filter(search_vector=query)
        if text_groups and sort == "relevance":
            rank = SearchRank(F("search_vector"), _tsquery(text_groups), weights=RANK_WEIGHTS)
            return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
        return queryset.order_by("-published_at", "-pk")
    queryset = queryset.filter(_document_q(groups))
    if text_groups and sort == "relevance":
        return _rank_in_python(queryset, text_groups)
    return queryset.order_by("-published_at", "-pk")


def _rank_in_python(queryset, text_groups):
    """Relevance on databases without FTS: name matches first, then other matches, with the
    same weights as ts_rank's A/B/C; the order is returned as a queryset."""
    from django.db.models import Case, IntegerField, When

    rows = list(queryset.values_list("pk", "name_fi", "name_sv", "name_en", "published_at"))
    if not rows:
        return queryset.none()
    scores = {}
    for pk, *names, _published in rows:
        name_tokens = set()
        for value, lang in zip(names, text.LANGUAGES, strict=True):
            name_tokens.update(text.document_tokens(value or "", lang))
        hits = sum(
            1 for group in text_groups if any(all(t in name_tokens for t in alt) for alt in group)
        )
        scores[pk] = hits
    ordered = sorted(rows, key=lambda r: (-scores[r[0]], -(r[4].timestamp() if r[4] else 0), -r[0]))
    whens = [When(pk=row[0], then=Value(pos)) for pos, row in enumerate(ordered)]
    return queryset.annotate(position=Case(*whens, output_field=IntegerField())).order_by(
        "position"
    )


def facet_counts(queryset) -> Counter:
    """How many of the matching services carry each facet key (one SQL query)."""
    inner = queryset.order_by().values("facet_keys")
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:
        return Counter()
    if is_postgres():
        statement = (
            "SELECT k.value, COUNT(*) FROM ("  # noqa: S608 - inner SQL is Django-compiled
            + sql
            + ") s CROSS JOIN LATERAL jsonb_array_elements_text(s.facet_keys) AS k(value) "
            "GROUP BY k.value"
        )
    else:
        statement = (
            "SELECT k.value, COUNT(*) FROM ("  # noqa: S608 - inner SQL is Django-compiled
            + sql
            + ") s, json_each(s.facet_keys) k GROUP BY k.value"
        )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return Counter(dict(cursor.fetchall()))
