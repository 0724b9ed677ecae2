import gzip

import pytest

from reference import importing, services
from reference.models import EscoOccupation, EscoSkill, IscoGroup, OccupationSkill

pytestmark = pytest.mark.django_db

S1 = "http://data.europa.eu/esco/skill/s1"
S2 = "http://data.europa.eu/esco/skill/s2"
O1 = "http://data.europa.eu/esco/occupation/o1"


@pytest.fixture
def esco_dir(tmp_path, monkeypatch):
    esco = tmp_path / "esco"
    esco.mkdir()
    (esco / "isco_groups.csv").write_text(
        "uri,code,label_en,label_fi,label_sv\n"
        "http://data.europa.eu/esco/isco/C7212,7212,Welders,Hitsaajat,Svetsare\n"
        ",,missing uri,,\n",
        encoding="utf-8",
    )
    (esco / "skills.csv").write_text(
        "uri,skill_type,reuse_level,label_en,label_fi,alt_text_fi,description_en,description_fi,"
        "parent_uris\n"
        f"{S1},skill/competence,sector-specific,weld,hitsata,,Join metal.,Liittää metallia.,\n"
        f"{S2},knowledge,,welding,hitsaus,,,,\n"
        "http://data.europa.eu/esco/skill/bad,nonsense,,bad type,,,,,\n"
        "http://data.europa.eu/esco/skill/empty,skill/competence,,,,,,,\n",
        encoding="utf-8",
    )
    with gzip.open(esco / "occupations.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(
            "uri,isco_group,label_en,label_fi,label_sv,alt_labels_en,alt_labels_fi,alt_labels_sv,"
            "description_en,description_fi,description_sv\n"
            f"{O1},7212,welder,hitsaaja,svetsare,welding operative|arc welder,kaarihitsaaja,,,,\n"
            "http://data.europa.eu/esco/occupation/o2,9999,cook,kokki,kock,,,,,,\n"
        )
    (esco / "occupation_skills.csv").write_text(
        "occupation_uri,skill_uri\n"
        f"{O1},{S1}\n{O1},{S2}\n{O1},http://data.europa.eu/esco/skill/unknown\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(importing, "DATA_DIR", tmp_path)
    return esco


def test_esco_import__imports_rows_and_reports_bad_lines(esco_dir):
    # when
    result = services.esco_import()
    # then
    assert result["counts"] == {
        "isco_groups": 1,
        "skills": 2,
        "occupations": 2,
        "occupation_skills": 2,
    }
    assert result["problems"] == [
        "isco_groups.csv:3: empty uri, code",
        "skills.csv:4: unknown skill type nonsense",
        "skills.csv:5: empty label_en",
        "occupations.csv:3: unknown ISCO group 9999",
        "occupation_skills.csv:4: unknown skill http://data.europa.eu/esco/skill/unknown",
    ]
    welder = EscoOccupation.objects.get(uri=O1)
    assert (welder.label_fi, welder.label_sv, welder.isco_group_id) == (
        "hitsaaja",
        "svetsare",
        "7212",
    )
    assert welder.alt_labels_en == "welding operative|arc welder"
    assert EscoOccupation.objects.get(label_en="cook").isco_group is None
    assert EscoSkill.objects.get(uri=S1).description_fi == "Liittää metallia."
    assert set(welder.skills.values_list("uri", flat=True)) == {S1, S2}


def test_esco_import__is_idempotent_and_updates(esco_dir):
    # given
    services.esco_import()
    path = esco_dir / "skills.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("hitsata", "hitsata metallia"), encoding="utf-8"
    )
    # when
    services.esco_import()
    # then
    assert EscoSkill.objects.count() == 2
    assert IscoGroup.objects.count() == 1
    assert OccupationSkill.objects.count() == 2
    assert EscoSkill.objects.get(uri=S1).label_fi == "hitsata metallia"


