"""Writes of life situations outside the admin (demo data, imports): one upsert."""

from __future__ import annotations

from django.db import transaction

from catalog.models import TaxonomyTerm
from situations.models import LifeSituation, validate_eservice_codes

TEXT_FIELDS = [
    f"{name}_{lang}" for name in ("name", "description", "phrases") for lang in ("fi", "sv", "en")
]


@transaction.atomic
def life_situation_upsert(
    *,
    slug: str,
    data: dict,
    service_types: list[str] = (),
    target_groups: list[str] = (),
    eservices: list[str] = (),
    position: int = 0,
) -> LifeSituation:
    """Create or update the package `slug`; taxonomy terms are given by code."""
    validate_eservice_codes(list(eservices))
    situation = LifeSituation.objects.filter(slug=slug).first() or LifeSituation(slug=slug)
    for name in TEXT_FIELDS:
        if name in data:
            setattr(situation, name, data[name])
    situation.eservices = list(eservices)
    situation.position = position
    situation.full_clean(exclude=["service_types", "target_groups"])
    situation.save()
    situation.service_types.set(
        TaxonomyTerm.objects.filter(
            taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE, code__in=list(service_types)
        )
    )
    situation.target_groups.set(
        TaxonomyTerm.objects.filter(
            taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP, code__in=list(target_groups)
        )
    )
    return situation
