"""Job-ad search: the index written with each ad, and the query run by
jobs.selectors.job_ad_search. The same machinery as the service catalogue (catalog.search):

* ``search_document`` — the normalised tokens of the ad's fi/sv/en texts (catalog.text: Finnish
  base forms and compound parts, Swedish/English lemmas) plus facet tokens (``zj…``);
* ``search_vector`` (PostgreSQL) — the same tokens as a tsvector (titles A, occupation and
  employer B, the rest C), GIN-indexed for published ads;
* ``facet_keys`` — the facet values of the ad, counted with catalog.search.facet_counts;
* ``JobSearchTerm`` — the vocabulary; a pg_trgm GIN index finds similar terms for typos
  (``catalog.text.trigram_similarity`` computes the same on other databases).

A query word is an AND-ed group of alternatives (catalog.text.query_groups); a word none of
whose forms is in the vocabulary also accepts its nearest terms (trigram similarity ≥ 0.4).
PostgreSQL answers with a tsquery over the GIN index, other databases match the same tokens in
``search_document``, so both give the same results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import Case, F, IntegerField, Value, When

from catalog import text
from catalog.search import (
    RANK_WEIGHTS,
    facet_counts,
    is_postgres,
    tokens_of,
    write_search_index,
)
from catalog.search import _document_q as document_q
from catalog.search import _tsquery as tsquery
from jobs.models import JobAd, JobSearchTerm

FUZZY_THRESHOLD = 0.4
FUZZY_LIMIT = 5
FUZZY_MIN_LENGTH = 4

FACET_PREFIX = {
    "occupation": "zjo",
    "region": "zjr",
    "municipality": "zjk",
    "work_time": "zjt",
    "continuity": "zjc",
    "language": "zjl",
    "remote": "zjremote",
}
REMOTE_KEY = "zjremote1"

__all__ = ["facet_counts", "is_postgres"]


def facet_key(facet: str, value) -> str:
    return f"{FACET_PREFIX[facet]}{value}".lower()


# --- index ------------------------------------------------------------------------------


def job_ad_facet_keys(job_ad: JobAd) -> list[str]:
    keys = [
        facet_key("work_time", job_ad.work_time),
        facet_key("continuity", job_ad.continuity),
        facet_key("municipality", job_ad.municipality_id),
        facet_key("region", job_ad.municipality.region_id),
    ]
    if job_ad.occupation_id:
        keys.append(facet_key("occupation", job_ad.occupation_id))
    if job_ad.remote:
        keys.append(REMOTE_KEY)
    keys += [facet_key("language", lang) for lang in job_ad.ad_languages]
    return list(dict.fromkeys(keys))


def _texts(job_ad: JobAd) -> dict[str, list[str]]:
    weighted: dict[str, list[tuple[str, str]]] = {"A": [], "B": [], "C": []}
    for lang in text.LANGUAGES:
        weighted["A"].append((getattr(job_ad, f"title_{lang}"), lang))
        weighted["C"].append((getattr(job_ad, f"description_{lang}"), lang))
    if job_ad.occupation_id:
        occupation = job_ad.occupation
        weighted["B"] += [
            (occupation.label_fi, "fi"),
            (occupation.label_sv, "sv"),
            (occupation.label_en, "en"),
        ]
    weighted["B"].append((job_ad.organisation.name, "fi"))
    for skill in job_ad.skills.all():
        weighted["C"] += [(skill.label_fi, "fi"), (skill.label_sv, "sv"), (skill.label_en, "en")]
    municipality = job_ad.municipality
    weighted["C"] += [
        (municipality.name_fi, "fi"),
        (municipality.name_sv, "sv"),
        (municipality.region.name_fi, "fi"),
        (municipality.region.name_sv, "sv"),
    ]
    return {weight: tokens_of(pairs) for weight, pairs in weighted.items()}


def index_job_ads(job_ads: list[JobAd]) -> None:
    """Recompute the index columns of the given ads (called by jobs.services)."""
    write_search_index(
        job_ads,
        texts=_texts,
        facet_keys=job_ad_facet_keys,
        facet_prefix="zj",
        term_model=JobSearchTerm,
    )


# --- query ------------------------------------------------------------------------------


@dataclass
class JobSearchParams:
    q: str = ""
    occupations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    work_times: list[str] = field(default_factory=list)
    continuities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    remote: bool = False
    sort: str = "newest"


def similar_terms(token: str) -> list[str]:
    """Vocabulary terms within the trigram threshold, most similar first."""
    if is_postgres():
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            JobSearchTerm.objects.filter(term__trigram_similar=token)
            .annotate(similarity=TrigramSimilarity("term", token))
            .filter(similarity__gte=FUZZY_THRESHOLD)
            .order_by("-similarity", "term")
            .values_list("term", flat=True)[:FUZZY_LIMIT]
        )
    scored = [
        (-text.trigram_similarity(token, term), term)
        for term in JobSearchTerm.objects.values_list("term", flat=True).iterator()
    ]
    return [term for score, term in sorted(s for s in scored if -s[0] >= FUZZY_THRESHOLD)][
        :FUZZY_LIMIT
    ]


def text_groups(q: str) -> list[list[tuple[str, ...]]]:
    """The query's word groups (catalog.text) with typo-tolerant alternatives added to words
    none of whose forms occur in the job-ad vocabulary."""
    groups = text.query_groups(q)
    singles = {alt[0] for group in groups for alt in group if len(alt) == 1}
    known = set(JobSearchTerm.objects.filter(term__in=singles).values_list("term", flat=True))
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


def filter_groups(params: JobSearchParams) -> list[list[tuple[str, ...]]]:
    """Filters as token groups: values of one facet are OR-ed, facets are AND-ed."""
    groups: list[list[tuple[str, ...]]] = []
    for facet, values in (
        ("occupation", params.occupations),
        ("region", params.regions),
        ("municipality", params.municipalities),
        ("work_time", params.work_times),
        ("continuity", params.continuities),
        ("language", params.languages),
    ):
        if values:
            groups.append([(facet_key(facet, value),) for value in values])
    if params.remote:
        groups.append([(REMOTE_KEY,)])
    return groups


def apply(queryset, *, text_groups, facet_groups, sort: str):
    """The queryset narrowed to matches and ordered by relevance, newest or deadline."""
    groups = text_groups + facet_groups
    if groups:
        if is_postgres():
            queryset = queryset.filter(search_vector=tsquery(groups))
        else:
            queryset = queryset.filter(document_q(groups))
    if sort == "deadline":
        return queryset.order_by("application_deadline", "-published_at", "-pk")
    if not (text_groups and sort == "relevance"):
        return queryset.order_by("-published_at", "-pk")
    if is_postgres():
        rank = SearchRank(F("search_vector"), tsquery(text_groups), weights=RANK_WEIGHTS)
        return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    return _rank_in_python(queryset, text_groups)


def _rank_in_python(queryset, groups):
    """Relevance without FTS: ads whose titles match more query words first, then newest."""
    rows = list(queryset.values_list("pk", "title_fi", "title_sv", "title_en", "published_at"))
    if not rows:
        return queryset.none()
    scores = {}
    for pk, *titles, _published in rows:
        tokens: set[str] = set()
        for value, lang in zip(titles, text.LANGUAGES, strict=True):
            tokens.update(text.document_tokens(value or "", lang))
        scores[pk] = sum(
            1 for group in groups if any(all(t in tokens for t in alt) for alt in group)
        )
    ordered = sorted(rows, key=lambda r: (-scores[r[0]], -(r[4].timestamp() if r[4] else 0), -r[0]))
    whens = [When(pk=row[0], then=Value(pos)) for pos, row in enumerate(ordered)]
    return queryset.annotate(position=Case(*whens, output_field=IntegerField())).order_by(
        "position"
    )
