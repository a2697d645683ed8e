"""The official forms of a dossier as PDFs (Circular 03/2025/TT-VPCP): 01, 02, 03 and the register 07.

Each form is an HTML template under templates/dossiers/forms/ set in Liberation Serif only
(fonts-liberation2) and rendered by WeasyPrint on demand. The PDF is cached on disk under
MEDIA_ROOT/dossiers/forms/, keyed by the dossier code, the form and a digest of the rendered
HTML — which holds every fact the form prints (state, times, counts, names) — so a repeated
download costs one template render and no PDF render, and any change of those facts renders anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User
from motcua.catalog.selectors import contacts_for_receipt
from motcua.core.instants import in_vietnam
from motcua.core.pdf import pdf_cached
from motcua.dossiers import explain
from motcua.dossiers.codes import code_key, form_number
from motcua.dossiers.exceptions import FormNotIssued  # the views catch it here: documents.FormNotIssued
from motcua.dossiers.history import period_bounds
from motcua.dossiers.journal import dossier_public_url
from motcua.dossiers.models import Action, Classification, Dossier, DossierEvent, State, SupplementRequest

FORMS_DIR = ("dossiers", "forms")


# --- rendering (core.pdf, with its content-hash cache) ---------------------------------------------


def cached_pdf(stem: str, html: str) -> bytes:
    return pdf_cached(FORMS_DIR, stem, html)


def qr_svg(text: str) -> str:
    """The QR code of `text` as inline SVG (vector, no fonts)."""
    return segno.make(text, error="m").svg_inline(scale=4, border=4, omitsize=False)


@dataclass(frozen=True)
class Letterhead:
    """The two header columns of every form: the agency on the left, the national motto on the right."""

    parent_name: str
    agency_name: str
    place: str
    day: date | None


def _letterhead(agency: Agency, day: date | None) -> Letterhead:
    parent = agency.parent.name if agency.parent_id and agency.parent else settings.LOCALITY_NAME  # type: ignore[attr-defined]
    place = agency.commune or agency.province or ""
    return Letterhead(parent_name=parent, agency_name=agency.name, place=place, day=day)


def _officer_phone(officer: User | None, agency: Agency) -> str:
    if officer is not None and officer.phone:
        return officer.phone
    return agency.phone or agency.hotline or ""


def _render(template: str, context: dict[str, Any]) -> str:
    return render_to_string(f"dossiers/forms/{template}", {"locality": settings.LOCALITY_NAME, **context})


def _documents(dossier: Dossier) -> list[Any]:
    return list(dossier.documents.select_related("document").order_by("document__order", "document__pk"))


# --- form 01: receipt and appointment slip ----------------------------------------------------------


def form01_html(dossier: Dossier) -> str:
    if dossier.received_at is None or dossier.due_at is None:
        raise FormNotIssued(_("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận (mẫu 01)."))
    agency = dossier.receiving_agency
    received = in_vietnam(dossier.received_at)
    url = dossier_public_url(dossier)
    context = {
        "dossier": dossier,
        "letterhead": _letterhead(agency, received.date() if received else None),
        "procedure": dossier.procedure_version.procedure,
        "version": dossier.procedure_version,
        "documents": _documents(dossier),
        "received_at": received,
        "due_at": in_vietnam(dossier.due_at),
        "register_year": received.year if received else None,
        "officer": dossier.received_by,
        "qr": qr_svg(url),
        "public_url": url,
        "lookup_url": f"{settings.PUBLIC_BASE_URL}/tra-cuu/",
        "sms_keyword": settings.SMS_LOOKUP_KEYWORDS[0],
        "sms_short_code": settings.SMS_SHORT_CODE,
        "contacts": contacts_for_receipt(agency),
    }
    with translation.override("vi"):  # the form is printed in Vietnamese whatever the page's language
        context["due_basis"] = explain.due_basis(dossier)
        context["due_note"] = explain.due_estimated_note(dossier)
    return _render("form01.html", context)


def form01_pdf(dossier: Dossier) -> bytes:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả: front with the appointment, back with look-up and feedback."""
    return cached_pdf(f"{code_key(dossier.code)}-01", form01_html(dossier))


