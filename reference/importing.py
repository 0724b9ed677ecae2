"""Shared helpers for idempotent reference-data imports: open plain or gzip CSV, report
bad rows by line number and carry on."""

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def find_data_file(relative: str) -> Path:
    """`relative` names the CSV; the gzip-compressed copy is used when that is what ships."""
    plain = DATA_DIR / relative
    if plain.exists():
        return plain
    return plain.with_name(plain.name + ".gz")


def read_rows(
    path: Path, required: tuple[str, ...], problems: list[str]
) -> Iterator[tuple[int, dict]]:
    """Yield (line number, row) for rows that have every required column filled; the others
    are described in `problems` and skipped."""
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            problems.append(f"{path.name}: missing columns {', '.join(missing)}")
            return
        for row in reader:
            line = reader.line_num
            empty = [c for c in required if not (row.get(c) or "").strip()]
            if empty:
                problems.append(f"{path.name}:{line}: empty {', '.join(empty)}")
                continue
            yield line, {k: (v or "").strip() for k, v in row.items() if k}
