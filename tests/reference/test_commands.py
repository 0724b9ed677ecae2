import io

import pytest
from django.core.management import call_command

from reference.management.commands.import_reference import IMPORT_COMMANDS
from tests.reference.test_import_esco import esco_dir  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_import_reference__runs_esco_after_areas():
    assert IMPORT_COMMANDS == ["import_areas", "import_esco"]


def test_import_esco__prints_counts_and_skipped_lines(esco_dir):  # noqa: F811
    out, err = io.StringIO(), io.StringIO()
    call_command("import_esco", stdout=out, stderr=err)
    assert (
        "ESCO imported: 1 isco_groups, 2 skills, 2 occupations, 2 occupation_skills"
        in out.getvalue()
    )
    assert "skipped skills.csv:4: unknown skill type nonsense" in err.getvalue()
    assert "ESCO skills: 3 done" in err.getvalue()
