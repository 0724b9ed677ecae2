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
tokens AND-ed to the query. Relevance is the number of query words found in the service's
name (any language), then newest first; the provider's sector plays no part.

PostgreSQL reads a narrow copy of the search columns, ``ServiceSearchEntry`` (one ~100-byte
heap row per service; the tsvectors live out of line in TOAST), which a trigger keeps in
sync with catalog_service (migration 0003):
* facet counts — one statement: a bitmap scan of the GIN index (``document``), grouped
  by the service's three ``FacetSet`` ids (GROUPING SETS); the distinct sets are expanded
  into keys in Python from a per-process cache of the (immutable) sets
  (``entry_facet_counts``). Exact up to FACET_COUNT_LIMIT matches; above it, the total and
  the counts are lower bounds over the first FACET_COUNT_LIMIT + 1 matches, and marked so
  (``FacetCounts.exact``). The total is the sum of the sector counts, so there is no COUNT;
* the page — relevance tiers (all / some / none of the words in ``names``), each read
  newest first from a partial B-tree index, as the branches of one UNION ALL statement, so
  a query matching half the catalogue reads a few hundred entries for a page instead of
  ranking every match (``RankedIds``); a query matching at most SORT_ALL_LIMIT services
  sorts all its matches instead, finding the name matches of each word with the same GIN
  index (it covers ``document`` and ``names``).
Each of these is one round trip (``_fetch`` sends the SET LOCAL planner settings with the
statement). Other databases match the same tokens in ``search_document`` and rank in
Python, so both give the same results in the same order, with the same count limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.expressions import RawSQL

from catalog import text
from catalog.models import SearchTerm, Service
from catalog.querysets import ServiceQuerySet

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
    return {weight: tokens_of(pairs) for weight, pairs in weighted.items()}


def tokens_of(pairs: list[tuple[str, str]]) -> list[str]:
    """Normalised tokens of (text, language) pairs, first occurrence first."""
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
    write_search_index(
        services,
        texts=_texts,
        facet_keys=service_facet_keys,
        facet_prefix="zf",
        term_model=SearchTerm,
    )


