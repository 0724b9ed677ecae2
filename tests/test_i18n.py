"""Every string the UI shows has a Finnish and a Swedish translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.potools import untranslated

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """Run makemessages over the whole project into a copy of locale/, so strings added to
    code or templates but missing from the .po files show up as untranslated."""
    copy = tmp_path_factory.mktemp("i18n") / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            "node_modules",
            "var",
            ".git",
            "*.mo",
            "pending",
            "data",
            "__pycache__",
            "*.gz",
            "*.csv",
            "test-artifacts",
        ),
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tori.settings.test"}
    env.pop("TORI_LOCALE_PATH", None)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fi",
            "-l",
            "sv",
            "--no-obsolete",
            "--ignore=.venv/*",
            "--ignore=node_modules/*",
            "--ignore=var/*",
            "--ignore=tests/*",
            "--ignore=bench/*",
            "--ignore=scripts/*",
            "-v0",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / "locale"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_ui_string_is_translated(fresh_catalogues, lang):
    missing = untranslated(fresh_catalogues / lang / "LC_MESSAGES" / "django.po")
    assert missing == [], f"untranslated in {lang}: {missing[:20]}"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_committed_catalogue_is_complete(lang):
    assert untranslated(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po") == []


def test_untranslated_detects_an_empty_msgstr(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr ""\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Hei hei"\n\n'
        'msgid "Yes"\nmsgstr "Kyllä"\n',
        encoding="utf-8",
    )
    assert untranslated(po) == ["Hello", "Bye"]
