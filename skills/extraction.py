"""Text out of uploaded CVs (PDF, DOCX, ODT, TXT), refusing what is unsafe or unreadable.

`inspect_upload` is the cheap check made while the user waits (size, real file type,
encryption, zip bombs); `extract_text` does the full extraction in the background task.
Both raise `ExtractionError` with a code; `skills.messages` turns codes into translated text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_PDF_PAGES = 60
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 2000

KINDS = ("pdf", "docx", "odt", "txt")


class ExtractionError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Upload:
    kind: str
    data: bytes


def sniff_kind(name: str, data: bytes) -> str:
    """The real type from the content; the extension only decides between zip formats'
    expectations and plain text. Raises unsupported_type / binary_file."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise ExtractionError("unsupported_type")
    if data.startswith(b"%PDF-"):
        kind = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
    else:
        kind = "txt"
    if kind != extension:
        # e.g. a binary file renamed .pdf, or a PDF renamed .docx
        raise ExtractionError(
            "binary_file" if kind == "txt" and extension != "txt" else "type_mismatch"
        )
    if kind == "txt":
        _decode(data)
    return kind


def inspect_upload(name: str, data: bytes) -> Upload:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExtractionError("too_large")
    if not data:
        raise ExtractionError("empty_file")
    kind = sniff_kind(name, data)
    if kind == "pdf":
        _open_pdf(data)
    elif kind in ("docx", "odt"):
        _check_zip(data)
    return Upload(kind=kind, data=data)


def extract_text(name: str, data: bytes) -> str:
    upload = inspect_upload(name, data)
    if upload.kind == "pdf":
        text = _pdf_text(upload.data)
    elif upload.kind == "docx":
        text = _docx_text(upload.data)
    elif upload.kind == "odt":
        text = _odt_text(upload.data)
    else:
        text = _decode(upload.data)
    text = text.strip()
    if not text:
        raise ExtractionError("no_text")
    return text[:MAX_TEXT_CHARS]


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names:
                mimetype = archive.read("mimetype") if "mimetype" in names else b""
                if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractionError("corrupt_file") from None
    raise ExtractionError("unsupported_type")


def _check_zip(data: bytes) -> None:
    """Refuse archives that would expand to far more than a CV needs (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise ExtractionError("zip_bomb")
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if total > MAX_UNZIPPED_BYTES or (
                    entry.file_size > 1_000_000 and ratio > MAX_ZIP_RATIO
                ):
                    raise ExtractionError("zip_bomb")
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractionError("corrupt_file") from None


def _open_pdf(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("encrypted")
        pages = len(reader.pages)
    except ExtractionError:
        raise
    except (PdfReadError, PyPdfError, OSError, ValueError, KeyError, TypeError):
        raise ExtractionError("corrupt_file") from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on hostile files
        raise ExtractionError("corrupt_file") from None
    if pages > MAX_PDF_PAGES:
        raise ExtractionError("too_many_pages")
    return reader


def _pdf_text(data: bytes) -> str:
    reader = _open_pdf(data)
    parts: list[str] = []
    size = 0
    try:
        for page in reader.pages:
            chunk = page.extract_text() or ""
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_TEXT_CHARS:
                break
    except Exception:  # noqa: BLE001 - damaged content streams
        raise ExtractionError("corrupt_file") from None
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx wraps many parser errors
        raise ExtractionError("corrupt_file") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" · ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _odt_text(data: bytes) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
        return "\n".join(
            teletype.extractText(node)
            for node in document.getElementsByType(text.P) + document.getElementsByType(text.H)
        )
    except Exception:  # noqa: BLE001 - odfpy raises plain exceptions from its XML parser
        raise ExtractionError("corrupt_file") from None


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ExtractionError("binary_file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t\f")
        if controls > 8:
            raise ExtractionError("binary_file")
        return text
    raise ExtractionError("binary_file")