# --- form 02: supplement request -------------------------------------------------------------------


def _supplement_request(dossier: Dossier, index: int | None) -> tuple[SupplementRequest, int]:
    requests = list(
        dossier.supplement_requests.select_related("requested_by", "agency", "reason").order_by(
            "requested_at", "pk"
        )
    )
    if not requests:
        raise FormNotIssued(_("Hồ sơ chưa có phiếu yêu cầu bổ sung, hoàn thiện (mẫu 02)."))
    if index is None:
        return requests[-1], len(requests)
    if not 1 <= index <= len(requests):
        raise FormNotIssued(_("Không có phiếu yêu cầu bổ sung số %(n)s của hồ sơ này.") % {"n": index})
    return requests[index - 1], index


def form02_html(dossier: Dossier, index: int | None = None) -> str:
    request, _ = _supplement_request(dossier, index)
    version = dossier.procedure_version
    items = list(request.items.select_related("document").order_by("document__order", "document__pk"))
    reason = request.reason.text if request.reason and not request.reason.redacted_at else ""
    context = {
        "dossier": dossier,
        "request": request,
        "letterhead": _letterhead(request.agency, in_vietnam(request.requested_at).date()),  # type: ignore[union-attr]
        "procedure": version.procedure,
        "version": version,
        "items": items,
        "reason": reason,
        "officer": request.requested_by,
        "officer_phone": _officer_phone(request.requested_by, request.agency),
        "procedure_url": f"{settings.PUBLIC_BASE_URL}/thu-tuc/{version.procedure.code}/",
    }
    return _render("form02.html", context)


def form02_pdf(dossier: Dossier, index: int | None = None) -> bytes:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ `<code>/HDHS` (the latest one, or the `index`-th)."""
    _request, number = _supplement_request(dossier, index)
    return cached_pdf(f"{code_key(dossier.code)}-02-{number}", form02_html(dossier, number))


# --- form 03: refusal --------------------------------------------------------------------------------


def _refusal(dossier: Dossier) -> DossierEvent:
    event = (
        dossier.events.filter(action=Action.REFUSE)
        .select_related("note", "officer", "agency")
        .order_by("-seq")
        .first()
    )
    if event is None or dossier.state != State.REFUSED:
        raise FormNotIssued(_("Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối (mẫu 03)."))
    return event


def form03_html(dossier: Dossier) -> str:
    event = _refusal(dossier)
    agency = event.agency or dossier.receiving_agency
    reason = event.note.text if event.note and not event.note.redacted_at else ""
    context = {
        "dossier": dossier,
        "number": event.payload.get("form") or form_number(dossier.code, "TCHS"),
        "letterhead": _letterhead(agency, in_vietnam(event.at).date()),  # type: ignore[union-attr]
        "agency": agency,
        "procedure": dossier.procedure_version.procedure,
        "reason": reason,
        "officer": event.officer,
    }
    return _render("form03.html", context)


def form03_pdf(dossier: Dossier) -> bytes:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ `<code>/TCHS`."""
    return cached_pdf(f"{code_key(dossier.code)}-03", form03_html(dossier))


# --- form 07: the register ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    dossier: Dossier
    lead_agency: str
    transferred_at: datetime | None
    result_back_at: datetime | None
    returned_at: datetime | None
    notes: str


def handling_agencies(dossier: Dossier) -> tuple[Agency, list[Agency]]:
    """The lead agency ("cơ quan chủ trì giải quyết", forms 06 and 07) and the co-ordinating ones: the
    agencies of the dossier's internal process in step order (a step without one is the receiving
    agency's), one-stop desks left out since they receive and return but do not decide; the first is
    the lead. A process entirely at the desk is led by the receiving agency."""
    receiving = dossier.receiving_agency
    steps = dossier.procedure_version.steps.all()  # the prefetched rows when the caller has them
    agencies = list(dict.fromkeys(step.agency or receiving for step in steps)) or [receiving]
    handling = [a for a in agencies if a.kind != Agency.Kind.SERVICE_CENTER] or [receiving]
    return handling[0], handling[1:]