def write_search_index(objects, *, texts, facet_keys, facet_prefix, term_model) -> None:
    """Write the search columns shared by the catalogue and job ads: ``search_document`` and
    ``facet_keys`` on every database, the weighted ``search_vector`` on PostgreSQL, and new
    words into the fuzzy-search vocabulary (``term_model``)."""
    objects = list(objects)
    if not objects:
        return
    model = type(objects[0])
    rows = []
    vocabulary: set[str] = set()
    for obj in objects:
        weighted = texts(obj)
        keys = facet_keys(obj)
        tokens = list(dict.fromkeys(weighted["A"] + weighted["B"] + weighted["C"] + keys))
        obj.search_document = " " + " ".join(tokens) + " "
        obj.facet_keys = keys
        vocabulary.update(t for t in tokens if not t.startswith(facet_prefix))
        rows.append((obj, weighted, keys))
    model.objects.bulk_update(objects, ["search_document", "facet_keys"], batch_size=500)
    if is_postgres():
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET search_vector = "  # noqa: S608 - table name from the model
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') WHERE id = %s",
                [
                    (
                        " ".join(weighted["A"]),
                        " ".join(weighted["B"]),
                        " ".join(weighted["C"] + keys),
                        obj.pk,
                    )
                    for obj, weighted, keys in rows
                ],
            )
    term_model.objects.bulk_create(
        [term_model(term=t) for t in sorted(vocabulary)], ignore_conflicts=True, batch_size=1000
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
    tokens = {token for group in groups for alt in group for token in alt}
    known = _known_terms(tokens) if tokens else set()
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


def _known_terms(tokens: set[str]) -> set[str]:
    """The tokens that are in the vocabulary (on PostgreSQL one statement written once, as
    the ORM spent longer compiling this look-up than the database running it)."""
    if is_postgres():
        table = connection.ops.quote_name(SearchTerm._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM {table} WHERE term = ANY(%s)",  # noqa: S608 - model table
                [sorted(tokens)],
            )
            return {row[0] for row in cursor.fetchall()}
    return set(SearchTerm.objects.filter(term__in=tokens).values_list("term", flat=True))


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


# Counts (the total and the facet counts) are exact up to this many matches. A broader query
# ("training" matches half the catalogue) counts only the first FACET_COUNT_LIMIT + 1 matches:
# the total is then shown as "more than 5 000" and each facet count as a minimum ("812+"),
# marked in the page and the API (``FacetCounts.exact``). Counting every match grew linearly
# (~0.5 µs a match, 20–30 ms at 46,000 matches) and was half of a broad search at 100,000
# services; an exact total alone (COUNT over the GIN bitmap) cost as much again.
FACET_COUNT_LIMIT = 5000

# A PostgreSQL query matching at most this many services (known from the counts) sorts all
# its matches for a page instead of walking the newest-first index tier by tier
# (``RankedIds._sorted_ids``).
SORT_ALL_LIMIT = 2000


@dataclass
class FacetCounts:
    """How many matching services carry each facet key, and how many match in all.

    ``exact`` is False when more than FACET_COUNT_LIMIT services match: ``total`` is then
    FACET_COUNT_LIMIT and every count is a lower bound, counted over the first
    FACET_COUNT_LIMIT + 1 matches (and no larger than FACET_COUNT_LIMIT)."""

    keys: Counter = field(default_factory=Counter)
    total: int = 0
    exact: bool = True

    @classmethod
    def from_sample(cls, sample: Counter, *, limit: int):
        total = _sector_total(sample)
        if total <= limit:
            return cls(keys=sample, total=total)
        keys = Counter({key: min(n, limit) for key, n in sample.items()})
        return cls(keys=keys, total=limit, exact=False)


def _sector_total(counts: Counter) -> int:
    # every service has exactly one sector key, so the sector counts add up to the total
    return sum(n for key, n in counts.items() if key.startswith(FACET_PREFIX["sector"]))


def facet_counts(queryset, *, limit: int | None = None) -> Counter:
    """How many of the matching rows carry each facet key (one SQL query; shared with the
    job search). ``limit``: count only the first ``limit`` rows (a sample)."""
    inner = queryset.order_by().values("facet_keys")
    if limit is not None:
        inner = inner[:limit]
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


def capped_facet_counts(queryset) -> FacetCounts:
    """The catalogue's facet counts on databases other than PostgreSQL, with the same limit
    as ``entry_facet_counts`` (over the first FACET_COUNT_LIMIT + 1 matches)."""
    limit = FACET_COUNT_LIMIT
    return FacetCounts.from_sample(facet_counts(queryset, limit=limit + 1), limit=limit)


# --- PostgreSQL: the narrow search entries ---------------------------------------------


# A broad query matches half of the catalogue, and the planner then prefers a sequential
# scan; but its cost model ignores that every row would have to fetch its out-of-line
# document, which makes that scan 20× slower than the bitmap scan of the GIN index.
_PLANNER_SETTINGS = ["SET LOCAL enable_seqscan = off"]


def _fetch(settings: list[str], statement: str, params: list) -> list[tuple]:
    """Run ``statement`` after the SET LOCAL ``settings`` in one round trip (several
    statements in one query string form one implicit transaction, which bounds SET LOCAL;
    Django's psycopg cursors bind parameters client-side, so this is allowed). Under load
    each round trip cost 1–3 ms of scheduling, and a search made thirteen of them."""
    if settings and connection.in_atomic_block:
        # inside a transaction SET LOCAL would last until its end: roll back to a savepoint
        with transaction.atomic():
            rows = _run(settings, statement, params)
            transaction.set_rollback(True)
        return rows
    return _run(settings, statement, params)


def _run(settings: list[str], statement: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute("; ".join([*settings, statement]), params)
        while cursor.description is None and cursor.nextset():
            pass
        return cursor.fetchall()


def _tsquery_sql(groups) -> tuple[str, list[str]]:
    """The groups as one tsquery expression: a plainto_tsquery per token (so the tokens are
    parsed exactly like the indexed document), && within an alternative and across groups,
    || between the alternatives of a group. Tokens travel as parameters."""
    params: list[str] = []
    group_sql = []
    for group in groups:
        alternatives = []
        for alt in group:
            params.extend(alt)
            alternatives.append(" && ".join(["plainto_tsquery('simple', %s)"] * len(alt)))
        group_sql.append("(" + " || ".join(f"({a})" for a in alternatives) + ")")
    return " && ".join(group_sql), params


def _entries_where(groups, alias: str = "e") -> tuple[str, list[str]]:
    if not groups:
        return f"{alias}.status = 'published'", []
    sql, params = _tsquery_sql(groups)
    return f"{alias}.status = 'published' AND {alias}.document @@ ({sql})", params


def entry_facet_counts(groups) -> FacetCounts:
    """Facet counts of the matching published services, in one statement: the first
    FACET_COUNT_LIMIT + 1 matches (a bitmap scan of the GIN index; index scans are off, as
    the planner would otherwise walk the newest-first index and read the out-of-line
    documents) are grouped by their three facet sets (GROUPING SETS), and only the distinct
    sets are expanded into keys."""
    where, params = _entries_where(groups)
    limit = FACET_COUNT_LIMIT
    statement = (
        "SELECT COALESCE(e.target_group_set, e.area_set, e.other_set), "  # noqa: S608
        "COUNT(*)::integer FROM ("
        "SELECT e.target_group_set, e.area_set, e.other_set "
        f"FROM catalog_servicesearchentry e WHERE {where} LIMIT %s) e "
        "GROUP BY GROUPING SETS ((e.target_group_set), (e.area_set), (e.other_set))"
    )
    settings = [*_PLANNER_SETTINGS, "SET LOCAL enable_indexscan = off"] if groups else []
    rows = _fetch(settings, statement, [*params, limit + 1])
    sets = facet_sets({set_id for set_id, _n in rows})
    sample: dict[str, int] = {}
    get = sample.get
    for set_id, n in rows:
        for key in sets[set_id]:
            sample[key] = get(key, 0) + n
    return FacetCounts.from_sample(Counter(sample), limit=limit)


_facet_sets: dict[int, tuple[str, ...]] = {}


def facet_sets(ids: set[int]) -> dict[int, tuple[str, ...]]:
    """The keys of FacetSet rows, cached in the process: a set is interned once and never
    changes (the trigger adds new sets, it does not edit them), and there are a few
    thousand of them. Unknown ids are read from the database. The mapping returned holds
    at least ``ids`` (it is the cache itself when nothing was missing)."""
    from catalog.models import FacetSet

    missing = ids - _facet_sets.keys()
    if not missing:
        return _facet_sets
    for set_id, keys in FacetSet.objects.filter(pk__in=missing).values_list("id", "keys"):
        _facet_sets[set_id] = tuple(keys.split()) if keys else ()
    return {set_id: _facet_sets.get(set_id, ()) for set_id in ids}


def _relevance_tiers(text_groups) -> list[tuple[str, list[str]]]:
    """Conditions on the name lexemes, best tier first: a service's relevance is the number
    of query words found in its name (any language). Each tier is walked newest first."""
    all_sql, all_params = _tsquery_sql(text_groups)
    any_sql = " || ".join(_tsquery_sql([group])[0] for group in text_groups)
    any_params = [token for group in text_groups for alt in group for token in alt]
    count = len(text_groups)
    tiers = [(f"e.names @@ ({all_sql})", all_params)]
    for hits in range(count - 1, 0, -1):
        condition = f"e.names @@ ({any_sql}) AND NOT e.names @@ ({all_sql})"
        params = any_params + all_params
        if count > 2:
            parts = []
            for group in text_groups:
                sql, group_params = _tsquery_sql([group])
                parts.append(f"(e.names @@ ({sql}))::integer")
                params = params + group_params
            condition += f" AND {' + '.join(parts)} = {hits}"
        tiers.append((condition, params))
    tiers.append((f"NOT e.names @@ ({any_sql})", any_params))
    return tiers


class RankedIds:
    """The ids of the matching services in result order, one slice (page) at a time.

    Order: relevance tiers (see ``_relevance_tiers``) for a text query sorted by relevance,
    then newest first. Each tier is one query over the narrow entries ordered by the
    newest-first index, so a page of a query matching a third of the catalogue reads a few
    hundred entries instead of ranking every match."""

    def __init__(self, *, groups, text_groups, cards, facet_groups=None, matches=None):
        self.groups = groups
        self.where, self.params = _entries_where(groups)
        # how many services match, when known exactly (the facet counts); few enough, and
        # the page is the top of all matches sorted (``_sorted_ids``)
        self.sort_all = bool(groups) and matches is not None and matches <= SORT_ALL_LIMIT
        self.text_groups = text_groups
        self.tiers = _relevance_tiers(text_groups) if text_groups else [("TRUE", [])]
        # The first tier (every query word in the name) implies the text part of the query,
        # as the name lexemes are part of the document: only the filters remain to check,
        # which spares reading the out-of-line document of every name match.
        self.first_where = (
            _entries_where(facet_groups) if text_groups and facet_groups is not None else None
        )
        self.planner_settings = _PLANNER_SETTINGS if groups else []
        self.cards = cards

    def services(self, offset: int, limit: int) -> list[Service]:
        ids = self.ids(offset, limit)
        by_id = {service.pk: service for service in self.cards(ids)} if ids else {}
        return [by_id[pk] for pk in ids if pk in by_id]

    def ids(self, offset: int, limit: int) -> list[int]:
        """One statement: the tiers as the branches of a UNION ALL, each newest first and
        limited, under one LIMIT/OFFSET. A non-parallel Append returns its branches in order
        and stops as soon as the page is full, so a tier is read only when the ones before
        it are exhausted (parallel plans are off for this statement)."""
        if limit <= 0:
            return []
        if self.sort_all:
            return self._sorted_ids(offset, limit)
        branches, params = [], []
        for n, (condition, tier_params) in enumerate(self.tiers):
            where, where_params = self.where, self.params
            if n == 0 and self.first_where is not None:
                where, where_params = self.first_where
            branches.append(
                "(SELECT e.service_id FROM catalog_servicesearchentry e "  # noqa: S608
                f"WHERE {condition} AND {where} "
                "ORDER BY e.published_at DESC, e.service_id DESC LIMIT %s)"
            )
            params += [*tier_params, *where_params, offset + limit]
        statement = (
            "SELECT t.service_id FROM ("  # noqa: S608 - tokens are parameters
            + " UNION ALL ".join(branches)
            + ") t LIMIT %s OFFSET %s"
        )
        settings = [*self.planner_settings, "SET LOCAL max_parallel_workers_per_gather = 0"]
        return [row[0] for row in _fetch(settings, statement, [*params, limit, offset])]

    def _sorted_ids(self, offset: int, limit: int) -> list[int]:
        """A query matching few services (at most SORT_ALL_LIMIT): every match from the GIN
        index, sorted by the number of query words in its name, then newest. Same order as
        the tiers, which walk the newest-first index and check each entry's out-of-line name
        lexemes until the page is full: for a word found in 500 services that walk read
        ~5,000 entries (21,000 buffers, 17 ms at 100,000 services).

        Which matches have a word in their name is not read from each match's (out-of-line)
        name lexemes either, but found by one scan of the (document, names) GIN index per
        word — "matches the query and has this word in the name", exact, so no recheck —
        as a hashed set of ids (warehouse, 1,174 matches: 1,321 buffers instead of 5,526)."""
        hits, params = [], []
        matches, match_params = _entries_where(self.groups, alias="h")
        for group in self.text_groups:
            sql, group_params = _tsquery_sql([group])
            hits.append(
                "(e.service_id IN (SELECT h.service_id "  # noqa: S608 - tokens are parameters
                f"FROM catalog_servicesearchentry h WHERE h.names @@ ({sql}) AND {matches}"
                "))::integer"
            )
            params += [*group_params, *match_params]
        order = " + ".join(hits) + " DESC, " if hits else ""
        statement = (
            "SELECT e.service_id FROM catalog_servicesearchentry e "  # noqa: S608 - parameters
            f"WHERE {self.where} "
            f"ORDER BY {order}e.published_at DESC, e.service_id DESC LIMIT %s OFFSET %s"
        )
        settings = [
            *self.planner_settings,
            "SET LOCAL enable_indexscan = off",
            "SET LOCAL max_parallel_workers_per_gather = 0",
        ]
        return [
            row[0] for row in _fetch(settings, statement, [*self.params, *params, limit, offset])
        ]


class RankedQuerySet(ServiceQuerySet):
    """The catalogue result on PostgreSQL: an ordinary queryset (filter it, count it, iterate
    it; the SQL orders by the same relevance), except that a page slice of the queryset as
    returned by the selector takes its ids from ``ranking`` (RankedIds). Chaining any method
    returns a clone without ``ranking``, i.e. the plain SQL.

    That SQL is built on first use (``_build``): the catalogue page only slices pages, so it
    never needs it, and building the filter, the relevance annotation and the card's
    select/prefetch cost ~1.5 ms of every search."""

    ranking: RankedIds | None = None
    _build = None  # returns the queryset this one stands for

    @property
    def query(self):
        if self._build is not None:
            build, self._build = self._build, None
            built = build()
            self._query = built.query
            self.__dict__["_prefetch_lookups"] = built._prefetch_related_lookups
        return super().query

    @query.setter
    def query(self, value):
        ServiceQuerySet.query.fset(self, value)

    @property
    def _prefetch_related_lookups(self):
        if self._build is not None:
            self.query  # noqa: B018 - builds the queryset, which sets the lookups
        return self.__dict__.get("_prefetch_lookups", ())

    @_prefetch_related_lookups.setter
    def _prefetch_related_lookups(self, value):
        self.__dict__["_prefetch_lookups"] = value

    @property
    def ordered(self):
        return True if self._build is not None else super().ordered

    def __getitem__(self, k):
        if (
            self.ranking is not None
            and self._result_cache is None
            and isinstance(k, slice)
            and k.step is None
            and isinstance(k.start or 0, int)
            and isinstance(k.stop, int)
            and 0 <= (k.start or 0) <= k.stop
        ):
            return self.ranking.services(k.start or 0, k.stop - (k.start or 0))
        return super().__getitem__(k)


def ranked_queryset(
    *, text_groups, facet_groups, sort: str, card, cards, matches: int | None = None
) -> RankedQuerySet:
    """PostgreSQL: published services matching the groups, ordered by relevance (the number
    of query words in the name, then newest) or newest. ``card`` adds select/prefetch to a
    queryset; ``cards`` returns the card queryset of a list of ids (for a page)."""
    groups = text_groups + facet_groups
    ranked = text_groups if sort == "relevance" else []

    def build():
        queryset = Service.objects.published()
        if groups:
            queryset = queryset.filter(search_vector=_tsquery(groups))
        if ranked:
            hits = []
            params: list[str] = []
            for group in ranked:
                sql, group_params = _tsquery_sql([group])
                hits.append(
                    f"(ts_filter(catalog_service.search_vector, '{{a}}') @@ ({sql}))::integer"
                )
                params += group_params
            relevance = RawSQL(" + ".join(hits), params)  # noqa: S611 - tokens are parameters
            queryset = queryset.annotate(relevance=relevance).order_by(
                "-relevance", "-published_at", "-pk"
            )
        else:
            queryset = queryset.order_by("-published_at", "-pk")
        return card(queryset)

    queryset = RankedQuerySet(model=Service)
    queryset._build = build
    queryset.ranking = RankedIds(
        groups=groups,
        text_groups=ranked,
        cards=cards,
        facet_groups=facet_groups,
        matches=matches,
    )
    return queryset
