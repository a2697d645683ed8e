"""Online submission pages (`/nop-ho-so/`) and the citizen's page of a dossier (`/ho-so/<code>/?t=`).

The form goes step by step on a phone: receiving agency (when the version lists several) →
applicant → one upload per official document → declaration → how to receive the result → review →
submit. The draft lives in the session (uploads in storage under `online-drafts/`, found by path)
until it is submitted; the review form carries the draft's idempotency key, so a double submit
makes one dossier.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import public
from motcua.catalog.models import ProcedureVersion
from motcua.core import uploads
from motcua.core.exceptions import Conflict, InvalidInput, RateLimited
from motcua.core.http import client_address, file_download
from motcua.dossiers import explain, files, online
from motcua.dossiers.codes import dossier_token
from motcua.dossiers.lookup import public_timeline
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.services import Applicant, dossier_public_url
from motcua.portal import citizen_session
from motcua.portal.submit_forms import (
    APPLICANT_FIELDS,
    AgencyForm,
    ApplicantForm,
    CitizenActionForm,
    DeclarationForm,
    ReturnMethodForm,
    errors_of,
)

DRAFT = "online_draft"
DONE = "online_done"


# --- the list of online services ------------------------------------------------------------------
@public
def submit_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    versions = list(online.online_versions(query)[:200])
    return render(request, "portal/submit_index.html", {"versions": versions, "q": query})


# --- the draft ------------------------------------------------------------------------------------
def _draft(request: HttpRequest, version: ProcedureVersion) -> dict[str, Any]:
    draft = request.session.get(DRAFT)
    if not draft or draft.get("procedure") != version.procedure.code or draft.get("version") != version.pk:
        _discard(request)
        draft = {
            "procedure": version.procedure.code,
            "version": version.pk,
            "key": online.new_idempotency_key(),
            "agency": "",
            "applicant": {},
            "files": {},
            "declaration": False,
            "return_method": "",
        }
    return dict(draft)


def _save(request: HttpRequest, draft: dict[str, Any]) -> None:
    request.session[DRAFT] = draft


def _discard(request: HttpRequest) -> None:
    draft = request.session.pop(DRAFT, None) or {}
    for stored in (draft.get("files") or {}).values():
        default_storage.delete(stored["path"])


def _steps(version: ProcedureVersion, agencies: list[Any]) -> list[tuple[str, str]]:
    steps = [
        ("nguoi-nop", _("Người nộp")),
        ("giay-to", _("Giấy tờ")),
        ("cam-doan", _("Cam đoan")),
        ("nhan-ket-qua", _("Nhận kết quả")),
        ("xem-lai", _("Xem lại và nộp")),
    ]
    if len(agencies) > 1:
        steps.insert(0, ("co-quan", _("Cơ quan tiếp nhận")))
    return steps


def _complete(step: str, draft: dict[str, Any], version: ProcedureVersion) -> bool:
    if step == "co-quan":
        return bool(draft["agency"])
    if step == "nguoi-nop":
        return bool(draft["applicant"])
    if step == "giay-to":
        mandatory = {str(d.pk) for d in version.documents.all() if d.mandatory}
        return mandatory <= set(draft["files"])
    if step == "cam-doan":
        return bool(draft["declaration"])
    if step == "nhan-ket-qua":
        return bool(draft["return_method"])
    return False


def _applicant(draft: dict[str, Any]) -> Applicant:
    return Applicant(**{name: draft["applicant"].get(name, "") for name in APPLICANT_FIELDS})


# --- the steps ------------------------------------------------------------------------------------
def _post_step(
    request: HttpRequest, step: str, draft: dict[str, Any], version: ProcedureVersion, agencies: list[Any]
) -> dict[str, str]:
    """Validate the step's form into the draft; the errors by field name (empty when valid)."""
    if step == "co-quan":
        form: forms.Form = AgencyForm(agencies, request.POST)
        if form.is_valid():
            draft["agency"] = form.cleaned_data["agency"]
    elif step == "nguoi-nop":
        form = ApplicantForm(request.POST)
        if form.is_valid():
            draft["applicant"] = form.values()
        else:
            draft["applicant_input"] = form.values()
    elif step == "giay-to":
        return _upload_step(request, draft, version)
    elif step == "cam-doan":
        form = DeclarationForm(request.POST)
        draft["declaration"] = form.is_valid()
    elif step == "nhan-ket-qua":
        form = ReturnMethodForm(online.return_methods(version), request.POST)
        if form.is_valid():
            draft["return_method"] = form.cleaned_data["return_method"]
    else:
        return {}
    return errors_of(form)


