"""Tori's catalogue as Open Referral HSDS 3.0 objects (plain dicts, validated in the tests
against the HSDS schemas). Tori-specific data travels in the "tori_fi" extension object,
described by the profile served at /hsds/profile/."""

from __future__ import annotations

import uuid

from django.utils import translation

from catalog.models import LANGUAGE_CHOICES, Service, TaxonomyTerm
from catalog.sanitize import strip_tags

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6f1c1d3e-5a3b-4f4e-9d8a-7c1a2b3c4d5e")
TAXONOMY_NAMES = {
    TaxonomyTerm.Taxonomy.SERVICE_TYPE: ("tori-service-type", "Tori service types"),
    TaxonomyTerm.Taxonomy.TARGET_GROUP: ("tori-target-group", "Tori target groups"),
}


def sub_id(parent: uuid.UUID, *parts) -> str:
    """A stable UUID for an entity Tori does not store as a row (phone, language, …)."""
    return str(uuid.uuid5(NAMESPACE, "/".join([str(parent), *map(str, parts)])))


def taxonomy_id(taxonomy: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy/{taxonomy}"))


def _text(obj, field: str, lang: str) -> str:
    return (
        getattr(obj, f"{field}_{lang}", "")
        or getattr(obj, f"{field}_fi", "")
        or getattr(obj, f"{field}_en", "")
    )


def _drop_empty(data: dict) -> dict:
    """HSDS fields are typed (string, number): absent rather than null."""
    return {k: v for k, v in data.items() if v not in (None, "")}


def taxonomy(taxonomy_value: str) -> dict:
    code, name = TAXONOMY_NAMES[taxonomy_value]
    return {
        "id": taxonomy_id(taxonomy_value),
        "name": code,
        "description": name,
        "version": "1",
    }


def taxonomy_term(term: TaxonomyTerm, lang: str) -> dict:
    return _drop_empty(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": _text(term, "name", lang),
            "description": _text(term, "description", lang) or _text(term, "name", lang),
            "taxonomy": TAXONOMY_NAMES[term.taxonomy][0],
            "taxonomy_id": taxonomy_id(term.taxonomy),
            "taxonomy_detail": taxonomy(term.taxonomy),
            "language": lang,
            "tori_fi": {"name": term_names(term)},
        }
    )


def term_names(term: TaxonomyTerm) -> dict:
    return {"fi": term.name_fi, "sv": term.name_sv, "en": term.name_en}


def organization(
    provider, lang: str, *, full: bool = False, services=None, full_service: bool = False
) -> dict:
    names = provider.names()
    description = (
        getattr(provider, f"description_{lang}", "") or provider.description_fi or names["fi"]
    )
    data = _drop_empty(
        {
            "id": str(provider.uuid),
            "name": names.get(lang) or names["fi"],
            "alternate_name": " / ".join(
                n for code, n in names.items() if n and code != lang and n != names.get(lang)
            ),
            "description": strip_tags(description),
            "email": provider.email,
            "website": provider.website,
            "tax_id": provider.business_id,
            "legal_status": provider.get_sector_display(),
        }
    )
    data["tori_fi"] = {
        "name": names,
        "sector": provider.sector,
        "business_id": provider.business_id,
        "municipality_code": provider.municipality_code,
        "verified": provider.is_verified,
    }
    if full:
        data["organization_identifiers"] = (
            [
                {
                    "id": sub_id(provider.uuid, "identifier", "ytunnus"),
                    "organization_id": str(provider.uuid),
                    "identifier_scheme": "FI-PRO",
                    "identifier_type": "Y-tunnus",
                    "identifier": provider.business_id,
                }
            ]
            if provider.business_id
            else []
        )
        data["phones"] = (
            [
                {
                    "id": sub_id(provider.uuid, "phone"),
                    "organization_id": str(provider.uuid),
                    "number": provider.phone,
                }
            ]
            if provider.phone
            else []
        )
        data["contacts"] = []
        data["locations"] = (
            [
                {
                    "id": sub_id(provider.uuid, "location"),
                    "organization_id": str(provider.uuid),
                    "location_type": "physical",
                    "addresses": [
                        {
                            "id": sub_id(provider.uuid, "address"),
                            "location_id": sub_id(provider.uuid, "location"),
                            "address_1": provider.street_address,
                            "city": provider.city,
                            "state_province": "",
                            "postal_code": provider.postal_code,
                            "country": "FI",
                            "address_type": "physical",
                        }
                    ],
                }
            ]
            if provider.street_address and provider.city
            else []
        )
    if services is not None:
        data["services"] = [
            service_full(service, lang)
            if full_service
            else {"id": str(service.uuid), "name": _text(service, "name", lang)}
            for service in services
        ]
    return data


