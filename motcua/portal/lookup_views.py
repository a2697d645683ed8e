"""The public look-up page `/tra-cuu/` (CONTRACTS §6): code, optional last four phone digits, or the token link."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import public
from motcua.core.exceptions import InvalidInput, RateLimited
from motcua.core.http import client_address
from motcua.dossiers.lookup import lookup

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


@public
def lookup_page(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")[:80].strip()
    phone4 = request.GET.get("phone4", "")[:10].strip()
    token = request.GET.get("t", "")[:80].strip()
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