def _upload_step(request: HttpRequest, draft: dict[str, Any], version: ProcedureVersion) -> dict[str, str]:
    documents = {d.pk: d for d in version.documents.all()}
    chosen = {}
    for document_id in documents:
        file = request.FILES.get(f"document_{document_id}")
        if file is not None:
            chosen[document_id] = file
    errors: dict[str, str] = {}
    if len(chosen) > online.max_files():
        return {"documents": _("Gửi tối đa %(n)s tệp cho một hồ sơ.") % {"n": online.max_files()}}
    if not request.session.session_key:
        request.session.save()
    online.draft_uploads_admit(
        client=client_address(request), session=request.session.session_key or "", files=chosen
    )
    files = dict(draft["files"])
    saved = 0
    # Each file is checked on its own: a rejected file never makes the valid ones chosen with it lost.
    for document_id, file in chosen.items():
        try:
            extension = uploads.check(file, max_bytes=online.max_file_bytes()).extension
        except uploads.UploadRefused as refused:
            errors[f"document_{document_id}"] = refused.naming(file.name)
            continue
        previous = files.get(str(document_id))
        if previous:
            default_storage.delete(previous["path"])
        path = default_storage.save(f"{online.DRAFTS_DIR}/{uuid.uuid4().hex}.{extension}", file)
        files[str(document_id)] = {"path": path, "name": file.name[:120], "size": file.size}
        saved += 1
    if errors and saved:
        errors["documents"] = _(
            "Các tệp hợp lệ đã được lưu; tệp bị từ chối được đánh dấu bên dưới, hãy chọn tệp khác."
        )
    total = sum(f["size"] for f in files.values())
    if total > online.max_total_bytes():
        errors["documents"] = _("Tổng dung lượng các tệp vượt quá %(mb)s MB.") % {
            "mb": online.max_total_bytes() // online.MB
        }
    draft["files"] = files
    for document in documents.values():
        if document.mandatory and str(document.pk) not in files:
            errors.setdefault(f"document_{document.pk}", _("Tải lên %(name)s.") % {"name": document.name})
    return errors


def _client(request: HttpRequest) -> str:
    """This browser session, as the idempotency key's owner (a key answers only its own session)."""
    return online.client_fingerprint(request.session.session_key)


def _submit(
    request: HttpRequest, draft: dict[str, Any], version: ProcedureVersion
) -> HttpResponse | dict[str, str]:
    key = request.POST.get("idempotency_key", "")
    done = online.replayed_submission(key, client=_client(request))
    if done is not None:  # the same form sent twice: the first made the dossier
        request.session[DONE] = done.code
        return redirect("submit:done")
    if key != draft["key"]:
        return {"form": _("Bản nháp đã thay đổi; kiểm tra lại trước khi nộp.")}
    opened = {}
    try:
        for document_id, stored in draft["files"].items():
            opened[int(document_id)] = default_storage.open(stored["path"], "rb")
    except FileNotFoundError:
        done = online.replayed_submission(key, client=_client(request))
        if done is not None:
            request.session[DONE] = done.code
            return redirect("submit:done")
        draft["files"] = {}
        _save(request, draft)
        return {"form": _("Tệp đã tải lên không còn; vui lòng tải lại giấy tờ.")}
    try:
        online.submit_throttle(client_address(request))
        submitted = online.dossier_submit_online(
            procedure_version=version,
            applicant=_applicant(draft),
            files=opened,
            return_method=draft["return_method"],
            declaration=bool(draft["declaration"]),
            idempotency_key=key,
            agency_code=draft["agency"],
            client=_client(request),
        )
    except InvalidInput as exc:
        return {e.field: e.message for e in exc.errors} or {"form": exc.message}
    finally:
        for file in opened.values():
            file.close()
    _discard(request)
    request.session[DONE] = submitted.dossier.code
    return redirect("submit:done")