def test_shipped_esco_files__have_expected_rows():
    # the product ships its own compressed copy; it never reads ../shared at run time
    counts = {}
    for name in ("skills", "occupations", "isco_groups"):
        path = importing.find_data_file(f"esco/{name}.csv")
        assert path.suffix == ".gz"
        problems: list[str] = []
        counts[name] = sum(1 for _ in importing.read_rows(path, ("uri",), problems))
        assert problems == []
    assert counts == {"skills": 13891, "occupations": 3007, "isco_groups": 619}


def test_shipped_swedish_labels__have_expected_rows():
    counts = {}
    for name in ("skills_sv", "occupations_sv_fill"):
        path = importing.find_data_file(f"esco/{name}.csv")
        assert path.suffix == ".gz"
        problems: list[str] = []
        counts[name] = sum(1 for _ in importing.read_rows(path, ("uri", "label_sv"), problems))
        assert problems == []
    assert counts == {"skills_sv": 13379, "occupations_sv_fill": 63}


def test_esco_import__fills_swedish_labels_from_the_supplementary_files(esco_dir):
    """#19: the skills had no Swedish labels; 63 occupations had none either."""
    # given
    (esco_dir / "skills_sv.csv").write_text(
        "uri,label_sv,alt_labels_sv\n"
        f"{S1},svetsa,\n"
        "http://data.europa.eu/esco/skill/gone,försvunnen,\n",
        encoding="utf-8",
    )
    with gzip.open(esco_dir / "occupations_sv_fill.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(
            "uri,label_en,label_sv\n"
            f"{O1},welder,bågsvetsare\n"  # the main table's own label wins
            "http://data.europa.eu/esco/occupation/o2,cook,kock (fylld)\n"
        )
    path = esco_dir / "occupations.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read().replace("cook,kokki,kock,", "cook,kokki,,")
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    # when
    result = services.esco_import()
    services.esco_import()  # idempotent
    # then
    assert dict(EscoSkill.objects.values_list("uri", "label_sv")) == {S1: "svetsa", S2: ""}
    assert dict(EscoOccupation.objects.values_list("label_en", "label_sv")) == {
        "welder": "svetsare",
        "cook": "kock (fylld)",
    }
    assert (
        "skills_sv.csv:3: unknown skill http://data.europa.eu/esco/skill/gone"
        in (result["problems"])
    )
    assert EscoSkill.objects.count() == 2


def test_esco_import__keeps_the_leading_zero_of_armed_forces_groups(esco_dir):
    """Spreadsheet exports drop the zero: C01 'Commissioned armed forces officers' came as
    code 1 and collided with C1 'Managers' (PostgreSQL refused the upsert)."""
    (esco_dir / "isco_groups.csv").write_text(
        "uri,code,label_en,label_fi,label_sv\n"
        "http://data.europa.eu/esco/isco/C1,1,Managers,Johtajat,Chefer\n"
        "http://data.europa.eu/esco/isco/C01,1,Commissioned armed forces officers,,\n"
        "http://data.europa.eu/esco/isco/C0110,110,Commissioned armed forces officers,,\n"
        "http://data.europa.eu/esco/isco/C7212,7212,Welders,Hitsaajat,Svetsare\n",
        encoding="utf-8",
    )
    with gzip.open(esco_dir / "occupations.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(
            "uri,isco_group,label_en,label_fi,label_sv,alt_labels_en,alt_labels_fi,alt_labels_sv,"
            "description_en,description_fi,description_sv\n"
            f"{O1},110,armed forces officer,upseeri,officer,,,,,,\n"
        )
    IscoGroup.objects.create(code="1", uri="http://data.europa.eu/esco/isco/C01")  # old import

    services.esco_import()

    assert dict(IscoGroup.objects.values_list("code", "uri")) == {
        "1": "http://data.europa.eu/esco/isco/C1",
        "01": "http://data.europa.eu/esco/isco/C01",
        "0110": "http://data.europa.eu/esco/isco/C0110",
        "7212": "http://data.europa.eu/esco/isco/C7212",
    }
    assert EscoOccupation.objects.get(uri=O1).isco_group_id == "0110"
