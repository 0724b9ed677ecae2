import io
import zipfile
import zlib

import pytest

from skills import index_store
from skills.engine import OCCUPATION, SKILL, Concept, SkillIndex
from tests.factories import EscoOccupationFactory, EscoSkillFactory, OccupationSkillFactory

SKILLS = {
    "customer-service": ("asiakaspalvelu", "customer service"),
    "weld": ("hitsata", "weld metal"),
    "welding-equipment": ("käyttää hitsauslaitteita", "use welding equipment"),
    "python": ("Python (tietokoneohjelmointi)", "Python (computer programming)"),
    "finnish": ("suomi", "Finnish"),
    "forklift": ("ajaa trukkia", "operate forklift"),
}
OCCUPATIONS = {
    "welder": (
        "hitsaaja",
        "svetsare",
        "welder",
        "kaarihitsaaja",
        "svetsarbetare",
        "welding operative",
    ),
    "developer": (
        "ohjelmistokehittäjä",
        "mjukvaruutvecklare",
        "software developer",
        "kehittäjä",
        "programmerare",
        "programmer",
    ),
    "nurse": ("sairaanhoitaja", "sjuksköterska", "nurse", "hoitaja", "", "registered nurse"),
}
LINKS = [("welder", "welding-equipment"), ("welder", "weld")]


def uri(kind, key):
    return f"http://data.europa.eu/esco/{kind}/{key}"


def sample_concepts():
    concepts = [
        Concept(uri=uri(SKILL, k), kind=SKILL, labels={"fi": fi, "en": en, "sv": ""})
        for k, (fi, en) in SKILLS.items()
    ]
    concepts += [
        Concept(
            uri=uri(OCCUPATION, k),
            kind=OCCUPATION,
            labels={"fi": fi, "sv": sv, "en": en},
            alt_labels={"fi": [afi], "sv": [asv] if asv else [], "en": [aen]},
        )
        for k, (fi, sv, en, afi, asv, aen) in OCCUPATIONS.items()
    ]
    links = [(uri(OCCUPATION, o), uri(SKILL, s)) for o, s in LINKS]
    return concepts, links


@pytest.fixture(scope="session")
def sample_index():
    concepts, links = sample_concepts()
    return SkillIndex.build(concepts, links, version="test")


@pytest.fixture
def esco_data(db, settings, tmp_path):
    """The sample concepts as database rows, with a fresh index cache for this test."""
    settings.SKILLS_INDEX_DIR = str(tmp_path / "index")
    skills = {
        k: EscoSkillFactory(uri=uri(SKILL, k), label_fi=fi, label_en=en)
        for k, (fi, en) in SKILLS.items()
    }
    occupations = {
        k: EscoOccupationFactory(
            uri=uri(OCCUPATION, k),
            label_fi=fi,
            label_sv=sv,
            label_en=en,
            alt_labels_fi=afi,
            alt_labels_sv=asv,
            alt_labels_en=aen,
        )
        for k, (fi, sv, en, afi, asv, aen) in OCCUPATIONS.items()
    }
    for o, s in LINKS:
        OccupationSkillFactory(occupation=occupations[o], skill=skills[s])
    index_store.reset_index()
    yield {"skills": skills, "occupations": occupations}
    index_store.reset_index()


# --- files -------------------------------------------------------------------------------------


def pdf_bytes(text: str, *, flate: bool = False) -> bytes:
    """A minimal one-page PDF that shows `text` (ASCII) in Helvetica (its content stream
    deflated when `flate`)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    filters = b""
    if flate:
        stream, filters = zlib.compress(stream), b" /Filter /FlateDecode"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def flate_pdf_bytes(text: str) -> bytes:
    return pdf_bytes(text, flate=True)


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Welder"))))
    writer.encrypt(user_password="salainen", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def docx_zip_bomb_bytes() -> bytes:
    """A DOCX-shaped zip whose document part inflates from ~50 kB to 45 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * 45_000_000)
    return out.getvalue()


def falsify_declared_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The archive with `member`'s uncompressed size claimed as `declared` bytes in both its
    local header and the central directory (a zip bomb that lies about its size)."""
    out = bytearray(data)
    name = member.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        central = archive.start_dir
    local = info.header_offset
    assert out[local : local + 4] == b"PK\x03\x04"
    out[local + 22 : local + 26] = declared.to_bytes(4, "little")
    while True:
        name_length = int.from_bytes(out[central + 28 : central + 30], "little")
        extra = int.from_bytes(out[central + 30 : central + 32], "little")
        comment = int.from_bytes(out[central + 32 : central + 34], "little")
        if out[central + 46 : central + 46 + name_length] == name:
            out[central + 24 : central + 28] = declared.to_bytes(4, "little")
            return bytes(out)
        central += 46 + name_length + extra + comment


def docx_falsified_zip_bomb_bytes(inflated: int = 60_000_000) -> bytes:
    """A real DOCX whose document part is padded to `inflated` bytes of XML whitespace while
    its headers claim 1,000 bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes("Hitsaaja"))) as source:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "word/document.xml":
                    content += b" " * (inflated - len(content))
                archive.writestr(item.filename, content)
    return falsify_declared_sizes(out.getvalue(), "word/document.xml", 1000)


def odt_falsified_zip_bomb_bytes(inflated: int = 60_000_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt_bytes("Sjuksköterska"))) as source:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "content.xml":
                    content += b" " * (inflated - len(content))
                compression = zipfile.ZIP_STORED if item.filename == "mimetype" else None
                archive.writestr(item.filename, content, compress_type=compression)
    return falsify_declared_sizes(out.getvalue(), "content.xml", 1000)


def binary_bytes() -> bytes:
    return bytes(range(256)) * 64
