"""Back-office pages of dossiers at the desk: the list, the intake, the dossier page and its forms (PDF).

Refusals follow CONTRACTS §5: anonymous → log-in; a dossier the user may not see → 404
(`dossiers_visible_to`); a role that can never use the page → 403 (`check_page_role`); a form the
dossier does not have (its state) → 409; invalid input → 422, the form shown again as typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.access import (
    agencies_visible_to,
    check_page_role,
    personal_data_view,
    roles_required,
    search_reads_log,
)
from motcua.accounts.models import Agency, PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.backoffice.dossier_file_views import access_reason, access_reason_remember
from motcua.backoffice.dossier_forms import (
    SUMMARY,
    DossierFilterForm,
    IntakeForm,
    RegisterPeriodForm,
    errors_of,
)
from motcua.backoffice.reasons import DOSSIER_LIST, AccessReasonForm, reason_recall, reason_remember
from motcua.catalog.models import ProcedureVersion
from motcua.core.exceptions import DomainError, InvalidInput
from motcua.dossiers import actions, documents, explain, files, online, page_selectors, processing
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import (
    PAUSED,
    Action,
    ApplicantKind,
    Channel,
    Dossier,
    ReturnMethod,
    State,
)
from motcua.dossiers.page_selectors import intake_version, intake_versions
from motcua.dossiers.processing import dossier_due_at_now
from motcua.dossiers.selectors import (
    dossier_list_name,
    dossier_personal_data_visible,
    dossier_search,
    dossiers_visible_to,
)
from motcua.dossiers.services import Outcome, dossier_intake

CASE_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
# The locality leader reads every dossier, without personal data (CONTRACTS §5).
READ_ROLES = (*CASE_ROLES, Role.LOCALITY_LEADER)
# The dossier's forms print the applicant's personal data: an inspector downloads them after stating
# a reason on the dossier page (by POST, kept in the session: `reasons`, ADR 0011), logged (CONTRACTS §5).
FORM_ROLES = (Role.DESK_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
REGISTER_ROLES = (Role.DESK_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.ADMIN)
INTAKE_ROLES = (Role.DESK_OFFICER,)
ACTION_ROLES = tuple(sorted(actions.staff_roles()))


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _errors(exc: InvalidInput) -> dict[str, str]:
    """Field errors keyed as the form's input names ("applicant.name" → "applicant_name")."""
    errors: dict[str, str] = {}
    for error in exc.errors:
        key = error.field.replace(".", "_")
        errors[key] = f"{errors[key]} {error.message}" if key in errors else error.message
    return errors


# --- list ---------------------------------------------------------------------------------------------


