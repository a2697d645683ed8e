"""The public look-up page `/tra-cuu/` (CONTRACTS §6): code, optional last four phone digits, or the token link."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from motcua.accounts.access import public
from motcua.core.exceptions import InvalidInput, RateLimited
from motcua.core.http import client_address
from motcua.dossiers.lookup import lookup
from motcua.dossiers.online import dossier_for_token
from motcua.portal import citizen_session

TIME_KEYS = ("received_at", "due_at", "rescheduled_due_at")


def _with_datetimes(answer: dict[str, Any]) -> dict[str, Any]:
    """The API's ISO strings as datetimes, for the templates' date formats."""
    shown = dict(answer)
    for key in TIME_KEYS:
        shown[key] = datetime.fromisoformat(answer[key]) if answer.get(key) else None
    shown["timeline"] = [
        {**row, "at": datetime.fromisoformat(row["at"])} for row in answer.get("timeline") or []
    ]
    if answer.get("result") and answer["result"].get("ready_at"):
        shown["result"] = {
            **answer["result"],
            "ready_at": datetime.fromisoformat(answer["result"]["ready_at"]),
        }
    return shown


def _secrets_to_session(request: HttpRequest, code: str) -> HttpResponse | None:
    """An old link with `phone4=` or `t=` in its URL: keep them in the session and redirect to
    `/tra-cuu/?code=<code>` (a wrong token is a 404 page); None when the URL carries neither."""
    token = citizen_session.token_from_query(request)
    phone4 = request.GET.get("phone4", "")[:10].strip()
    if token is None and not phone4:
        return None
    if token is not None:
        try:
            dossier = dossier_for_token(code, token)
        except Http404:
            return None  # answered below as not found, as before
        citizen_session.token_remember(request, dossier.code, token)
    if phone4:
        citizen_session.phone4_remember(request, code, phone4)
    response = redirect(f"{reverse('lookup:lookup')}?{urlencode({'code': code})}")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@public
def lookup_page(request: HttpRequest) -> HttpResponse:
    """GET `?code=` (the code alone, or a link's secrets moved to the session first) or POST the form
    with the code and the phone digits: the digits never appear in a URL."""
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("code", "")[:80].strip()
    if request.method == "POST":
        phone4, token = request.POST.get("phone4", "")[:10].strip(), ""
    else:
        if moved := _secrets_to_session(request, code):
            return moved
        phone4 = citizen_session.phone4_take(request, code)
        token = citizen_session.token_from_query(request) or citizen_session.token_of(request, code)
    context: dict[str, Any] = {
        "code": code,
        "phone4": phone4,
        "keyword": settings.SMS_LOOKUP_KEYWORDS[0],
        "short_code": settings.SMS_SHORT_CODE,
    }
    if not code:
        return render(request, "portal/lookup.html", context)
    status = 200
    try:
        answer = lookup(code, phone4=phone4 or None, token=token or None, client=client_address(request))
    except Http404:
        context["error"] = "not_found"
        status = 404
    except RateLimited as exc:
        context["error"] = "limited"
        context["message"] = exc.message
        context["retry_after"] = exc.retry_after_s
        status = 429
    except InvalidInput as exc:
        context["error"] = "invalid"
        context["errors"] = {e.field: e.message for e in exc.errors}
        status = 422
    else:
        context["answer"] = _with_datetimes(answer)
        context["citizen"] = bool(token)
        context["token"] = token  # for the link to the citizen's actions (motcua.portal.submit_views)
    response = render(request, "portal/lookup.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(context["retry_after"])
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token link must not leak to other sites
    return response
