"""Reads of life situations: the published packages and the situation-first match."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet

from catalog.models import Service
from situations import matcher
from situations.models import LifeSituation

SERVICES_PER_PACKAGE = 5

_index_cache: dict[tuple, matcher.SituationIndex] = {}


@dataclass
class PackageMatch:
    situation: LifeSituation
    score: float
    words: list[str]
    terms: list[str]
    services: list[Service] = field(default_factory=list)


@dataclass
class SituationResult:
    text: str
    language: str
    recognised: bool
    truncated: bool
    packages: list[PackageMatch]


def life_situation_list(*, viewer) -> QuerySet[LifeSituation]:
    """Published packages in the curated order (the same for every viewer)."""
    return LifeSituation.objects.filter(is_published=True).prefetch_related(
        "service_types", "target_groups"
    )


def _index(situations: list[LifeSituation]) -> matcher.SituationIndex:
    """The TF-IDF model over the packages' phrases, rebuilt when an admin edits a package."""
    stamp = LifeSituation.objects.filter(is_published=True).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    key = (stamp["n"], stamp["latest"], tuple(s.pk for s in situations))
    index = _index_cache.get(key)
    if index is None:
        index = matcher.SituationIndex(
            [matcher.Package(key=s.pk, phrases=s.phrases()) for s in situations]
        )
        _index_cache.clear()
        _index_cache[key] = index
    return index


def situation_services(*, viewer, situation: LifeSituation, limit: int = SERVICES_PER_PACKAGE):
    """Published services of the package's service types or target groups, newest first."""
    type_ids = [t.pk for t in situation.service_types.all()]
    group_ids = [t.pk for t in situation.target_groups.all()]
    if not type_ids and not group_ids:
        return []
    condition = Q(service_type_id__in=type_ids) | Q(target_groups__in=group_ids)
    ids = (
        Service.objects.published()
        .filter(condition)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)
        .distinct()[: limit * 4]
    )
    ordered = list(dict.fromkeys(ids))[:limit]
    services = Service.objects.filter(pk__in=ordered).select_related("provider", "service_type")
    by_pk = {s.pk: s for s in services}
    return [by_pk[pk] for pk in ordered if pk in by_pk]


def situation_match(*, viewer, text: str) -> SituationResult:
    """The packages that fit a free-text description of the viewer's situation, best first,
    each with the words that matched and a few fitting services."""
    situations = list(life_situation_list(viewer=viewer))
    result = _index(situations).match(text)
    by_pk = {s.pk: s for s in situations}
    packages = []
    for match in result.matches:
        situation = by_pk[match.key]
        packages.append(
            PackageMatch(
                situation=situation,
                score=match.score,
                words=match.words,
                terms=list(dict.fromkeys(term for _word, term in match.matched)),
                services=situation_services(viewer=viewer, situation=situation),
            )
        )
    return SituationResult(
        text=text,
        language=result.language,
        recognised=result.recognised,
        truncated=result.truncated,
        packages=packages,
    )