@public
def submit_form(request: HttpRequest, procedure_code: str) -> HttpResponse:
    version = online.online_version(procedure_code)
    agencies = online.receiving_agencies(version)
    if not agencies:
        raise Http404(procedure_code)
    sent_key = request.POST.get("idempotency_key", "") if request.method == "POST" else ""
    try:
        done = online.replayed_submission(sent_key, client=_client(request))
    except Conflict as exc:  # another session's key: never its dossier
        return render(request, "portal/submit_limited.html", {"message": exc.message}, status=409)
    if done is not None:  # the review form sent again (double click, back and resend): one dossier
        request.session[DONE] = done.code
        return redirect("submit:done")
    draft = _draft(request, version)
    if len(agencies) == 1:
        draft["agency"] = agencies[0].code
    steps = _steps(version, agencies)
    names = [name for name, _label in steps]
    first_open = next((name for name in names if not _complete(name, draft, version)), names[-1])
    step = request.POST.get("buoc") or request.GET.get("buoc") or first_open
    if step not in names or names.index(step) > names.index(first_open):
        step = first_open
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            if step == "xem-lai":
                outcome = _submit(request, draft, version)
                if isinstance(outcome, HttpResponse):
                    return outcome
                errors = outcome
            else:
                errors = _post_step(request, step, draft, version, agencies)
        except RateLimited as exc:
            response = render(request, "portal/submit_limited.html", {"message": exc.message}, status=429)
            response["Retry-After"] = str(exc.retry_after_s)
            return response
        except Conflict as exc:
            return render(request, "portal/submit_limited.html", {"message": exc.message}, status=409)
        input_values = draft.pop("applicant_input", None)
        _save(request, draft)
        if not errors:
            following = names[names.index(step) + 1] if step != names[-1] else step
            return redirect(f"{reverse('submit:form', args=[procedure_code])}?buoc={following}")
        status = 422
    else:
        input_values = None
        _save(request, draft)
    documents = list(version.documents.all())
    context = {
        "version": version,
        "procedure": version.procedure,
        "agencies": agencies,
        "agency": next((a for a in agencies if a.code == draft["agency"]), None),
        "steps": steps,
        "step": step,
        "step_index": names.index(step) + 1,
        "step_label": dict(steps)[step],
        "previous": names[names.index(step) - 1] if names.index(step) > 0 else None,
        "draft": draft,
        "applicant": input_values or draft["applicant"],
        "documents": [(d, draft["files"].get(str(d.pk)), errors.get(f"document_{d.pk}")) for d in documents],
        "return_methods": [(m, ReturnMethod(m).label) for m in online.return_methods(version)],
        "return_method_label": ReturnMethod(draft["return_method"]).label if draft["return_method"] else "",
        "errors": errors,
        "max_file_mb": online.max_file_bytes() // online.MB,
        "max_total_mb": online.max_total_bytes() // online.MB,
    }
    return render(request, "portal/submit_step.html", context, status=status)