def register_rows(agency: Agency, start: date, end: date) -> list[RegisterRow]:
    """Dossiers received at `agency` between the local dates `start` and `end`, by register number."""
    low, high = period_bounds(start, end)
    dossiers = (
        Dossier.objects.filter(receiving_agency=agency, received_at__gte=low, received_at__lt=high)
        .select_related("procedure_version__procedure", "receiving_agency")
        .prefetch_related("events", "procedure_version__steps__agency")
        .order_by("received_at", "register_number", "pk")
    )
    rows = []
    for dossier in sorted(dossiers, key=lambda d: (in_vietnam(d.received_at).year, d.register_number or 0)):  # type: ignore[union-attr]
        first: dict[str, datetime] = {}
        for event in dossier.events.all():
            first.setdefault(event.action, event.at)
        lead = handling_agencies(dossier)[0]
        notes = []
        if dossier.due_estimated:
            notes.append(_("Hạn dự kiến"))
        if dossier.channel == "POST":
            notes.append(_("Bưu chính %(n)s") % {"n": dossier.postal_tracking_number})
        rows.append(
            RegisterRow(
                dossier=dossier,
                lead_agency=lead.name,
                transferred_at=in_vietnam(first.get(Action.ASSIGN) or first.get(Action.FORWARD)),
                result_back_at=in_vietnam(first.get(Action.MARK_READY)),
                returned_at=in_vietnam(first.get(Action.RETURN_RESULT)),
                notes="; ".join(str(n) for n in notes),
            )
        )
    return rows


def form07_html(agency: Agency, start: date, end: date) -> str:
    context = {
        "letterhead": _letterhead(agency, None),
        "agency": agency,
        "start": start,
        "end": end,
        "rows": register_rows(agency, start, end),
    }
    return _render("form07.html", context)


def form07_pdf(agency: Agency, start: date, end: date) -> bytes:
    """Sổ theo dõi hồ sơ of `agency` for the local dates `start`–`end`, A4 landscape."""
    stem = f"register-{code_key(agency.code)}-{start:%Y%m%d}-{end:%Y%m%d}"
    return cached_pdf(stem, form07_html(agency, start, end))


# --- form 04: apology and request to extend ----------------------------------------------------------


def _event_of(dossier: Dossier, action: str, message: str) -> DossierEvent:
    event = (
        dossier.events.filter(action=action)
        .select_related("note", "officer", "agency")
        .order_by("-seq")
        .first()
    )
    if event is None:
        raise FormNotIssued(message)
    return event


def _note_text(event: DossierEvent) -> str:
    return event.note.text if event.note and not event.note.redacted_at else ""


def form04_html(dossier: Dossier) -> str:
    event = _event_of(
        dossier, Action.APOLOGISE, _("Hồ sơ chưa có văn bản xin lỗi và đề nghị gia hạn (mẫu 04).")
    )
    agency = event.agency or dossier.receiving_agency
    rescheduled = event.payload.get("rescheduled_due_at")
    context = {
        "dossier": dossier,
        "number": event.payload.get("form") or form_number(dossier.code, "XL"),
        "letterhead": _letterhead(agency, in_vietnam(event.at).date()),  # type: ignore[union-attr]
        "agency": agency,
        "procedure": dossier.procedure_version.procedure,
        "received_at": in_vietnam(dossier.received_at),
        "due_at": in_vietnam(dossier.due_at),
        "rescheduled_due_at": in_vietnam(
            datetime.fromisoformat(rescheduled) if rescheduled else dossier.rescheduled_due_at
        ),
        "reason": _note_text(event),
        "officer": event.officer,
    }
    return _render("form04.html", context)


def form04_pdf(dossier: Dossier) -> bytes:
    """Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết `<code>/XL`."""
    return cached_pdf(f"{code_key(dossier.code)}-04", form04_html(dossier))


# --- form 05: notice that processing stops ------------------------------------------------------------


