"""HSDS 3.0 JSON → Tori services (used by `manage.py import_hsds`). Reads Tori's own
"tori_fi" extension when present, so an export imports back without loss."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import transaction

from catalog import services
from catalog.models import LANGUAGE_CODES, Service, TaxonomyTerm
from providers.models import Provider
from tori.exceptions import ApplicationError
from tori.validators import business_id_is_valid


def service_objects(document) -> list[dict]:
    """Services in a file: one service, a list, or an HSDS page envelope."""
    if isinstance(document, dict) and "contents" in document:
        return list(document["contents"])
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        return [document]
    raise ApplicationError("The file does not contain HSDS services.")


def _provider_for(data: dict, *, default_sector: str) -> Provider:
    org = data.get("organization") or {}
    org_id = org.get("id") or data.get("organization_id")
    if org_id:
        provider = Provider.objects.filter(uuid=org_id).first()
        if provider:
            return provider
    ext = org.get("tori_fi") or {}
    business_id = ext.get("business_id") or org.get("tax_id") or ""
    if business_id:
        provider = Provider.objects.filter(business_id=business_id).first()
        if provider:
            return provider
    if not org.get("name"):
        raise ApplicationError("The service has no organization to import it under.")
    if business_id and not business_id_is_valid(business_id):
        raise ApplicationError(f"Invalid business ID {business_id!r}.")
    names = ext.get("name") or {}
    return Provider.objects.create(
        uuid=uuid.UUID(org_id) if org_id else uuid.uuid4(),
        name=names.get("fi") or org["name"],
        name_sv=names.get("sv", ""),
        name_en=names.get("en", ""),
        sector=ext.get("sector") or default_sector,
        business_id=business_id,
        municipality_code=ext.get("municipality_code", ""),
        email=org.get("email", ""),
        website=org.get("website", ""),
        is_verified=False,
    )


def service_data(data: dict) -> dict:
    """Tori service fields from an HSDS service object."""
    from reference.models import EscoOccupation, EscoSkill, Municipality, Region

    ext = data.get("tori_fi") or {}
    result: dict = {}
    for field in ("name", "summary", "description", "how_to_enrol", "price_terms"):
        for lang, value in (ext.get(field) or {}).items():
            if lang in ("fi", "sv", "en"):
                result[f"{field}_{lang}"] = value or ""
    result.setdefault("name_fi", data.get("name", ""))
    result.setdefault("description_fi", data.get("description", ""))
    result.setdefault("how_to_enrol_fi", data.get("application_process", ""))
    if data.get("url"):
        result["url"] = data["url"]
    if data.get("email"):
        result["contact_email"] = data["email"]
    contacts = data.get("contacts") or []
    if contacts and contacts[0].get("name"):
        result["contact_name"] = contacts[0]["name"]
    phones = data.get("phones") or []
    if phones:
        result["contact_phone"] = phones[0].get("number", "")
    schedule = ext.get("schedule") or {}
    for lang, value in (schedule.get("text") or {}).items():
        if lang in ("fi", "sv", "en"):
            result[f"schedule_{lang}"] = value or ""
    for field in ("days_per_week", "duration_value", "duration_unit"):
        if schedule.get(field) is not None:
            result[field] = schedule[field]
    if schedule.get("hours_per_day") is not None:
        result["hours_per_day"] = Decimal(str(schedule["hours_per_day"]))
    if "schedule_fi" not in result and data.get("schedules"):
        result["schedule_fi"] = (data["schedules"][0].get("description") or "")[:300]
    languages = ext.get("languages") or [lang.get("code") for lang in data.get("languages") or []]
    result["languages"] = [code for code in languages if code in LANGUAGE_CODES]
    cost = (data.get("cost_options") or [{}])[0]
    is_free = ext.get("is_free", cost.get("amount") in (None, 0))
    result["is_free"] = bool(is_free)
    price = ext.get("price", cost.get("amount"))
    result["price"] = None if result["is_free"] or price is None else Decimal(str(price))
    for field in ("delivery_mode", "funding", "capacity", "is_nationwide"):
        if ext.get(field) is not None:
            result[field] = ext[field]
    for field in ("enrolment_starts", "enrolment_ends"):
        if ext.get(field):
            from django.utils.dateparse import parse_date

            result[field] = parse_date(ext[field])
    type_code = ext.get("service_type")
    group_codes = ext.get("target_groups")
    if type_code is None or group_codes is None:
        codes = [(a.get("taxonomy_term") or {}).get("code") for a in data.get("attributes") or []]
        terms = TaxonomyTerm.objects.filter(code__in=[c for c in codes if c])
        if type_code is None:
            type_code = next(
                (t.code for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.SERVICE_TYPE), None
            )
        if group_codes is None:
            group_codes = [
                t.code for t in terms if t.taxonomy == TaxonomyTerm.Taxonomy.TARGET_GROUP
            ]
    result["service_type"] = TaxonomyTerm.objects.filter(
        taxonomy=TaxonomyTerm.Taxonomy.SERVICE_TYPE, code=type_code
    ).first()
    result["target_groups"] = list(
        TaxonomyTerm.objects.filter(
            taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP, code__in=group_codes or []
        )
    )
    regions = ext.get("regions")
    municipalities = ext.get("municipalities")
    if regions is None and municipalities is None:
        extents = [a.get("extent", "") for a in data.get("service_areas") or []]
        regions = [e.split(":", 1)[1] for e in extents if e.startswith("region:")]
        municipalities = [e.split(":", 1)[1] for e in extents if e.startswith("municipality:")]
        if "country:FI" in extents:
            result["is_nationwide"] = True
    result["regions"] = list(Region.objects.filter(code__in=regions or []))
    result["municipalities"] = list(Municipality.objects.filter(code__in=municipalities or []))
    result["esco_skills"] = list(EscoSkill.objects.filter(uri__in=ext.get("esco_skills") or []))
    result["esco_occupations"] = list(
        EscoOccupation.objects.filter(uri__in=ext.get("esco_occupations") or [])
    )
    locations = []
    for at in data.get("service_at_locations") or []:
        for address in (at.get("location") or {}).get("addresses") or []:
            locations.append(
                {
                    "name": (at.get("location") or {}).get("name", ""),
                    "street_address": address.get("address_1", ""),
                    "postal_code": address.get("postal_code", ""),
                    "city": address.get("city", ""),
                }
            )
    result["locations"] = locations
    return result


@transaction.atomic
def import_service(
    data: dict, *, actor, default_sector: str, publish: bool
) -> tuple[Service, bool]:
    """Create or update one service (matched by its HSDS id); returns (service, created)."""
    provider = _provider_for(data, default_sector=default_sector)
    fields = service_data(data)
    service_id = data.get("id")
    existing = Service.objects.filter(uuid=service_id).first() if service_id else None
    if existing:
        if existing.provider_id != provider.pk:
            raise ApplicationError("The service id belongs to another provider.")
        return services.service_update(actor=actor, service=existing, data=fields), False
    service = services.service_create(
        actor=actor,
        provider=provider,
        data=fields,
        uuid=uuid.UUID(service_id) if service_id else None,
    )
    if provider.is_verified:
        services.service_submit(actor=actor, service=service)
        if publish:
            services.service_publish(actor=actor, service=service)
    return service, True
