"""The files of a dossier people download: the scan or upload of each document handed in (desk
scans, online uploads, the citizen's supplement uploads — the latest file of each document) and the
result file. Who may download is decided by the callers (CONTRACTS §5: staff who may see the dossier
and its personal data; the citizen with the token); this module finds the file and names it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils.text import slugify

from motcua.core.text import strip_diacritics
from motcua.dossiers.models import Dossier, DossierDocument, OnlineSubmission


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
