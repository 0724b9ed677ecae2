"""Tiny .po reader/writer used by the translation merge script and the i18n tests.

Only what makemessages produces is supported: msgctxt, msgid, msgid_plural, msgstr,
msgstr[n], comments and the #, fuzzy flag.
"""

from __future__ import annotations

import ast
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return not self.fuzzy and bool(self.msgstr) and all(v for v in self.msgstr.values())


def parse(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    key: tuple | None = None

    def flush():
        nonlocal current
        if current.msgid or current.msgstr or current.msgctxt:
            entries.append(current)
        current = Entry()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if line.startswith("#"):
            if current.msgstr and key and key[0] == "msgstr":
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                current.fuzzy = True
            current.comments.append(raw)
            continue
        if line.startswith('"'):
            _append(current, key, ast.literal_eval(line))
            continue
        word, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if word == "msgctxt":
            key = ("msgctxt",)
        elif word == "msgid":
            key = ("msgid",)
        elif word == "msgid_plural":
            key = ("msgid_plural",)
            current.msgid_plural = ""
        elif word.startswith("msgstr["):
            key = ("msgstr", int(word[7:-1]))
            current.msgstr[key[1]] = ""
        elif word == "msgstr":
            key = ("msgstr", 0)
            current.msgstr[0] = ""
        _append(current, key, value)
    flush()
    return entries


def _append(entry: Entry, key, value: str) -> None:
    if key is None:
        return
    if key[0] == "msgstr":
        entry.msgstr[key[1]] += value
    elif key[0] == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif key[0] == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    else:
        entry.msgid += value


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write(path: Path, entries: list[Entry]) -> None:
    out: list[str] = []
    for entry in entries:
        comments = [c for c in entry.comments if not (c.startswith("#,") and "fuzzy" in c)]
        if entry.fuzzy and not entry.translated:
            # flags precede the previous-msgid ("#|") comments, or msgfmt refuses the file
            at = next((i for i, c in enumerate(comments) if c.startswith("#|")), len(comments))
            comments.insert(at, "#, fuzzy")
        else:
            comments = [c for c in comments if not c.startswith("#|")]
        out.extend(comments)
        if entry.msgctxt is not None:
            out.append(f"msgctxt {_quote(entry.msgctxt)}")
        out.append(f"msgid {_quote(entry.msgid)}")
        if entry.msgid_plural is not None:
            out.append(f"msgid_plural {_quote(entry.msgid_plural)}")
            for index in sorted(entry.msgstr):
                out.append(f"msgstr[{index}] {_quote(entry.msgstr[index])}")
        else:
            out.append(f"msgstr {_quote(entry.msgstr.get(0, ''))}")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def untranslated(path: Path) -> list[str]:
    return [e.msgid for e in parse(path) if e.msgid and not e.translated]


def merge(locale_dir: Path, pending: dict[str, dict]) -> dict[str, int]:
    """Fill empty msgstrs from {msgid: {"fi": ..., "sv": ..., "fi_plural": [...]}}."""
    filled = {}
    for lang in ("fi", "sv"):
        path = locale_dir / lang / "LC_MESSAGES" / "django.po"
        entries = parse(path)
        count = 0
        for entry in entries:
            source = pending.get(entry.msgid)
            if not entry.msgid or not source:
                continue
            if entry.msgid_plural is not None:
                forms = source.get(f"{lang}_plural")
                if isinstance(forms, str):  # {"fi": singular, "fi_plural": plural}
                    forms = [source.get(lang, ""), forms]
                if forms:
                    entry.msgstr = dict(enumerate(forms))
                    entry.fuzzy = False
                    count += 1
            elif source.get(lang) and (not entry.translated):
                entry.msgstr = {0: source[lang]}
                entry.fuzzy = False
                count += 1
        header = entries[0]
        if header.msgid == "":
            header.msgstr[0] = (
                header.msgstr[0]
                .replace("Language: \\n", f"Language: {lang}\\n")
                .replace("Language: \n", f"Language: {lang}\n")
            )
            header.fuzzy = False
        write(path, entries)
        filled[lang] = count
    return filled


if __name__ == "__main__":
    # usage: python scripts/potools.py merge locale/pending/*.json
    #        python scripts/potools.py missing
    root = Path(__file__).resolve().parent.parent / "locale"
    if sys.argv[1] == "merge":
        combined: dict[str, dict] = {}
        for name in sys.argv[2:]:
            combined.update(json.loads(Path(name).read_text(encoding="utf-8")))
        print(merge(root, combined))
    elif sys.argv[1] == "missing":
        for lang in ("fi", "sv"):
            for msgid in untranslated(root / lang / "LC_MESSAGES" / "django.po"):
                print(f"{lang}\t{json.dumps(msgid, ensure_ascii=False)}")
