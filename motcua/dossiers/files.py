"""What a dossier holds on paper and in files: the documents handed in (checked against the
version's official list), the uploads (the per-dossier limits beside `core.uploads`' check), the
result file, and the files people download — the scan or upload of each document handed in (desk
scans, online uploads, the citizen's supplement uploads — the latest file of each document) and the
result file. Who may download is decided by the callers (CONTRACTS §5: staff who may see the dossier
and its personal data; the citizen with the token); this module finds the file and names it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.core import uploads
from motcua.core.exceptions import FieldError, InvalidInput
from motcua.core.text import strip_diacritics
from motcua.dossiers.exceptions import NotOnOfficialList
from motcua.dossiers.models import Dossier, DossierDocument, OnlineSubmission

MB = uploads.MB


# --- documents handed in --------------------------------------------------------------------------
@dataclass
class DocumentIn:
    """A document of the official list handed in: counts of originals and copies, and its scan."""

    document_id: int
    originals: int = 0
    copies: int = 0
    scan: Any = None


def documents_check(version: ProcedureVersion, ids: Iterable[int], field_name: str) -> list[RequiredDocument]:
    """The documents `ids` names, in that order without repeats, if each is on the version's official
    list; `NotOnOfficialList` (422 on `field_name`) naming those that are not (DOMAIN §3)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    official = {d.pk: d for d in version.documents.all()}
    outside = [i for i in wanted if i not in official]
    if outside:
        names = list(RequiredDocument.objects.filter(pk__in=outside).values_list("name", flat=True))
        unknown = len(outside) - len(names)
        names += [_("giấy tờ không xác định")] * unknown
        raise NotOnOfficialList(field_name, names)
    return [official[i] for i in wanted]


# --- uploads: the check is `core.uploads`; the per-dossier limits are here -------------------------
def max_file_bytes() -> int:
    return uploads.scan_max_bytes()


def max_total_bytes() -> int:
    return int(settings.ONLINE_MAX_TOTAL_MB * MB)


def max_files() -> int:
    return int(settings.ONLINE_MAX_FILES)


def uploads_check(
    files: Mapping[int, Any], *, names: Mapping[int, str] | None = None, per_dossier: bool = True
) -> dict[int, str]:
    """The extension of each upload (`core.uploads`: PDF / JPEG / PNG by content, `ONLINE_MAX_FILE_MB`),
    or InvalidInput naming each bad file (`document_<id>`: the document's name from `names` if given,
    then the file as its sender called it) and, for too many files or too much in all, `documents`.

    `per_dossier=False` leaves out the submission's limits (`ONLINE_MAX_FILES`, `ONLINE_MAX_TOTAL_MB`):
    the desk's scans at intake, one per document of the official list, are checked file by file only."""
    errors: list[FieldError] = []
    extensions: dict[int, str] = {}
    total = 0
    if per_dossier and len(files) > max_files():
        errors.append(FieldError("documents", _("Gửi tối đa %(n)s tệp cho một hồ sơ.") % {"n": max_files()}))
    for document_id, file in files.items():
        label = (names or {}).get(document_id, "")
        prefix = f"{label}: " if label else ""
        total += uploads.size_of(file)
        try:
            extensions[document_id] = uploads.check(file, max_bytes=max_file_bytes()).extension
        except uploads.UploadRefused as refused:
            file_name = getattr(file, "name", "") or ""
            message = refused.naming(file_name) if file_name else refused.message
            errors.append(FieldError(f"document_{document_id}", prefix + message))
    if per_dossier and total > max_total_bytes():
        errors.append(
            FieldError(
                "documents",
                _("Tổng dung lượng các tệp vượt quá %(mb)s MB.") % {"mb": max_total_bytes() // MB},
            )
        )
    if errors:
        raise InvalidInput(_("Tệp đính kèm chưa hợp lệ."), errors)
    return extensions


def upload_stored(dossier: Dossier, document_id: int, file: Any, extension: str, tag: str = "") -> File:
    """The upload under a name of our own: never the citizen's file name or extension."""
    suffix = f"-{tag}" if tag else ""
    return uploads.stored(file, extension, prefix=f"{dossier.code_key}-{document_id}{suffix}")


# --- the result file ------------------------------------------------------------------------------
def result_check(file: Any) -> str:
    """The extension of a result file (PDF / JPEG / PNG by content, `ONLINE_MAX_FILE_MB`), or
    InvalidInput on the field `result_file`."""
    try:
        return uploads_check({0: file})[0]
    except InvalidInput as exc:
        errors = [FieldError("result_file", e.message) for e in exc.errors]
        raise InvalidInput(_("Tệp kết quả chưa hợp lệ."), errors) from None


def result_store(dossier: Dossier, file: Any, extension: str, *, at: datetime) -> None:
    """Keep the result file under a name of our own and flag the electronic result: on the online
    record when the dossier has one (`electronic_result`), otherwise on the dossier. The caller
    holds the dossier's row lock, has checked the file (`result_check`) and saves the dossier."""
    name = f"{dossier.code_key}-ket-qua-{uuid.uuid4().hex[:8]}.{extension}"
    file.seek(0)
    online = OnlineSubmission.objects.filter(dossier=dossier).first()
    if online is None:
        dossier.result_file.save(name, File(file), save=False)  # the caller saves the dossier
        return
    online.result_file.save(name, File(file), save=False)
    online.result_attached_at = at
    online.electronic_result = True
    online.save()


def has_result_file(dossier: Dossier) -> bool:
    """Whether a result file is attached, in any state."""
    return attached_result(dossier) is not None


# --- downloads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFile:
    file: FieldFile
    filename: str  # ASCII, no path, no quotes: safe in Content-Disposition
    subject: str  # what the personal-data log records, e.g. "dossier:<code>/giay-to/12"


def _extension(file: FieldFile) -> str:
    """The extension we gave the stored file (from its content when it was uploaded)."""
    tail = (file.name or "").rsplit("/", 1)[-1]
    extension = tail.rsplit(".", 1)[-1].lower() if "." in tail else ""
    return extension if extension.isalnum() and len(extension) <= 5 else "bin"


def safe_filename(dossier: Dossier, label: str, file: FieldFile) -> str:
    """`<code without separators>-<label as ASCII words>.<ext>`, at most about 100 characters."""
    words = slugify(strip_diacritics(label))[:60].strip("-") or "tep"
    return f"{dossier.code_key.lower()}-{words}.{_extension(file)}"


def dossier_scan(dossier: Dossier, scan_id: int) -> DossierFile:
    """The file of document row `scan_id` of `dossier`; Http404 when it has none."""
    row = (
        DossierDocument.objects.select_related("document")
        .filter(dossier=dossier, pk=scan_id)
        .exclude(scan="")
        .first()
    )
    if row is None:
        raise Http404
    return DossierFile(
        file=row.scan,
        filename=safe_filename(dossier, f"{row.document.order}-{row.document.name}", row.scan),
        subject=f"{dossier.subject_ref}/giay-to/{row.pk}",
    )


def attached_result(dossier: Dossier) -> Any:
    """The result file attached to the dossier (on its online record, else on the dossier), in any
    state, or None: staff check it before it is returned."""
    online = OnlineSubmission.objects.filter(dossier=dossier).first()
    if online is not None and online.result_file:
        return online.result_file
    return dossier.result_file or None


def result_download(dossier: Dossier, file: FieldFile) -> DossierFile:
    return DossierFile(
        file=file,
        filename=f"ket-qua-{dossier.code_key}.{_extension(file)}",
        subject=f"{dossier.subject_ref}/ket-qua",
    )
