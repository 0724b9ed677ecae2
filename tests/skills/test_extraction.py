import pytest

from skills import extraction
from tests.skills.conftest import (
    binary_bytes,
    docx_bytes,
    docx_zip_bomb_bytes,
    encrypted_pdf_bytes,
    odt_bytes,
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
