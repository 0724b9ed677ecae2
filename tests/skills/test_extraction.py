import io
import tracemalloc
import zipfile

import pytest

from skills import extraction
from tests.skills.conftest import (
    binary_bytes,
    docx_bytes,
    docx_falsified_zip_bomb_bytes,
    docx_zip_bomb_bytes,
    encrypted_pdf_bytes,
    falsify_declared_sizes,
    flate_pdf_bytes,
    odt_bytes,
    odt_falsified_zip_bomb_bytes,
    pdf_bytes,
)


def test_extract_text__pdf():
    assert extraction.extract_text("cv.pdf", pdf_bytes("Welder and forklift driver")) == (
        "Welder and forklift driver"
    )


def test_extract_text__docx():
    data = docx_bytes("Hitsaaja", "Asiakaspalvelu")
    assert extraction.extract_text("cv.docx", data) == "Hitsaaja\nAsiakaspalvelu"


def test_extract_text__odt():
    assert extraction.extract_text("cv.odt", odt_bytes("Sjuksköterska")) == "Sjuksköterska"


def test_extract_text__txt_utf8_and_cp1252():
    assert extraction.extract_text("cv.txt", "Hitsaaja äö".encode()) == "Hitsaaja äö"
    assert extraction.extract_text("cv.txt", "Hitsaaja äö".encode("cp1252")) == "Hitsaaja äö"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("cv.pdf", binary_bytes(), "binary_file"),
        ("cv.pdf", encrypted_pdf_bytes(), "encrypted"),
        ("cv.docx", docx_zip_bomb_bytes(), "zip_bomb"),
        ("cv.pdf", b"%PDF-1.4\n" + b"x" * (extraction.MAX_UPLOAD_BYTES), "too_large"),
        ("cv.exe", b"MZ", "unsupported_type"),
        ("cv.docx", pdf_bytes("Hello"), "type_mismatch"),
        ("cv.pdf", b"%PDF-1.4 garbage", "corrupt_file"),
        ("cv.txt", b"", "empty_file"),
        ("cv.txt", b"abc\x00def", "binary_file"),
    ],
)
def test_inspect_upload__refuses_bad_files(name, data, code):
    with pytest.raises(extraction.ExtractionError) as caught:
        extraction.inspect_upload(name, data)
    assert caught.value.code == code


def test_extract_text__pdf_without_text_is_refused():
    with pytest.raises(extraction.ExtractionError) as caught:
        extraction.extract_text("cv.pdf", pdf_bytes(""))
    assert caught.value.code == "no_text"


@pytest.mark.parametrize(
    ("name", "make"),
    [("cv.docx", docx_falsified_zip_bomb_bytes), ("cv.odt", odt_falsified_zip_bomb_bytes)],
)
def test_inspect_upload__measures_a_bomb_that_lies_about_its_size(name, make):
    # given: a valid document padded to 60 MB whose headers claim the part is 1,000 bytes
    data = make()
    assert len(data) < 1_000_000
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert max(entry.file_size for entry in archive.infolist()) < 1_000_000
    tracemalloc.start()
    # when
    try:
        with pytest.raises(extraction.ExtractionError) as caught:
            extraction.inspect_upload(name, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # then: refused as a bomb, having held no more than a few chunks of output at once
    assert caught.value.code == "zip_bomb"
    assert peak < 5_000_000


def test_inspect_upload__refuses_a_member_smaller_than_declared():
    data = falsify_declared_sizes(docx_bytes("Hitsaaja"), "word/document.xml", 50_000)
    with pytest.raises(extraction.ExtractionError) as caught:
        extraction.inspect_upload("cv.docx", data)
    assert caught.value.code == "corrupt_file"


def test_inspect_upload__accepts_a_large_honest_document():
    data = docx_bytes(*(f"Kappale {n} " * 20 for n in range(2000)))
    assert extraction.inspect_upload("cv.docx", data).kind == "docx"


def test_extract_text__pdf_stream_past_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(extraction.ExtractionError) as caught:
        extraction.extract_text("cv.pdf", flate_pdf_bytes("Hitsaaja " * 400))
    assert caught.value.code == "zip_bomb"


def test_extract_text__deflated_pdf_within_the_budget():
    assert extraction.extract_text("cv.pdf", flate_pdf_bytes("Hitsaaja")) == "Hitsaaja"