@roles_required(*READ_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_list(request: HttpRequest) -> HttpResponse:
    """The dossiers the user may see, searched and filtered by GET. An inspector states the reason for
    searching by personal data by POST (kept in the session, `reasons`; a `ly_do` in a link is ignored),
    then every search, filter and page uses it; `forget` withdraws it."""
    check_page_role(request)
    user = _user(request)
    inspector = Role.INSPECTOR in user.roles
    reason_form = AccessReasonForm()
    if request.method == "POST":
        if not inspector:
            raise PermissionDenied(_("Chỉ thanh tra cần nêu lý do để xem thông tin cá nhân."))
        back = f"{request.path}?{request.GET.urlencode()}" if request.GET else request.path
        if request.POST.get("forget"):
            reason_remember(request, DOSSIER_LIST, "")
            return redirect(back)
        reason_form = AccessReasonForm(request.POST)
        if reason_form.is_valid():
            reason_remember(request, DOSSIER_LIST, reason_form.cleaned_data["reason"])
            return redirect(back)
    filters = DossierFilterForm(request.GET)
    filters.is_valid()  # every field has a fallback: nothing to refuse
    q, state = filters.cleaned_data["q"], filters.cleaned_data["state"]
    reason = reason_recall(request, DOSSIER_LIST) if inspector else ""
    dossiers = dossier_search(user, q, reason=reason)
    if state:
        dossiers = dossiers.filter(state=state)
    page = Paginator(dossiers.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    rows = [(d, dossier_list_name(user, d, reason=reason)) for d in page]
    search_reads_log(user, (d.subject_ref for d in page if d.found_by_personal_data), reason=reason)
    context = {
        "page": page, "rows": rows, "q": q, "state": state, "states": State.choices, "reason": reason,
        "ask_reason": inspector, "reason_form": reason_form,
        # an inspector's search with digits finds no phone number until a reason is stated: say so
        "phone_needs_reason": inspector and not reason and any(ch.isdigit() for ch in q),
    }  # fmt: skip
    return render(request, "backoffice/dossier_list.html", context, status=422 if reason_form.errors else 200)


# --- intake -------------------------------------------------------------------------------------------


def _checklist(
    version: ProcedureVersion, data: Any | None, errors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The official list with what the form shows for each document (as typed, or the official
    counts) and the error of its scan, if refused."""
    rows = []
    guide = set(data.getlist("guide_documents")) if data is not None else set()
    for document in version.documents.all():
        prefix = f"doc_{document.pk}"
        rows.append(
            {
                "document": document,
                "prefix": prefix,
                "received": bool(data.get(f"{prefix}_received")) if data is not None else False,
                "originals": data.get(f"{prefix}_originals", "") if data is not None else document.originals,
                "copies": data.get(f"{prefix}_copies", "") if data is not None else document.copies,
                "guide": str(document.pk) in guide,
                "scan_error": (errors or {}).get(f"document_{document.pk}", ""),
            }
        )
    return rows


@roles_required(*INTAKE_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_intake_view(request: HttpRequest) -> HttpResponse:
    """Step 1 chooses the procedure (searched accent-insensitively, with htmx when available);
    step 2 is the intake form of the version in force; POST saves it with one outcome."""
    check_page_role(request)
    user = _user(request)
    q = request.GET.get("q", "").strip()[:200]
    procedure_code = request.POST.get("procedure") or request.GET.get("thu_tuc", "")
    version = intake_version(user.desk_agency or user.agency, procedure_code)
    if request.headers.get("HX-Request") and version is None:
        return render(
            request,
            "backoffice/dossier__procedure_results.html",
            {"versions": intake_versions(user.desk_agency or user.agency, q), "q": q},
        )

    context: dict[str, Any] = {
        "q": q,
        "version": version,
        "applicant_kinds": ApplicantKind.choices,
        "channels": [(c, label) for c, label in Channel.choices if c != Channel.ONLINE],
        "return_methods": ReturnMethod.choices,
        "outcomes": [
            (Outcome.RECEIVE, _("Tiếp nhận hồ sơ (in giấy tiếp nhận, mẫu 01)")),
            (Outcome.GUIDE, _("Hướng dẫn bổ sung, hoàn thiện (mẫu 02)")),
            (Outcome.REFUSE, _("Từ chối tiếp nhận (mẫu 03)")),
        ],
        "errors": {},
        "message": "",
    }
    if version is None:
        if procedure_code:
            context["errors"] = {
                "procedure": _("Thủ tục này không có phiên bản đang có hiệu lực tại cơ quan của bạn.")
            }
        context["versions"] = intake_versions(user.desk_agency or user.agency, q)
        status = 422 if request.method == "POST" else 200
        return render(request, "backoffice/dossier_intake.html", context, status=status)

    data = request.POST if request.method == "POST" else None
    context["values"] = (
        data
        if data is not None
        else {
            "sets": "1",
            "channel": Channel.DESK,
            "return_method": ReturnMethod.DESK,
            "applicant_kind": ApplicantKind.PERSON,
        }
    )
    context["checklist"] = _checklist(version, data)
    if request.method == "POST":
        form = IntakeForm(version, request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise InvalidInput(str(SUMMARY))
            result = dossier_intake(officer=user, **form.intake_arguments())
        except InvalidInput as exc:
            context["errors"] = {**errors_of(form), **_errors(exc)}
            context["message"] = exc.message
            context["checklist"] = _checklist(version, data, context["errors"])
            return render(request, "backoffice/dossier_intake.html", context, status=422)
        # The confirmation is shown by the dossier page (`?moi=1`), not through base.html's messages list.
        return redirect(reverse("backoffice:dossier_detail", kwargs={"code": result.dossier.code}) + "?moi=1")
    return render(request, "backoffice/dossier_intake.html", context)


# --- the dossier page ---------------------------------------------------------------------------------


def _visible(request: HttpRequest, code: str) -> Dossier:
    dossier = get_object_or_404(dossiers_visible_to(_user(request)), code_key=code_key(code))
    check_page_role(request)
    return dossier


def _detail_context(request: HttpRequest, dossier: Dossier, *, reason: str = "") -> dict[str, Any]:
    user = _user(request)
    personal = dossier_personal_data_visible(
        user, dossier, channel=PersonalDataAccess.Channel.PAGE, reason=reason
    )
    events = page_selectors.page_events(dossier)
    step_rows = documents.tracking_rows(dossier)
    has_event = page_selectors.event_actions(dossier)
    return {
        "dossier": dossier,
        "personal": personal,
        "ask_reason": not personal and Role.INSPECTOR in user.roles,
        "reason": reason,
        "reason_error": "",
        "documents": page_selectors.page_documents(dossier),
        "supplement_requests": page_selectors.page_supplement_requests(dossier),
        "events": events,
        "may_print": bool(user.roles & set(FORM_ROLES)) and (personal or Role.INSPECTOR not in user.roles),
        "result_file": files.attached_result(dossier),
        "has_form01": dossier.received_at is not None,
        "has_form03": dossier.state == State.REFUSED,
        "has_form04": Action.APOLOGISE in has_event,
        "has_form05": Action.STOP in has_event,
        "has_form06": bool(step_rows),
        "step_rows": step_rows,
        "fault_designations": page_selectors.page_fault_designations(dossier),
        "due_now": dossier_due_at_now(dossier),
        "due_basis": explain.due_basis(dossier),
        "due_note": explain.due_estimated_note(dossier),
        "paused": dossier.state in PAUSED,
        "action_forms": _action_forms(dossier, user),
        "action_name": "",
        "action_message": "",
        "action_errors": {},
        "action_values": {},
        "return_methods": ReturnMethod.choices,
        "just_saved": request.GET.get("moi") == "1",
    }


def _action_forms(dossier: Dossier, user: User) -> list[dict[str, Any]]:
    """What the page needs to draw the form of each action the user could attempt now."""
    forms = []
    for name in actions.available_actions(dossier, user):
        spec = actions.ACTIONS[name]
        form: dict[str, Any] = {"name": name, "label": spec.label}
        if name == "assign":
            step = processing.current_step(dossier)
            form["staff"] = actions.step_staff(step.agency_id if step else None)
        elif name in ("forward", "send_back"):
            form["staff"] = actions.step_staff(
                actions.next_step_agency(dossier, 1 if name == "forward" else -1)
            )
        elif name == "request_supplement":
            form["documents"] = page_selectors.official_documents(dossier)
            form["needs_override"] = actions.needs_override(dossier, user)
        elif name == "guide":
            form["documents"] = page_selectors.official_documents(dossier)
        elif name == "complete_supplement":
            form["items"] = page_selectors.open_supplement_items(dossier)
        elif name == "pause":
            form["kinds"] = actions.pause_kinds(dossier)
        elif name == "designate_fault":
            form["agencies"] = page_selectors.agencies_that_held(dossier)
            at_fault = processing.agency_at_fault(dossier, at=timezone.now())
            form["at_fault"] = next((a.name for a in form["agencies"] if a.pk == at_fault), "")
        elif name == "mark_ready":
            form["max_file_mb"] = online.max_file_bytes() // online.MB
        elif name == "return_result":
            form["has_result_file"] = online.has_result_file(dossier)
        forms.append(form)
    return forms


@roles_required(*READ_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier, its steps, documents and events, and the forms of the actions the user could take
    now; personal data per CONTRACTS §5 (an inspector states a reason)."""
    dossier = _visible(request, code)
    reason_error = ""
    if request.method == "POST":  # the inspector's reason (`reasons`: kept in the session, never in links)
        form = AccessReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        if reason:
            access_reason_remember(request, dossier.code, reason)
        else:
            reason_error = " ".join(form.errors.get("reason", []))
    else:
        reason = access_reason(request, dossier.code)
    context = _detail_context(request, dossier, reason=reason)
    context["reason_error"] = reason_error
    return render(
        request, "backoffice/dossier_detail.html", context, status=422 if context["reason_error"] else 200
    )


def _action_body(data: Any) -> dict[str, Any]:
    """The form's fields as the dispatch table's loose body (lists only where the form has several)."""
    body: dict[str, Any] = {}
    for key in data:
        if key == "csrfmiddlewaretoken":
            continue
        body[key] = data.getlist(key) if key == "documents" else data.get(key)
    return body


@roles_required(*ACTION_ROLES)
@require_http_methods(["GET", "POST"])
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """POST one action of the dispatch table from the dossier page; GET goes back to the page.
    A refusal shows the page again with the message: 403 (role), 409 (state), 422 (input)."""
    dossier = _visible(request, code)
    spec = actions.ACTIONS.get(action)
    if spec is None:
        raise Http404
    detail = reverse("backoffice:dossier_detail", kwargs={"code": dossier.code})
    if request.method != "POST":
        return redirect(detail)
    body = _action_body(request.POST)
    if "result_file" in request.FILES:  # mark_ready's result file (multipart form)
        body["result_file"] = request.FILES["result_file"]
    try:
        actions.run_action(spec, dossier=dossier, officer=_user(request), body=body)
    except PermissionDenied as exc:
        status, message, errors = (
            403,
            str(exc) or _("Vai trò của ông/bà không thực hiện được thao tác này."),
            {},
        )
    except InvalidInput as exc:
        status, message, errors = 422, exc.message, _errors(exc)
    except DomainError as exc:
        status, message, errors = exc.status, exc.message, {}
    else:
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": spec.label})
        return redirect(detail)
    dossier.refresh_from_db()
    context = _detail_context(request, dossier)
    context.update(
        action_name=action, action_label=spec.label, action_message=message, action_errors=errors,
        action_values=_action_body(request.POST),
    )  # fmt: skip
    return render(request, "backoffice/dossier_detail.html", context, status=status)


# --- PDFs ---------------------------------------------------------------------------------------------


def _pdf_response(pdf: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _form(request: HttpRequest, code: str, form: str) -> HttpResponse:
    dossier = _visible(request, code)
    user = _user(request)
    # The forms print the applicant's personal data: every download is logged as a view.
    reason = access_reason(request, dossier.code)
    if not dossier_personal_data_visible(
        user, dossier, channel=PersonalDataAccess.Channel.EXPORT, reason=reason
    ):
        raise PermissionDenied(
            _("Nêu lý do cần xem thông tin cá nhân trên trang hồ sơ trước khi tải biểu mẫu.")
        )
    try:
        if form == "01":
            pdf = documents.form01_pdf(dossier)
        elif form == "02":
            index = request.GET.get("so", "")
            pdf = documents.form02_pdf(dossier, int(index) if index.isdigit() else None)
        elif form == "04":
            pdf = documents.form04_pdf(dossier)
        elif form == "05":
            pdf = documents.form05_pdf(dossier)
        elif form == "06":
            pdf = documents.form06_pdf(dossier)
        else:
            pdf = documents.form03_pdf(dossier)
    except documents.FormNotIssued as exc:
        return render(
            request,
            "backoffice/dossier_form_missing.html",
            {"dossier": dossier, "message": str(exc)},
            status=409,
        )
    filename = f"mau-{form}-{code_key(dossier.code)}.pdf"
    return _pdf_response(pdf, filename, download=request.GET.get("tai") == "1")


@roles_required(*FORM_ROLES)
def dossier_form01(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "01")


@roles_required(*FORM_ROLES)
def dossier_form02(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "02")


@roles_required(*FORM_ROLES)
def dossier_form03(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "03")


@roles_required(*FORM_ROLES)
def dossier_form04(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "04")


@roles_required(*FORM_ROLES)
def dossier_form05(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "05")


@roles_required(*FORM_ROLES)
def dossier_form06(request: HttpRequest, code: str) -> HttpResponse:
    return _form(request, code, "06")


@roles_required(*REGISTER_ROLES)
def register_pdf(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi hồ sơ (form 07) of the user's agency — or, with `?agency=`, of any agency for
    locality-wide staff and of an agency their desk receives for for desk officers — for
    `?start=`–`?end=` (this month so far by default)."""
    check_page_role(request)
    user = _user(request)
    agency_code = request.GET.get("agency", "").strip().upper()
    if agency_code:
        agencies = (
            agencies_visible_to(user)
            if user.is_locality_wide
            else Agency.objects.filter(pk__in={user.agency_id, *user.desk_receives_for})
        )
        agency = get_object_or_404(agencies, code=agency_code)
    elif user.agency is not None:
        agency = user.agency
    else:
        return render(
            request, "backoffice/dossier_form_missing.html",
            {"message": _("Chọn cơ quan cần in sổ theo dõi (tham số agency).")}, status=422,
        )  # fmt: skip
    period = RegisterPeriodForm(request.GET)
    if not period.is_valid():
        message = " ".join(errors_of(period).values())
        return render(request, "backoffice/dossier_form_missing.html", {"message": message}, status=422)
    start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    personal_data_view(user, subject=f"register:{agency.code}", channel=PersonalDataAccess.Channel.EXPORT)
    pdf = documents.form07_pdf(agency, start, end)
    filename = f"so-theo-doi-{code_key(agency.code)}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
    return _pdf_response(pdf, filename, download=request.GET.get("tai") == "1")