def _schedule_notes(service: Service) -> str:
    parts = []
    with translation.override("en"):
        if service.days_per_week:
            parts.append(f"{service.days_per_week} days/week")
        if service.hours_per_day:
            parts.append(f"{service.hours_per_day.normalize()} h/day")
        if service.duration_value:
            parts.append(f"{service.duration_value} {service.duration_unit}")
    return ", ".join(parts)


def _extension(service: Service) -> dict:
    return {
        "name": service.translations("name"),
        "summary": service.translations("summary"),
        "description": service.translations("description"),
        "how_to_enrol": service.translations("how_to_enrol"),
        "price_terms": service.translations("price_terms"),
        "schedule": {
            "text": service.translations("schedule"),
            "days_per_week": service.days_per_week,
            "hours_per_day": float(service.hours_per_day) if service.hours_per_day else None,
            "duration_value": service.duration_value,
            "duration_unit": service.duration_unit or None,
        },
        "service_type": service.service_type.code if service.service_type_id else None,
        "target_groups": [t.code for t in service.target_groups.all()],
        "delivery_mode": service.delivery_mode,
        "is_nationwide": service.is_nationwide,
        "regions": [r.code for r in service.regions.all()],
        "municipalities": [m.code for m in service.municipalities.all()],
        "languages": list(service.languages),
        "capacity": service.capacity,
        "enrolment_starts": service.enrolment_starts.isoformat()
        if service.enrolment_starts
        else None,
        "enrolment_ends": service.enrolment_ends.isoformat() if service.enrolment_ends else None,
        "funding": service.funding,
        "is_free": service.is_free,
        "price": float(service.price) if service.price is not None else None,
        "esco_skills": [s.uri for s in service.esco_skills.all()],
        "esco_occupations": [o.uri for o in service.esco_occupations.all()],
        "sector": service.provider.sector,
    }


def service_list_item(service: Service, lang: str, *, with_organization: bool = True) -> dict:
    target_groups = ", ".join(_text(t, "name", lang) for t in service.target_groups.all())
    data = _drop_empty(
        {
            "id": str(service.uuid),
            "organization_id": str(service.provider.uuid),
            "name": _text(service, "name", lang),
            "alternate_name": _text(service, "summary", lang),
            "description": strip_tags(_text(service, "description", lang))
            or _text(service, "summary", lang),
            "url": service.url,
            "email": service.contact_email,
            "status": "active" if service.status == Service.Status.PUBLISHED else "inactive",
            "application_process": strip_tags(_text(service, "how_to_enrol", lang)),
            "fees_description": _text(service, "price_terms", lang),
            "eligibility_description": target_groups,
            "assured_date": service.confirmed_at.date().isoformat()
            if service.confirmed_at
            else None,
            "last_modified": service.updated_at.isoformat(),
        }
    )
    if with_organization:
        data["organization"] = organization(service.provider, lang)
    data["tori_fi"] = _extension(service)
    return data


