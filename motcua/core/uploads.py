"""The one check every upload passes (online submission, desk scans, result files, catalogue forms).

- `check(file, formats=SCANS, max_bytes=...)` → the `Format` the file's **content** shows, or
  `UploadRefused` with a Vietnamese message: empty, larger than `max_bytes`, or not one of `formats`
  by its first bytes and its structure. The file's name and the browser's content type are never
  trusted.
- Structure ("well formed"), beyond the first bytes: a PDF carries `%%EOF` within its last 1 KB; a
  JPEG or PNG opens and verifies with Pillow; DOCX / XLSX / ODT are zip archives with the part that
  makes them what they are (`word/document.xml`, `xl/workbook.xml`, the ODF `mimetype` entry); a DOC
  is an OLE2 compound file with a `WordDocument` stream; an RTF ends with `}`. (No PDF or Office
  parser is among the project's dependencies, so their insides are not parsed further.)
- `stored_name(extension, prefix=...)` and `stored(file, extension, prefix=...)`: the name a file is kept under — an ASCII prefix of our own, a
  random part and the extension of the sniffed format (`Format.extension`), never the sender's name or extension. Files
  live in `MEDIA_ROOT` (outside the web root, served only through views that check access).

The per-dossier rules of online submission (number of files, total bytes, drafts) stay in
`motcua.dossiers.online`; the catalogue's formats and size in `motcua.catalog.services`.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image

from motcua.core.text import fold

MB = 1024 * 1024


@dataclass(frozen=True)
class Format:
    """A file format recognised by content: its content type and the extension stored files get."""

    content_type: str
    extension: str
    label: str


PDF = Format("application/pdf", "pdf", "PDF")
JPEG = Format("image/jpeg", "jpg", "JPEG")
PNG = Format("image/png", "png", "PNG")
DOC = Format("application/msword", "doc", "DOC")
DOCX = Format("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "DOCX")
XLSX = Format("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "XLSX")
ODT = Format("application/vnd.oasis.opendocument.text", "odt", "ODT")
RTF = Format("application/rtf", "rtf", "RTF")

# A scan or photo of a paper (online uploads, desk scans, result files).
SCANS: tuple[Format, ...] = (PDF, JPEG, PNG)


def scan_max_bytes() -> int:
    """The size limit of one scan or photo, whatever the channel (`ONLINE_MAX_FILE_MB`)."""
    return int(settings.ONLINE_MAX_FILE_MB * MB)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_SAFE = re.compile(r"[^a-z0-9_-]+")


class UploadRefused(Exception):
    """The reason a file is refused, in Vietnamese for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def naming(self, file_name: str | None) -> str:
        """The message naming the file as its sender called it."""
        return _("Tệp “%(file)s” không được nhận: %(reason)s") % {
            "file": (file_name or "").rsplit("/", 1)[-1][:80],
            "reason": self.message,
        }


def size_of(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(position)
    return int(size)


def _head(file: Any, length: int = 16) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = bytes(file.read(length))
    file.seek(position)
    return head


def _zip_kind(file: Any) -> Format | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.content_type.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def sniff(file: Any, formats: tuple[Format, ...] = SCANS) -> Format | None:
    """The format among `formats` the file's first bytes (and, for zip and OLE2 containers, their
    directory) show, or None."""
    head = _head(file)
    found: Format | None = None
    if head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif head.startswith(b"{\\rtf"):
        found = RTF
    elif head.startswith(_OLE2):
        found = DOC
    elif head.startswith(_ZIP) and ({DOCX, XLSX, ODT} & set(formats)):
        position = file.tell()
        try:
            found = _zip_kind(file)
        finally:
            file.seek(position)
    return found if found in formats else None


def _tail(file: Any, length: int) -> bytes:
    file.seek(0, 2)
    size = file.tell()
    file.seek(max(0, size - length))
    return bytes(file.read())


def well_formed(file: Any, fmt: Format) -> bool:
    """Whether the file is what its first bytes say, not only its first bytes (see the module's
    docstring). A file that starts with `%PDF-` and goes on as anything else fails."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        if fmt == PDF:
            return b"%%EOF" in _tail(file, 1024)
        if fmt in (JPEG, PNG):
            file.seek(0)
            with Image.open(file) as image:
                image.verify()
            return True
        if fmt == RTF:
            return _tail(file, 64).rstrip(b"\x00\r\n\t ").endswith(b"}")
        if fmt == DOC:
            file.seek(0)
            return "WordDocument".encode("utf-16-le") in bytes(file.read())
        file.seek(0)
        return _zip_kind(file) == fmt
    except Exception:  # any failure to decode means "not a valid file of that format"
        return False
    finally:
        file.seek(position)


def formats_label(formats: tuple[Format, ...]) -> str:
    labels = [f.label for f in formats]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s hoặc %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def check(file: Any, *, max_bytes: int, formats: tuple[Format, ...] = SCANS) -> Format:
    """The format of an upload by its content, or UploadRefused (empty, too big, not one of `formats`)."""
    size = size_of(file)
    if size == 0:
        raise UploadRefused(_("Tệp rỗng."))
    if size > max_bytes:
        if formats == SCANS:
            message = _("Tệp lớn hơn %(mb)s MB; hãy quét lại với độ phân giải thấp hơn.")
        else:
            message = _("Tệp lớn hơn %(mb)s MB.")
        raise UploadRefused(message % {"mb": max_bytes // MB})
    fmt = sniff(file, formats)
    if fmt is None or not well_formed(file, fmt):
        raise UploadRefused(
            _("Chỉ nhận tệp %(formats)s (kiểm tra theo nội dung tệp).") % {"formats": formats_label(formats)}
        )
    return fmt


def stored_name(extension: str, *, prefix: str = "") -> str:
    """A safe name to keep a file under: `<prefix>-<random>.<extension>`, the prefix folded to
    ASCII letters, digits, `-` and `_` (at most 60), the extension the sniffed format's."""
    safe = _SAFE.sub("-", fold(prefix)).strip("-")[:60]
    random = uuid.uuid4().hex[:8]
    return f"{safe}-{random}.{extension}" if safe else f"{uuid.uuid4().hex}.{extension}"


def stored(file: Any, extension: str, *, prefix: str = "") -> File:
    """The upload, rewound, as a File under `stored_name` (the storage adds the upload_to folder)."""
    file.seek(0)
    return File(file, name=stored_name(extension, prefix=prefix))