@public
def submit_done(request: HttpRequest) -> HttpResponse:
    code = request.session.get(DONE)
    dossier = (
        Dossier.objects.select_related("receiving_agency", "procedure_version__procedure")
        .filter(code=code)
        .first()
        if code
        else None
    )
    if dossier is None:
        return redirect("submit:index")
    citizen_session.token_remember(request, dossier.code, dossier_token(dossier.code))
    response = render(
        request,
        "portal/submit_done.html",
        {
            "dossier": dossier,
            "agency": dossier.receiving_agency,
            "public_url": dossier_public_url(dossier),
            "citizen_url": reverse("submit:citizen", args=[dossier.code]),  # the token is in the session
        },
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


# --- the citizen's page ---------------------------------------------------------------------------
def _citizen_context(dossier: Dossier, token: str) -> dict[str, Any]:
    actions = online.citizen_actions(dossier)
    request_ = (
        online.open_supplement_request(dossier)
        if {"resubmit", "complete_supplement"} & set(actions)
        else None
    )
    return {
        "dossier": dossier,
        "token": token,
        "actions": actions,
        "timeline": [{**row, "at": datetime.fromisoformat(row["at"])} for row in public_timeline(dossier)],
        "documents": dossier.documents.select_related("document").order_by("document__order", "document_id"),
        "asked": list(request_.items.select_related("document")) if request_ else [],
        "errors": {},
        "supplement": request_,
        "supplement_reason": online.note_text(request_),
        "pause": online.citizen_pause(dossier),
        "supplements_done": online.citizen_supplements_done(dossier),
        "due_basis": explain.due_basis(dossier),
        "due_note": explain.due_estimated_note(dossier),
        "result": online.result_file(dossier),
        "max_file_mb": online.max_file_bytes() // online.MB,
    }


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = (
        "same-origin"  # the token must not leak to other sites; "no-referrer" would send "Origin: null" and fail CSRF
    )
    return response


def _token_to_session(request: HttpRequest, code: str) -> HttpResponse | None:
    """A link carrying `?t=` (SMS, QR code, bookmark): keep the token in the session and redirect to
    the same page without it (404 for a wrong token); None when the URL carries no token."""
    token = citizen_session.token_from_query(request)
    if token is None:
        return None
    dossier = online.dossier_for_token(code, token)
    citizen_session.token_remember(request, dossier.code, token)
    return _private(redirect(request.path))


@public
def citizen_page(request: HttpRequest, code: str) -> HttpResponse:
    if moved := _token_to_session(request, code):
        return moved
    token = citizen_session.token_of(request, code)
    dossier = online.dossier_for_token(code, token)
    return _private(render(request, "portal/submit_citizen.html", _citizen_context(dossier, token)))


@public
@require_POST
def citizen_action(request: HttpRequest, code: str) -> HttpResponse:
    token = request.POST.get("t", "")[:80].strip() or citizen_session.token_of(request, code)
    dossier = online.dossier_for_token(code, token)
    citizen_session.token_remember(request, dossier.code, token)
    form = CitizenActionForm(request.POST)
    if not form.is_valid() and "action" in form.errors:
        raise PermissionDenied
    action = form.cleaned_data["action"]
    files = {}
    for name, upload in request.FILES.items():
        if match := online.DOCUMENT_FIELD.fullmatch(name):
            files[int(match.group(1))] = upload
    errors: dict[str, str] = {}
    status = 200
    try:
        if action == "resubmit":
            online.dossier_resubmit(dossier=dossier, files=files)
            done = _("Đã nộp lại hồ sơ; Bộ phận tiếp nhận sẽ kiểm tra lại.")
        elif action == "complete_supplement":
            online.dossier_citizen_complete_supplement(dossier=dossier, files=files)
            done = _("Đã bổ sung hồ sơ; hồ sơ tiếp tục được giải quyết.")
        else:
            # The state before the confirmation (CONTRACTS §5: 409 before 422).
            if not form.cleaned_data["confirm"] and "withdraw" in online.citizen_actions(dossier):
                raise InvalidInput(_("Đánh dấu xác nhận rút hồ sơ."), [])
            online.dossier_citizen_withdraw(dossier=dossier)
            done = _("Đã rút hồ sơ.")
    except Conflict as exc:
        errors, status = {"form": exc.message}, 409
    except InvalidInput as exc:
        errors = {e.field: e.message for e in exc.errors}
        errors.setdefault("form", exc.message)
        status = 422
    if errors:
        dossier.refresh_from_db()
        context = {**_citizen_context(dossier, token), "errors": errors}
        return _private(render(request, "portal/submit_citizen.html", context, status=status))
    messages.success(request, done)
    return redirect("submit:citizen", code=dossier.code)


@public
def citizen_result(request: HttpRequest, code: str) -> HttpResponseBase:
    """The result file attached at `mark_ready` (the electronic result), through the token link,
    once the dossier is RESULT_READY or RETURNED; 404 otherwise or with a wrong token. Not an
    event: events record changes of state."""
    if moved := _token_to_session(request, code):
        return moved
    dossier = online.dossier_for_token(code, citizen_session.token_of(request, code))
    file = online.result_file(dossier)
    if file is None:
        raise Http404
    return file_download(file, files.result_download(dossier, file).filename)


@public
def citizen_scan(request: HttpRequest, code: str, scan_id: int) -> HttpResponseBase:
    """The citizen reopens a file of their own dossier (their upload, the desk's scan, a supplement)
    with the token the session holds (a link with `?t=` moves it there first); 404 with a wrong
    token or a document without a file."""
    if moved := _token_to_session(request, code):
        return moved
    dossier = online.dossier_for_token(code, citizen_session.token_of(request, code))
    scan = files.dossier_scan(dossier, scan_id)
    return file_download(scan.file, scan.filename)