def service_full(service: Service, lang: str) -> dict:
    data = service_list_item(service, lang)
    sid = service.uuid
    language_names = dict(LANGUAGE_CHOICES)
    with translation.override(lang):
        data["languages"] = [
            {
                "id": sub_id(sid, "language", code),
                "service_id": str(sid),
                "code": code,
                "name": str(language_names.get(code, code)),
            }
            for code in service.languages
        ]
    data["phones"] = (
        [{"id": sub_id(sid, "phone"), "service_id": str(sid), "number": service.contact_phone}]
        if service.contact_phone
        else []
    )
    data["contacts"] = (
        [
            _drop_empty(
                {
                    "id": sub_id(sid, "contact"),
                    "service_id": str(sid),
                    "name": service.contact_name,
                    "email": service.contact_email,
                }
            )
        ]
        if service.contact_name or service.contact_email
        else []
    )
    schedule_text = _text(service, "schedule", lang)
    notes = _schedule_notes(service)
    data["schedules"] = (
        [
            _drop_empty(
                {
                    "id": sub_id(sid, "schedule"),
                    "service_id": str(sid),
                    "description": schedule_text,
                    "notes": notes,
                    "freq": "WEEKLY" if service.days_per_week else None,
                    "valid_from": service.enrolment_starts.isoformat()
                    if service.enrolment_starts
                    else None,
                    "attending_type": service.delivery_mode,
                }
            )
        ]
        if schedule_text or notes
        else []
    )
    areas = []
    if service.is_nationwide:
        areas.append(
            {
                "id": sub_id(sid, "area", "FI"),
                "service_id": str(sid),
                "name": {"fi": "Koko Suomi", "sv": "Hela Finland", "en": "All of Finland"}[lang],
                "extent_type": "text",
                "extent": "country:FI",
            }
        )
    for region in service.regions.all():
        areas.append(
            {
                "id": sub_id(sid, "area", "region", region.code),
                "service_id": str(sid),
                "name": _text(region, "name", lang),
                "extent_type": "text",
                "extent": f"region:{region.code}",
            }
        )
    for municipality in service.municipalities.all():
        areas.append(
            {
                "id": sub_id(sid, "area", "municipality", municipality.code),
                "service_id": str(sid),
                "name": _text(municipality, "name", lang),
                "extent_type": "text",
                "extent": f"municipality:{municipality.code}",
            }
        )
    data["service_areas"] = areas
    data["service_at_locations"] = [
        {
            "id": sub_id(sid, "at", location.uuid),
            "service_id": str(sid),
            "location_id": str(location.uuid),
            "location": _drop_empty(
                {
                    "id": str(location.uuid),
                    "location_type": "physical",
                    "name": location.name,
                    "addresses": [
                        {
                            "id": sub_id(location.uuid, "address"),
                            "location_id": str(location.uuid),
                            "address_1": location.street_address,
                            "city": location.city,
                            "state_province": _text(location.municipality.region, "name", lang)
                            if location.municipality_id
                            else "",
                            "postal_code": location.postal_code,
                            "country": "FI",
                            "address_type": "physical",
                        }
                    ],
                }
            ),
        }
        for location in service.locations.all()
    ]
    data["funding"] = [
        {"id": sub_id(sid, "funding"), "service_id": str(sid), "source": service.funding}
    ]
    cost = _drop_empty(
        {
            "id": sub_id(sid, "cost"),
            "service_id": str(sid),
            "option": "free" if service.is_free else "paid",
            "currency": "EUR",
            "amount": float(service.price) if service.price is not None else None,
            "amount_description": _text(service, "price_terms", lang),
        }
    )
    data["cost_options"] = [cost]
    terms = ([service.service_type] if service.service_type_id else []) + list(
        service.target_groups.all()
    )
    data["attributes"] = [
        {
            "id": sub_id(sid, "attribute", term.uuid),
            "link_id": str(sid),
            "link_type": term.taxonomy,
            "link_entity": "service",
            "taxonomy_term_id": str(term.uuid),
            "taxonomy_term": taxonomy_term(term, lang),
        }
        for term in terms
    ]
    return data
