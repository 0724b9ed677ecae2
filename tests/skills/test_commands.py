import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.skills.conftest import uri

pytestmark = pytest.mark.django_db


def _run(text, *args):
    out = io.StringIO()
    command_stdin = io.StringIO(text)
    from skills.management.commands.suggest_skills import Command

    command = Command(stdout=out)
    command.stdin = command_stdin
    call_command(command, *args)
    return out.getvalue()


def test_suggest_skills__json_list(esco_data):
    output = _run("Olen työskennellyt hitsaajana.", "--json", "--limit", "2", "--lang", "fi")
    items = json.loads(output)
    assert [(i["uri"], i["kind"], i["label"], i["evidence"]) for i in items] == [
        (uri("occupation", "welder"), "occupation", "hitsaaja", "Olen työskennellyt hitsaajana."),
        (uri("skill", "weld"), "skill", "hitsata", "Olen työskennellyt hitsaajana."),
    ]
    assert set(items[0]) == {"uri", "kind", "label", "score", "evidence", "implied_by"}


def test_suggest_skills__empty_input_is_an_error(esco_data):
    with pytest.raises(CommandError, match="Write a few words"):
        _run("   ", "--json", "--ui-lang", "en")
