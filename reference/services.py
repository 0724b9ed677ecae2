"""Writes of reference data: idempotent upserts keyed by official codes."""

from django.db import transaction

from reference.importing import find_data_file, read_rows
from reference.models import Municipality, PostalCode, Region


@transaction.atomic
def areas_import(*, progress=None) -> dict:
    """Upsert regions, municipalities and postal codes from the shipped CSV files.
    Returns counts and a list of problems (file:line: what) for rows that were skipped."""
    problems: list[str] = []
    counts = {}

    regions = [
        Region(code=r["code"].zfill(2), name_fi=r["name_fi"], name_sv=r.get("name_sv", ""),
               name_en=r.get("name_en", ""))
        for _line, r in read_rows(find_data_file("fi-areas/regions.csv"), ("code", "name_fi"), problems)
    ]
    Region.objects.bulk_create(
        regions, update_conflicts=True, unique_fields=["code"],
        update_fields=["name_fi", "name_sv", "name_en"],
    )
    counts["regions"] = len(regions)
    known_regions = set(Region.objects.values_list("code", flat=True))

    municipalities = []
    for line, r in read_rows(
        find_data_file("fi-areas/municipalities.csv"), ("code", "name_fi", "region_code"), problems
    ):
        region = r["region_code"].zfill(2)
        if region not in known_regions:
            problems.append(f"municipalities.csv:{line}: unknown region {region}")
            continue
        municipalities.append(
            Municipality(code=r["code"].zfill(3), name_fi=r["name_fi"], name_sv=r.get("name_sv", ""),
                         name_en=r.get("name_en", ""), region_id=region)
        )
    Municipality.objects.bulk_create(
        municipalities, update_conflicts=True, unique_fields=["code"],
        update_fields=["name_fi", "name_sv", "name_en", "region"],
    )
    counts["municipalities"] = len(municipalities)
    known = set(Municipality.objects.values_list("code", flat=True))

    postal_codes = []
    rows = read_rows(
        find_data_file("fi-areas/postal_codes.csv"),
        ("postal_code", "name_fi", "municipality_code"),
        problems,
    )
    for line, r in (progress(rows) if progress else rows):
        municipality = r["municipality_code"].zfill(3)
        if municipality not in known:
            problems.append(f"postal_codes.csv:{line}: unknown municipality {municipality}")
            continue
        postal_codes.append(
            PostalCode(code=r["postal_code"].zfill(5), name_fi=r["name_fi"],
                       name_sv=r.get("name_sv", ""), municipality_id=municipality)
        )
    PostalCode.objects.bulk_create(
        postal_codes, update_conflicts=True, unique_fields=["code"],
        update_fields=["name_fi", "name_sv", "municipality"], batch_size=1000,
    )
    counts["postal_codes"] = len(postal_codes)
    return {"counts": counts, "problems": problems}
