"""Text out of uploaded CVs (PDF, DOCX, ODT, TXT), refusing what is unsafe or unreadable.

`inspect_upload` is the cheap check made while the user waits (size, real file type,
encryption, zip bombs); `extract_text` does the full extraction in the background task.
Both raise `ExtractionError` with a code; `skills.messages` turns codes into translated text.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_PDF_PAGES = 60
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_ZIP_ENTRIES = 2000
READ_CHUNK = 64 * 1024  # compressed bytes fed to the decompressor at a time, and its output cap

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
    _check_zip(data)  # before any member is read, by us or by python-docx / odfpy
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
    """Refuse archives that would expand to far more than a CV needs (zip bombs).

    The sizes in the zip headers are the sender's claims, so every member is inflated here in
    chunks with a running byte budget (MAX_UNZIPPED_BYTES for the whole archive) and a ratio
    limit, aborting as soon as either is exceeded; only the actual output is counted. A member
    whose real size differs from the declared one is refused too, because the readers used
    afterwards (zipfile in python-docx and odfpy) trust the declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractionError("corrupt_file") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ExtractionError("zip_bomb")
    budget = MAX_UNZIPPED_BYTES
    for entry in entries:
        size = _inflated_size(data, entry, budget)
        if size != entry.file_size:
            raise ExtractionError("corrupt_file")
        budget -= size


def _inflated_size(data: bytes, entry: zipfile.ZipInfo, budget: int) -> int:
    """The real size of one member, measured while inflating it, never holding more than
    READ_CHUNK bytes of output. Raises zip_bomb past `budget` or the ratio limit."""
    offset = entry.header_offset
    header = data[offset : offset + zipfile.sizeFileHeader]
    if len(header) != zipfile.sizeFileHeader or header[:4] != zipfile.stringFileHeader:
        raise ExtractionError("corrupt_file")
    fields = struct.unpack(zipfile.structFileHeader, header)
    start = offset + zipfile.sizeFileHeader + fields[10] + fields[11]  # name, extra lengths
    if entry.compress_type == zipfile.ZIP_STORED:
        if start + entry.compress_size > len(data):
            raise ExtractionError("corrupt_file")
        size = entry.compress_size
        if size > budget:
            raise ExtractionError("zip_bomb")
        return size
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise ExtractionError("corrupt_file")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = consumed = 0
    position = start
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            else:
                chunk = data[position : position + READ_CHUNK]
                if not chunk:
                    raise ExtractionError("corrupt_file")  # the stream ends inside the member
                position += len(chunk)
            before = len(chunk)
            size += len(inflater.decompress(chunk, READ_CHUNK))
            consumed += before - len(inflater.unconsumed_tail) - len(inflater.unused_data)
            if size > budget or (size > 1_000_000 and size > MAX_ZIP_RATIO * max(consumed, 1)):
                raise ExtractionError("zip_bomb")
    except zlib.error:
        raise ExtractionError("corrupt_file") from None
    return size


def _pdf_limits():
    """pypdf's decompression limits, lowered to what a CV needs: every stream filter stops at
    the same byte budget as zip members (pypdf measures while decoding)."""
    from pypdf import apply_configuration

    return apply_configuration(
        zlib_maximum_output_length=MAX_UNZIPPED_BYTES,
        lzw_maximum_output_length=MAX_UNZIPPED_BYTES,
        run_length_maximum_output_length=MAX_UNZIPPED_BYTES,
        brotli_maximum_output_length=MAX_UNZIPPED_BYTES,
        jbig2_maximum_output_length=MAX_UNZIPPED_BYTES,
        array_based_stream_maximum_output_length=MAX_UNZIPPED_BYTES,
        image_maximum_buffer_size=MAX_UNZIPPED_BYTES,
        flate_maximum_row_length=MAX_UNZIPPED_BYTES // 10,
        stream_decoding_work_maximum_length=2 * MAX_UNZIPPED_BYTES,
        zlib_maximum_recovery_input_length=MAX_UPLOAD_BYTES // 10,
    )


def _open_pdf(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

    try:
        with _pdf_limits():
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ExtractionError("encrypted")
            pages = len(reader.pages)
    except ExtractionError:
        raise
    except LimitReachedError:
        raise ExtractionError("zip_bomb") from None
    except (PdfReadError, PyPdfError, OSError, ValueError, KeyError, TypeError):
        raise ExtractionError("corrupt_file") from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on hostile files
        raise ExtractionError("corrupt_file") from None
    if pages > MAX_PDF_PAGES:
        raise ExtractionError("too_many_pages")
    return reader


def _pdf_text(data: bytes) -> str:
    from pypdf.errors import LimitReachedError

    reader = _open_pdf(data)
    parts: list[str] = []
    size = 0
    try:
        with _pdf_limits():
            for page in reader.pages:
                chunk = page.extract_text() or ""
                parts.append(chunk)
                size += len(chunk)
                if size > MAX_TEXT_CHARS:
                    break
    except LimitReachedError:
        raise ExtractionError("zip_bomb") from None
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
