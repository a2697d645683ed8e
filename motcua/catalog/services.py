"""Use cases of the catalogue: fields, procedures, versions (draft → published → revised) and contacts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency
from motcua.catalog.exceptions import VersionInvalid, VersionPublished
from motcua.catalog.models import (
    STEP_UNITS,
    WORKING_UNITS,
    Channel,
    Contact,
    ContactOfficer,
    Fee,
    Field,
    LegalBasis,
    OnlineLevel,
    PauseKind,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    ResultKind,
    TimeUnit,
    hours_per_day,
    in_hours,
    limit_is_set,
)
from motcua.core import uploads
from motcua.core.calendar import amount_text
from motcua.core.exceptions import FieldError
from motcua.core.text import fold, nfc

# The parts of a version a caller may set; children are given as lists of dicts.
VERSION_FIELDS = (
    "steps_text",
    "method_text",
    "channels",
    "online_level",
    "limit_value",
    "limit_unit",
    "same_day_cutoff",
    "pause_kinds",
    "applicant_conditions",
    "result_kind",
    "result_name",
    "announcement_number",
    "announcement_date",
    "public_date",
)
CHILDREN = ("documents", "steps", "fees", "legal_bases")
DOCUMENT_FIELDS = ("order", "name", "originals", "copies", "mandatory", "condition", "template", "sample")
STEP_FIELDS = ("order", "name", "agency", "budget_value", "budget_unit")
FEE_FIELDS = ("order", "name", "amount_vnd", "note")


# --- a document's blank form and sample --------------------------------------------------------
# PDF, and editable forms (Word, OpenDocument, Excel; RTF, in which the demo's forms are written).
DOCUMENT_FILE_FORMATS = (uploads.PDF, uploads.DOC, uploads.DOCX, uploads.ODT, uploads.XLSX, uploads.RTF)


def document_file(file: Any) -> File:
    """A blank form or sample (`RequiredDocument.template` / `.sample`) checked by `core.uploads`
    (its content one of DOCUMENT_FILE_FORMATS, at most `CATALOG_MAX_FILE_MB`), as a File under a
    name of our own: the sender's name folded to ASCII, a random part and the sniffed extension
    (the portal offers the file under this name). UploadRefused when refused."""
    fmt = uploads.check(
        file, max_bytes=int(settings.CATALOG_MAX_FILE_MB * uploads.MB), formats=DOCUMENT_FILE_FORMATS
    )
    stem = (getattr(file, "name", "") or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return uploads.stored(file, fmt.extension, prefix=stem)


# --- search text -----------------------------------------------------------------------------


def procedure_search_text(*, name: str, code: str, field_name: str) -> str:
    """The folded text the search matches: name, code and field, accents and case removed."""
    return fold(f"{name} {code} {field_name}")


def procedure_refresh_search_text(*, procedure: Procedure) -> None:
    procedure.search_text = procedure_search_text(
        name=procedure.name, code=procedure.code, field_name=procedure.field.name
    )
    Procedure.objects.filter(pk=procedure.pk).update(search_text=procedure.search_text)


# --- fields and procedures -----------------------------------------------------------------------


@transaction.atomic
def field_save(*, code: str, name: str) -> Field:
    """Create or rename a field; the search text of its procedures follows the new name."""
    field, _created = Field.objects.update_or_create(code=code.strip(), defaults={"name": nfc(name)})
    for procedure in field.procedures.all():
        procedure_refresh_search_text(procedure=procedure)
    return field


@transaction.atomic
def procedure_save(
    *,
    code: str,
    name: str,
    field: Field,
    agencies: Iterable[Agency] | None = None,
    **attributes: Any,
) -> Procedure:
    """Create or update a procedure by its national code (level, applicants, status, is_demo, popularity)."""
    allowed = {"level", "for_person", "for_organisation", "status", "is_demo", "popularity"}
    if unknown := set(attributes) - allowed:
        raise TypeError(f"unknown procedure attributes: {sorted(unknown)}")
    procedure, _created = Procedure.objects.update_or_create(
        code=code.strip(), defaults={"name": nfc(name), "field": field, **attributes}
    )
    if agencies is not None:
        procedure.agencies.set(agencies)
    procedure_refresh_search_text(procedure=procedure)
    return procedure


# --- validation ------------------------------------------------------------------------------------


def _hours_text(hours: Fraction) -> str:
    value = float(hours)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def step_budget_errors(
    *, limit_value: int, limit_unit: str, budgets: Sequence[tuple[int, str]]
) -> list[FieldError]:
    """Why the steps' budgets do not fit the limit, if they do not (compared in working hours).

    Limits in calendar days, months or "within the day" are not compared: their office time
    depends on the calendar. A version without steps has nothing to add up.
    """
    errors: list[FieldError] = []
    for value, unit in budgets:
        if unit not in STEP_UNITS:
            errors.append(
                FieldError(
                    "steps",
                    _("Đơn vị thời gian của bước phải là ngày làm việc, buổi làm việc hoặc giờ làm việc."),
                )
            )
            return errors
        if value is None or value < 0:
            errors.append(FieldError("steps", _("Thời gian của mỗi bước phải là số không âm.")))
            return errors
    if not budgets or limit_unit not in WORKING_UNITS:
        return errors
    total = sum((in_hours(value, unit) for value, unit in budgets), Fraction(0))
    limit = in_hours(limit_value, limit_unit)
    if total != limit:
        errors.append(
            FieldError(
                "steps",
                _(
                    "Tổng thời gian các bước của quy trình nội bộ (%(total)s giờ làm việc) phải bằng "
                    "thời hạn giải quyết %(limit)s (%(hours)s giờ làm việc; 1 ngày làm việc = 2 buổi = "
                    "%(day)s giờ)."
                )
                % {
                    "total": _hours_text(total),
                    "limit": amount_text(limit_value, limit_unit),
                    "hours": _hours_text(limit),
                    "day": _hours_text(hours_per_day()),
                },
            )
        )
    return errors


def check_step_budgets(*, limit_value: int, limit_unit: str, budgets: Sequence[tuple[int, str]]) -> None:
    """Refuse budgets that do not add up to the limit (used by the admin, the importer and publishing)."""
    if errors := step_budget_errors(limit_value=limit_value, limit_unit=limit_unit, budgets=budgets):
        raise VersionInvalid(errors[0].message, errors)


def version_part_errors(parts: Mapping[str, Any]) -> list[FieldError]:
    """Errors in the plain parts of a version (channels, levels, units, cut-off)."""
    errors: list[FieldError] = []
    channels = parts.get("channels") or []
    if bad := [c for c in channels if c not in Channel.values]:
        errors.append(
            FieldError("channels", _("Kênh không hợp lệ: %(v)s.") % {"v": ", ".join(map(str, bad))})
        )
    if not channels:
        errors.append(FieldError("channels", _("Cần ít nhất một cách thức nộp hồ sơ.")))
    if bad := [k for k in parts.get("pause_kinds") or [] if k not in PauseKind.values]:
        errors.append(
            FieldError(
                "pause_kinds", _("Loại tạm dừng không hợp lệ: %(v)s.") % {"v": ", ".join(map(str, bad))}
            )
        )
    level = parts.get("online_level", OnlineLevel.NONE)
    if level not in OnlineLevel.values:
        errors.append(FieldError("online_level", _("Mức độ trực tuyến phải là NONE, PARTIAL hoặc FULL.")))
    elif level != OnlineLevel.NONE and Channel.ONLINE not in channels:
        errors.append(
            FieldError(
                "channels", _("Thủ tục có dịch vụ công trực tuyến phải có kênh nộp trực tuyến (ONLINE).")
            )
        )
    unit = parts.get("limit_unit", TimeUnit.WORKING_DAYS)
    if unit not in TimeUnit.values:
        errors.append(FieldError("limit_unit", _("Đơn vị thời hạn không hợp lệ.")))
    if parts.get("same_day_cutoff") is not None and unit != TimeUnit.SAME_DAY:
        errors.append(
            FieldError("same_day_cutoff", _("Giờ chốt chỉ dùng cho thời hạn «trong ngày» (SAME_DAY)."))
        )
    if unit in TimeUnit.values and not limit_is_set(parts.get("limit_value"), unit):
        message = (
            _("Thời hạn giải quyết không được âm.")
            if unit in (TimeUnit.WORKING_DAYS, TimeUnit.CALENDAR_DAYS)
            else _("Thời hạn giải quyết phải lớn hơn 0.")
        )
        errors.append(FieldError("limit_value", message))
    if parts.get("result_kind", ResultKind.PAPER) not in ResultKind.values:
        errors.append(FieldError("result_kind", _("Hình thức kết quả phải là PAPER, ELECTRONIC hoặc BOTH.")))
    return errors


def procedure_version_check(*, version: ProcedureVersion) -> None:
    """Refuse a version whose parts are inconsistent or whose steps do not add up to its limit."""
    parts = {name: getattr(version, name) for name in VERSION_FIELDS}
    errors = version_part_errors(parts)
    budgets = list(version.steps.values_list("budget_value", "budget_unit"))
    errors += step_budget_errors(
        limit_value=version.limit_value, limit_unit=version.limit_unit, budgets=budgets
    )
    if errors:
        raise VersionInvalid(errors[0].message, errors)


# --- versions -----------------------------------------------------------------------------------------


def _set_children(
    version: ProcedureVersion, children: Mapping[str, Sequence[Mapping[str, Any]] | None]
) -> None:
    if (documents := children.get("documents")) is not None:
        version.documents.all().delete()
        for index, row in enumerate(documents, start=1):
            data = {k: row[k] for k in DOCUMENT_FIELDS if k in row}
            data.setdefault("order", index)
            data["name"] = nfc(data["name"])
            RequiredDocument.objects.create(version=version, **data)
    if (steps := children.get("steps")) is not None:
        version.steps.all().delete()
        for index, row in enumerate(steps, start=1):
            data = {k: row[k] for k in STEP_FIELDS if k in row}
            data.setdefault("order", index)
            data["name"] = nfc(data["name"])
            ProcessStep.objects.create(version=version, **data)
    if (fees := children.get("fees")) is not None:
        version.fees.all().delete()
        for index, row in enumerate(fees, start=1):
            data = {k: row[k] for k in FEE_FIELDS if k in row}
            data.setdefault("order", index)
            Fee.objects.create(version=version, **data)
    if (legal_bases := children.get("legal_bases")) is not None:
        version.legal_bases.all().delete()
        for index, text in enumerate(legal_bases, start=1):
            LegalBasis.objects.create(version=version, order=index, text=nfc(str(text)))


def _split(changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    parts = {k: v for k, v in changes.items() if k in VERSION_FIELDS}
    children = {k: v for k, v in changes.items() if k in CHILDREN}
    if unknown := set(changes) - set(parts) - set(children):
        raise TypeError(f"unknown version parts: {sorted(unknown)}")
    return parts, children


def _check_budgets_of(version: ProcedureVersion, children: Mapping[str, Any]) -> None:
    steps = children.get("steps")
    budgets = (
        [(s.get("budget_value", 1), s.get("budget_unit", TimeUnit.WORKING_DAYS)) for s in steps]
        if steps is not None
        else list(version.steps.values_list("budget_value", "budget_unit"))
    )
    check_step_budgets(limit_value=version.limit_value, limit_unit=version.limit_unit, budgets=budgets)


@transaction.atomic
def procedure_version_create(
    *, procedure: Procedure, effective_date: date, publish: bool = False, **changes: Any
) -> ProcedureVersion:
    """A new draft version with its parts and children; published at once when `publish`."""
    parts, children = _split(changes)
    version = ProcedureVersion(procedure=procedure, effective_date=effective_date, **parts)
    if version.pk is None and procedure.versions.filter(effective_date=effective_date).exists():
        raise VersionInvalid(
            _("Thủ tục đã có phiên bản hiệu lực từ ngày %(d)s.") % {"d": f"{effective_date:%d/%m/%Y}"},
            [FieldError("effective_date", _("Ngày hiệu lực đã có phiên bản khác."))],
        )
    _check_budgets_of(version, children)
    version.save()
    _set_children(version, children)
    if publish:
        procedure_version_publish(version=version)
    return version


@transaction.atomic
def procedure_version_update(*, version: ProcedureVersion, **changes: Any) -> ProcedureVersion:
    """Edit a draft version; a published one is refused (revise it instead)."""
    if version.is_published:
        raise VersionPublished(
            _("Phiên bản đã công bố không được sửa; hãy tạo phiên bản sửa đổi với ngày hiệu lực mới.")
        )
    parts, children = _split(changes)
    for name, value in parts.items():
        setattr(version, name, value)
    _check_budgets_of(version, children)
    version.save()
    _set_children(version, children)
    return version


@transaction.atomic
def procedure_version_publish(
    *, version: ProcedureVersion, public_date: date | None = None
) -> ProcedureVersion:
    """Check a draft and publish it; from its effective date it is the version in force."""
    if version.is_published:
        return version
    procedure_version_check(version=version)
    version.status = ProcedureVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.public_date = public_date or version.public_date or timezone.localdate()
    version.save(update_fields=["status", "published_at", "public_date", "updated_at"])
    return version


def _copy_children(source: ProcedureVersion) -> dict[str, list[Any]]:
    return {
        "documents": [{k: getattr(d, k) for k in DOCUMENT_FIELDS} for d in source.documents.all()],
        "steps": [{k: getattr(s, k) for k in STEP_FIELDS} for s in source.steps.all()],
        "fees": [{k: getattr(f, k) for k in FEE_FIELDS} for f in source.fees.all()],
        "legal_bases": [b.text for b in source.legal_bases.all()],
    }


def next_free_date(procedure: Procedure, *, on_or_after: date) -> date:
    taken = set(procedure.versions.values_list("effective_date", flat=True))
    day = on_or_after
    while day in taken:
        day += timedelta(days=1)
    return day


@transaction.atomic
def procedure_version_revise(
    *, version: ProcedureVersion, effective_date: date | None = None, publish: bool = False, **changes: Any
) -> ProcedureVersion:
    """Editing a published version: copy it, with `changes`, into a new version effective from a later date.

    The old version stays exactly as it was, so dossiers received under it keep their rules.
    """
    if effective_date is None:
        latest = version.procedure.versions.order_by("-effective_date").first()
        start = max(timezone.localdate(), latest.effective_date + timedelta(days=1) if latest else date.min)
        effective_date = next_free_date(version.procedure, on_or_after=start)
    parts = {name: getattr(version, name) for name in VERSION_FIELDS}
    parts.update({"public_date": None, "announcement_number": "", "announcement_date": None})
    data: dict[str, Any] = {**parts, **_copy_children(version), **changes}
    revised = procedure_version_create(
        procedure=version.procedure, effective_date=effective_date, publish=publish, **data
    )
    if version.procedure.status == Procedure.Status.PUBLIC:
        Procedure.objects.filter(pk=version.procedure.pk).update(status=Procedure.Status.PUBLIC_AMENDED)
    return revised


# --- contacts --------------------------------------------------------------------------------------------


@transaction.atomic
def contact_update(
    *, agency: Agency, hotline: str, email: str, note: str = "", officers: Sequence[Mapping[str, str]]
) -> Contact:
    """Set an agency's feedback contacts: hotline, e-mail and the named officers, in order."""
    contact, _created = Contact.objects.update_or_create(
        agency=agency, defaults={"hotline": hotline.strip(), "email": email.strip(), "note": nfc(note)}
    )
    contact.officers.all().delete()
    for index, officer in enumerate(officers, start=1):
        ContactOfficer.objects.create(
            contact=contact,
            order=index,
            name=nfc(officer["name"]),
            position=nfc(officer.get("position", "")),
            phone=officer.get("phone", "").strip(),
        )
    return contact
