"""The one upload check (`motcua.core.uploads`): formats by content and structure, size, safe names."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.core import uploads
from motcua.dossiers.tests.factories import tiny_image

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
FAKE_PDF = b"%PDF-1.4\n" + b"\x00garbage\x7fELF" * 200
MB = uploads.MB
TEMPLATES = (uploads.PDF, uploads.DOC, uploads.DOCX, uploads.ODT, uploads.XLSX, uploads.RTF)


def upload(content: bytes, name: str = "tep.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le") + b"\x00" * 100
RTF = b"{\\rtf1\\ansi Mau don}\n"


def test_jpeg_and_png_are_recognised_by_their_content_whatever_their_name() -> None:
    assert uploads.sniff(upload(tiny_image("PNG"), "anh.pdf")) == uploads.PNG
    assert uploads.sniff(upload(tiny_image("JPEG"), "anh.txt")) == uploads.JPEG
    assert uploads.sniff(upload(b"GIF89a", "anh.png")) is None


def test_a_real_pdf_passes_and_a_pdf_header_followed_by_garbage_does_not() -> None:
    assert uploads.check(upload(PDF), max_bytes=MB) == uploads.PDF
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check(upload(FAKE_PDF), max_bytes=MB)
    assert refused.value.message == "Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)."
    assert refused.value.naming("C:\\scan/don.pdf") == (
        "Tệp “don.pdf” không được nhận: Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)."
    )


def test_empty_and_too_big_files_are_refused_with_the_limit() -> None:
    with pytest.raises(uploads.UploadRefused, match="Tệp rỗng"):
        uploads.check(upload(b""), max_bytes=MB)
    with pytest.raises(uploads.UploadRefused, match="lớn hơn 1 MB"):
        uploads.check(upload(PDF + b"0" * MB), max_bytes=MB)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(DOCX, uploads.DOCX), (XLSX, uploads.XLSX), (ODT, uploads.ODT), (DOC, uploads.DOC), (RTF, uploads.RTF)],
)
def test_editable_forms_are_recognised_by_their_structure(content: bytes, expected: uploads.Format) -> None:
    assert uploads.check(upload(content, "mau.bin"), max_bytes=MB, formats=TEMPLATES) == expected


def test_office_look_alikes_and_formats_not_asked_for_are_refused() -> None:
    a_zip = zipped({"readme.txt": b"hello"})
    ole2_without_a_document = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    for content in (a_zip, ole2_without_a_document, b"{\\rtf1 unterminated", b"PK\x03\x04 broken"):
        with pytest.raises(uploads.UploadRefused):
            uploads.check(upload(content), max_bytes=MB, formats=TEMPLATES)
    with pytest.raises(uploads.UploadRefused, match="PDF, JPEG hoặc PNG"):
        uploads.check(upload(DOCX), max_bytes=MB)


def test_the_stored_name_is_ours_with_the_sniffed_extension() -> None:
    name = uploads.stored_name("pdf", prefix="Tờ khai/../../etc passwd")
    assert name.startswith("to-khai-etc-passwd-") and name.endswith(".pdf") and "/" not in name
    assert uploads.stored_name("png") != uploads.stored_name("png")
