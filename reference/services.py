"""Writes of reference data: idempotent upserts keyed by official codes."""

from django.db import transaction

from reference.importing import find_data_file, read_rows
from reference.models import (
    EscoOccupation,
    EscoSkill,
    IscoGroup,
    Municipality,
    OccupationSkill,
    PostalCode,
    Region,
)


@transaction.atomic
def areas_import(*, progress=None) -> dict:
    """Upsert regions, municipalities and postal codes from the shipped CSV files.
    Returns counts and a list of problems (file:line: what) for rows that were skipped."""
    problems: list[str] = []
    counts = {}

    regions = [
        Region(
            code=r["code"].zfill(2),
            name_fi=r["name_fi"],
            name_sv=r.get("name_sv", ""),
            name_en=r.get("name_en", ""),
        )
        for _line, r in read_rows(
            find_data_file("fi-areas/regions.csv"), ("code", "name_fi"), problems
        )
    ]
    Region.objects.bulk_create(
        regions,
        update_conflicts=True,
        unique_fields=["code"],
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
            Municipality(
                code=r["code"].zfill(3),
                name_fi=r["name_fi"],
                name_sv=r.get("name_sv", ""),
                name_en=r.get("name_en", ""),
                region_id=region,
            )
        )
    Municipality.objects.bulk_create(
        municipalities,
        update_conflicts=True,
        unique_fields=["code"],
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
    for line, r in progress(rows) if progress else rows:
        municipality = r["municipality_code"].zfill(3)
        if municipality not in known:
            problems.append(f"postal_codes.csv:{line}: unknown municipality {municipality}")
            continue
        postal_codes.append(
            PostalCode(
                code=r["postal_code"].zfill(5),
                name_fi=r["name_fi"],
                name_sv=r.get("name_sv", ""),
                municipality_id=municipality,
            )
        )
    PostalCode.objects.bulk_create(
        postal_codes,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_fi", "name_sv", "municipality"],
        batch_size=1000,
    )
    counts["postal_codes"] = len(postal_codes)
    return {"counts": counts, "problems": problems}


ESCO_SKILL_FIELDS = [
    "skill_type",
    "reuse_level",
    "label_en",
    "label_fi",
    "label_sv",
    "alt_text_fi",
    "description_en",
    "description_fi",
]
ESCO_OCCUPATION_FIELDS = [
    "isco_group",
    "label_en",
    "label_fi",
    "label_sv",
    "alt_labels_en",
    "alt_labels_fi",
    "alt_labels_sv",
    "description_en",
    "description_fi",
    "description_sv",
]


def _isco_code(uri: str, code: str) -> str:
    """The ISCO code as the URI spells it (".../isco/C0110" → "0110"): spreadsheets drop the
    leading zero of the armed forces groups, which then collide with major groups 1, 2, 3."""
    tail = uri.rstrip("/").rsplit("/", 1)[-1]
    if tail[:1] == "C" and tail[1:].isdigit():
        return tail[1:]
    return code


def _supplement(relative: str, column: str, problems: list[str], progress) -> dict:
    """uri → (label, line) from a file that adds one column to a main table (the Swedish skill
    labels, the missing Swedish occupation labels). A data directory without the file adds
    nothing; rows with an empty label are skipped."""
    path = find_data_file(relative)
    if not path.exists():
        return {}
    return {
        r["uri"]: (r[column], line)
        for line, r in _tracked(read_rows(path, ("uri",), problems), progress, path.name)
        if r.get(column)
    }


def _unused(labels: dict, name: str, what: str) -> list[str]:
    """Problems for the supplementary labels that no row of the main table took."""
    return [
        f"{name}:{line}: unknown {what} {uri}"
        for uri, (_label, line) in sorted(labels.items(), key=lambda item: item[1][1])
    ]


def _tracked(rows, progress, label):
    return progress(rows, label) if progress else rows


@transaction.atomic
def esco_import(*, progress=None) -> dict:
    """Upsert ESCO ISCO groups, skills, occupations and occupation→skill links from the
    shipped CSV files, keyed by code/URI. Rows that cannot be used are reported as
    "file:line: what" in `problems` and skipped; the rest are imported.

    `progress(rows, label)` may wrap each row iterator (a progress bar in the command)."""
    problems: list[str] = []
    counts: dict[str, int] = {}

    groups = [
        IscoGroup(
            code=_isco_code(r["uri"], r["code"]),
            uri=r["uri"],
            label_en=r.get("label_en", ""),
            label_fi=r.get("label_fi", ""),
            label_sv=r.get("label_sv", ""),
        )
        for _line, r in _tracked(
            read_rows(find_data_file("esco/isco_groups.csv"), ("uri", "code"), problems),
            progress,
            "ISCO groups",
        )
    ]
    # Rows stored under a code that lost its leading zero (earlier imports) are replaced.
    for stale in IscoGroup.objects.all():
        if stale.code != _isco_code(stale.uri, stale.code):
            stale.delete()
    IscoGroup.objects.bulk_create(
        groups,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["uri", "label_en", "label_fi", "label_sv"],
        batch_size=500,
    )
    counts["isco_groups"] = len(groups)
    known_groups = set(IscoGroup.objects.values_list("code", flat=True))

    swedish_skills = _supplement("esco/skills_sv.csv", "label_sv", problems, progress)
    skills = []
    valid_types = set(EscoSkill.SkillType.values)
    for line, r in _tracked(
        read_rows(find_data_file("esco/skills.csv"), ("uri", "label_en"), problems),
        progress,
        "ESCO skills",
    ):
        swedish, _line = swedish_skills.pop(r["uri"], ("", 0))
        skill_type = r.get("skill_type", "")
        if skill_type and skill_type not in valid_types:
            problems.append(f"skills.csv:{line}: unknown skill type {skill_type}")
            continue
        fields = {f: r.get(f, "") for f in ESCO_SKILL_FIELDS}
        fields["label_sv"] = fields["label_sv"] or swedish
        skills.append(EscoSkill(uri=r["uri"], **fields))
    EscoSkill.objects.bulk_create(
        skills,
        update_conflicts=True,
        unique_fields=["uri"],
        update_fields=ESCO_SKILL_FIELDS,
        batch_size=500,
    )
    counts["skills"] = len(skills)
    problems += _unused(swedish_skills, "skills_sv.csv", "skill")

    swedish_occupations = _supplement(
        "esco/occupations_sv_fill.csv", "label_sv", problems, progress
    )
    occupations = []
    for line, r in _tracked(
        read_rows(find_data_file("esco/occupations.csv"), ("uri", "label_en"), problems),
        progress,
        "ESCO occupations",
    ):
        group = r.get("isco_group", "")
        if group.isdigit():
            group = group.zfill(4)  # occupations sit in 4-digit unit groups, e.g. 0110
        if group and group not in known_groups:
            problems.append(f"occupations.csv:{line}: unknown ISCO group {group}")
            group = ""
        fields = {f: r.get(f, "") for f in ESCO_OCCUPATION_FIELDS if f != "isco_group"}
        swedish, _line = swedish_occupations.pop(r["uri"], ("", 0))
        fields["label_sv"] = fields["label_sv"] or swedish
        occupations.append(EscoOccupation(uri=r["uri"], isco_group_id=group or None, **fields))
    EscoOccupation.objects.bulk_create(
        occupations,
        update_conflicts=True,
        unique_fields=["uri"],
        update_fields=ESCO_OCCUPATION_FIELDS,
        batch_size=500,
    )
    counts["occupations"] = len(occupations)
    problems += _unused(swedish_occupations, "occupations_sv_fill.csv", "occupation")

    skill_ids = dict(EscoSkill.objects.values_list("uri", "id"))
    occupation_ids = dict(EscoOccupation.objects.values_list("uri", "id"))
    links = []
    for line, r in _tracked(
        read_rows(
            find_data_file("esco/occupation_skills.csv"), ("occupation_uri", "skill_uri"), problems
        ),
        progress,
        "occupation skills",
    ):
        occupation_id = occupation_ids.get(r["occupation_uri"])
        skill_id = skill_ids.get(r["skill_uri"])
        if occupation_id is None or skill_id is None:
            what = "occupation" if occupation_id is None else "skill"
            uri = r["occupation_uri"] if occupation_id is None else r["skill_uri"]
            problems.append(f"occupation_skills.csv:{line}: unknown {what} {uri}")
            continue
        links.append(OccupationSkill(occupation_id=occupation_id, skill_id=skill_id))
    OccupationSkill.objects.bulk_create(links, ignore_conflicts=True, batch_size=2000)
    counts["occupation_skills"] = len(links)
    return {"counts": counts, "problems": problems}