def form05_html(dossier: Dossier) -> str:
    event = _event_of(
        dossier, Action.STOP, _("Hồ sơ không bị dừng giải quyết nên không có thông báo (mẫu 05).")
    )
    agency = event.agency or dossier.receiving_agency
    context = {
        "dossier": dossier,
        "number": event.payload.get("form") or form_number(dossier.code, "DGQ"),
        "letterhead": _letterhead(agency, in_vietnam(event.at).date()),  # type: ignore[union-attr]
        "agency": agency,
        "procedure": dossier.procedure_version.procedure,
        "received_at": in_vietnam(dossier.received_at),
        "stopped_at": in_vietnam(event.at),
        "reason": _note_text(event),
        "officer": event.officer,
    }
    return _render("form05.html", context)


def form05_pdf(dossier: Dossier) -> bytes:
    """Thông báo dừng giải quyết hồ sơ `<code>/DGQ`."""
    return cached_pdf(f"{code_key(dossier.code)}-05", form05_html(dossier))


# --- form 06: the tracking sheet -----------------------------------------------------------------------


@dataclass(frozen=True)
class TrackingRow:
    """One hand-over of form 06: the step the dossier went to, who gave it and who took it."""

    seq: int
    order: int
    step_name: str
    agency: str
    giver: str
    receiver: str
    given_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    classification: str
    classification_label: str


def _person(user: User | None) -> str:
    return (user.full_name or user.username) if user is not None else ""


def tracking_rows(dossier: Dossier) -> list[TrackingRow]:
    """The rows of form 06 from the step rows (one per turn at a step), in hand-over order. The giver
    of the first step is the officer who received the dossier; of a later one, the officer who
    forwarded or sent it back. The receiver is the step's assignee, once assigned (when that was)."""
    steps = list(dossier.steps.select_related("agency", "assignee").order_by("seq"))
    events = list(dossier.events.filter(
        action__in=[Action.FORWARD, Action.SEND_BACK, Action.ASSIGN]
    ).select_related("officer").order_by("seq"))  # fmt: skip
    opened_by: dict[int, DossierEvent] = {}
    assigned_at: dict[int, datetime] = {}
    for event in events:
        seq = event.payload.get("step_seq")
        if not isinstance(seq, int):
            continue
        if event.action == Action.ASSIGN:
            assigned_at[seq] = event.at
        else:
            opened_by.setdefault(seq, event)
    labels = dict(Classification.choices)
    rows = []
    for step in steps:
        opener = opened_by.get(step.seq)
        giver = _person(opener.officer) if opener else _person(dossier.received_by)
        # The first step's clock starts at `clock_start_at` (next morning after the cut-off), but it
        # was handed over when the dossier was received: show the real instants, not the clock's.
        given = opener.at if opener else (dossier.received_at or step.started_at)
        received = assigned_at.get(step.seq, given) if step.assignee_id is not None else None
        row = TrackingRow(
            seq=step.seq, order=step.order, step_name=step.name, agency=step.agency.name, giver=giver,
            receiver=_person(step.assignee), given_at=in_vietnam(given), received_at=in_vietnam(received),
            due_at=in_vietnam(step.due_at), finished_at=in_vietnam(step.finished_at),
            classification=step.classification, classification_label=str(labels.get(step.classification, "")),
        )  # fmt: skip
        rows.append(row)
    return rows


def form06_html(dossier: Dossier) -> str:
    rows = tracking_rows(dossier)
    if not rows:
        raise FormNotIssued(_("Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát (mẫu 06)."))
    agency = dossier.receiving_agency
    lead, coordinating = handling_agencies(dossier)
    received = in_vietnam(dossier.received_at)
    context = {
        "dossier": dossier,
        "letterhead": _letterhead(agency, received.date() if received else None),
        "agency": agency,
        "procedure": dossier.procedure_version.procedure,
        "received_at": in_vietnam(dossier.received_at),
        "due_at": in_vietnam(dossier.due_at),
        "lead_agency": lead.name,
        "coordinating": [a.name for a in coordinating],
        "rows": rows,
    }
    return _render("form06.html", context)


def form06_pdf(dossier: Dossier) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over, A4 landscape."""
    return cached_pdf(f"{code_key(dossier.code)}-06", form06_html(dossier))
