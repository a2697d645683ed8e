"""Open311 GeoReport v2 under `/open311/v2/` (CONTRACTS §9), in `.json` and `.xml`.

Field names, list shapes and the error list follow the specification
(http://wiki.open311.org/GeoReport_v2): errors are `[{"code", "description"}]` /
`<errors><error><code/><description/></error></errors>` with the HTTP status of the same number.
Services are the two petition classes; `requests` lists published petitions; `requests/<id>`
answers for any petition with its status and no text unless published; a POST needs an `api_key`
(a staff API token, issued as `accounts` issues them) and needs no location. Personal data is never
in an answer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from motcua.accounts.access import public
from motcua.api.auth import token_user
from motcua.core.exceptions import InvalidInput
from motcua.core.instants import iso, parse_instant
from motcua.feedback import selectors, services
from motcua.feedback.codes import petition_code_key, petition_token
from motcua.feedback.models import FINAL, Category, Channel, Petition, State

FORMATS = {"json", "xml"}
DESCRIPTIONS = {
    Category.REGULATION: "Phản ánh, kiến nghị về quy định, chính sách, thủ tục hành chính",
    Category.BEHAVIOUR: "Phản ánh về hành vi, thái độ của cán bộ, công chức",
}
LIST_LIMIT = 1000  # the spec's default cap on `requests`


class Open311Error(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _xml(root: str, item: str, rows: list[dict[str, Any]]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        element = ET.SubElement(top, item)
        _xml_fill(element, row)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")


def _xml_fill(element: ET.Element, row: dict[str, Any]) -> None:
    for key, value in row.items():
        child = ET.SubElement(element, key)
        if isinstance(value, list):
            singular = {
                "endpoints": "endpoint",
                "formats": "format",
                "attributes": "attribute",
                "values": "value",
            }
            for entry in value:
                sub = ET.SubElement(child, singular.get(key, "item"))
                if isinstance(entry, dict):
                    _xml_fill(sub, entry)
                else:
                    sub.text = str(entry)
        elif isinstance(value, dict):
            _xml_fill(child, value)
        elif isinstance(value, bool):
            child.text = "true" if value else "false"
        elif value is not None:
            child.text = str(value)


def _answer(fmt: str, root: str, item: str, rows: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        if isinstance(rows, list):
            data = _xml(root, item, rows)
        else:  # a single object (discovery, a service definition)
            top = ET.Element(root)
            _xml_fill(top, rows)
            data = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(top, encoding="utf-8")
        return HttpResponse(data, content_type="text/xml; charset=utf-8", status=status)
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt: str, code: int, description: str) -> HttpResponse:
    return _answer(fmt if fmt in FORMATS else "json", "errors", "error",
                   [{"code": code, "description": description}], status=code)  # fmt: skip


def _handle(fmt: str, compute: Any) -> HttpResponse:
    if fmt not in FORMATS:
        return _error("json", 404, "Unknown format: use .json or .xml")
    try:
        return compute()
    except Open311Error as exc:
        return _error(fmt, exc.code, exc.description)


def _jurisdiction(request: HttpRequest) -> None:
    wanted = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if wanted and wanted != settings.OPEN311_JURISDICTION_ID:
        raise Open311Error(404, f"jurisdiction_id {wanted} not found")


def _base() -> str:
    return f"{settings.PUBLIC_BASE_URL}/open311/v2/"


@public
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    def compute() -> HttpResponse:
        body = {
            "changeset": "2026-12-07T00:00:00+07:00",
            "contact": f"{settings.LOCALITY_NAME}: {settings.PUBLIC_BASE_URL}/lien-he/",
            "key_service": f"{settings.PUBLIC_BASE_URL}/lien-he/",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": _base().rstrip("/"),
                    "changeset": "2026-12-07T00:00:00+07:00",
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        }
        return _answer(fmt, "discovery", "discovery", body)

    return _handle(fmt, compute)


def _service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.value,
        "service_name": str(category.label),
        "description": DESCRIPTIONS[category],
        "metadata": True,
        "type": "realtime",
        "keywords": "phan anh, kien nghi, PAKN",
        "group": "Phản ánh, kiến nghị",
    }


@public
def services_list(request: HttpRequest, fmt: str) -> HttpResponse:
    def compute() -> HttpResponse:
        _jurisdiction(request)
        return _answer(fmt, "services", "service", [_service(c) for c in Category])

    return _handle(fmt, compute)


ATTRIBUTES = [
    {"variable": True, "code": "dossier_code", "datatype": "string", "required": False,
     "datatype_description": "Mã hồ sơ liên quan, ví dụ 000.00.12.H56-260109-0001", "order": 1,
     "description": "Mã hồ sơ thủ tục hành chính liên quan (nếu có)"},
    {"variable": True, "code": "address", "datatype": "string", "required": True,
     "datatype_description": "Địa chỉ của người gửi (Nghị định 20/2008, điều 7)", "order": 2,
     "description": "Địa chỉ liên hệ của người gửi"},
]  # fmt: skip


@public
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    def compute() -> HttpResponse:
        _jurisdiction(request)
        if service_code not in Category.values:
            raise Open311Error(404, f"service_code {service_code} not found")
        return _answer(fmt, "service_definition", "service_definition",
                       {"service_code": service_code, "attributes": ATTRIBUTES})  # fmt: skip

    return _handle(fmt, compute)


def _status(p: Petition) -> str:
    return "closed" if p.state in FINAL else "open"


def _request(p: Petition) -> dict[str, Any]:
    """One service request: text only when published (CONTRACTS §9), never personal data."""
    published = p.state == State.PUBLISHED
    p = selectors.public_copy(p)
    category = Category(p.category or p.category_suggested)
    updated = p.last_event_at or p.submitted_at  # type: ignore[attr-defined]  # selectors.with_last_event_at
    return {
        "service_request_id": p.code,
        "status": _status(p),
        "status_notes": str(State(p.state).label),
        "service_name": str(category.label),
        "service_code": category.value,
        "description": f"{p.title}\n\n{p.content}" if published else None,
        "agency_responsible": p.agency.name,
        "service_notice": p.answer if published else None,
        "requested_datetime": iso(p.submitted_at),
        "updated_datetime": iso(updated),
        "expected_datetime": iso(p.due_at),
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def _date(request: HttpRequest, name: str) -> datetime | None:
    text = request.GET.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_instant(text)
    except (InvalidInput, ValueError):
        raise Open311Error(400, f"{name} must be a W3C date-time") from None


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    _jurisdiction(request)
    petitions = selectors.with_last_event_at(selectors.published_search().select_related("agency"))
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if len(ids) > LIST_LIMIT:
        raise Open311Error(400, f"service_request_id: at most {LIST_LIMIT} ids")
    if ids:
        keys = [petition_code_key(i) for i in ids]
        chosen = Petition.objects.select_related("agency").filter(code_key__in=keys)
        rows = [_request(p) for p in selectors.with_last_event_at(chosen)]
        return _answer(fmt, "service_requests", "request", rows)
    codes = [c for c in request.GET.get("service_code", "").split(",") if c.strip()]
    if any(c not in Category.values for c in codes):
        raise Open311Error(400, "service_code not found")
    if codes:
        petitions = petitions.filter(category__in=codes)
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start and end and end < start:
        raise Open311Error(400, "end_date is before start_date")
    if start or end:
        petitions = petitions.filter(submitted_at__gte=start or datetime(2000, 1, 1, tzinfo=UTC))
        if end:
            petitions = petitions.filter(submitted_at__lte=end)
    else:  # the spec's default: the last 90 days
        petitions = petitions.filter(submitted_at__gte=timezone.now() - timedelta(days=90))
    statuses = {s for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status must be open or closed")
    rows = [_request(p) for p in petitions[:LIST_LIMIT]]
    if statuses:
        rows = [r for r in rows if r["status"] in statuses]
    return _answer(fmt, "service_requests", "request", rows)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    _jurisdiction(request)
    data = request.POST
    key = data.get("api_key", "").strip()
    filer = token_user(key) if key else None
    if filer is None:
        raise Open311Error(403, "api_key is missing or invalid")
    service_code = data.get("service_code", "")
    if service_code not in Category.values:
        raise Open311Error(400, "service_code not found")
    name = " ".join(x for x in (data.get("last_name", "").strip(), data.get("first_name", "").strip()) if x)
    address = data.get("attribute[address]", "") or data.get("address_string", "")
    dossier_code = data.get("attribute[dossier_code]", "").strip()
    description = data.get("description", "").strip()
    filing = services.Filing(
        channel=Channel.OPEN311, category=service_code, title=description[:80], content=description,
        name=name, address=address, phone=data.get("phone", ""), email=data.get("email", ""),
        consent=True, anonymous=not (name or data.get("phone") or data.get("email")),
    )  # fmt: skip
    if dossier_code:
        filing.content = f"{description}\n\nHồ sơ liên quan: {dossier_code}"
    try:
        petition = services.petition_file(filing, officer=filer)
    except InvalidInput as exc:
        fields = ", ".join(e.field for e in exc.errors)
        raise Open311Error(400, f"{exc.message} ({fields})") from None
    row = {"service_request_id": petition.code, "token": petition_token(petition.code),
           "service_notice": f"Hạn giải quyết {iso(petition.due_at)}", "account_id": None}  # fmt: skip
    return _answer(fmt, "service_requests", "request", [row], status=201)


@public
@csrf_exempt
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _handle(fmt, lambda: _create(request, fmt))
    if request.method != "GET":
        return _error(fmt, 405, "Method not allowed")
    return _handle(fmt, lambda: _list(request, fmt))


@public
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    def compute() -> HttpResponse:
        _jurisdiction(request)
        petition = selectors.with_last_event_at(
            Petition.objects.select_related("agency").filter(code_key=petition_code_key(request_id))
        ).first()
        if petition is None:
            raise Open311Error(404, f"service_request_id {request_id} not found")
        return _answer(fmt, "service_requests", "request", [_request(petition)])

    return _handle(fmt, compute)


@public
def token_detail(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    def compute() -> HttpResponse:
        _jurisdiction(request)
        petition = selectors.petition_by_token(token)
        if petition is None:
            raise Open311Error(404, "token not found")
        return _answer(
            fmt, "service_requests", "request", [{"service_request_id": petition.code, "token": token}]
        )

    return _handle(fmt, compute)
