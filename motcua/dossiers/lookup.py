"""Public look-up of a dossier by its code, on the web and the API (CONTRACTS §6) and by SMS (DOMAIN §11).

Three levels of answer, never any personal data beyond the masked name:

- the code alone: state and times;
- the code and the last four digits of the applicant's phone (`phone4`): adds the procedure, the
  receiving agency, the masked name and the public timeline (labels only: no notes, no officers);
- the code and its token (the QR code of form 01, the SMS link): adds the documents handed in and
  the result.

Abuse limits are counters of `motcua.core.ratelimit`, rows in the database that every process
shares: per client (`LOOKUP_RATE_PER_MINUTE`), per dossier for wrong `phone4` (at most
`LOOKUP_PHONE4_FAILURES` wrong guesses evaluated in an hour from the first; the last of them locks
the verified look-up for `LOOKUP_LOCK_SECONDS`, and the count stays for its hour) and per SMS
sender (`SMS_INBOUND_RATE_PER_HOUR`). Each guess is counted by one atomic statement before it is
compared, so simultaneous guesses cannot all pass the check (docs/lookup.md).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.models import normalise_phone
from motcua.core import ratelimit
from motcua.core.exceptions import FieldError, InvalidInput, RateLimited
from motcua.core.instants import iso, local_text
from motcua.dossiers import messages
from motcua.dossiers.codes import code_key, dossier_token_matches
from motcua.dossiers.models import RESULT_STATES, Action, Channel, Dossier, DossierEvent, State
from motcua.dossiers.selectors import masked_name
from motcua.notifications.services import message_queue, template_get, template_render

# What the citizen reads for each action. `create` shows only for online dossiers (at the desk the
# record is created and received, guided or refused in the same minute).
PUBLIC_LABELS: dict[str, Any] = {
    Action.CREATE: gettext_lazy("Nộp hồ sơ trực tuyến"),
    Action.RECEIVE: gettext_lazy("Tiếp nhận hồ sơ"),
    Action.GUIDE: gettext_lazy("Hướng dẫn bổ sung, hoàn thiện hồ sơ"),
    Action.REFUSE: gettext_lazy("Từ chối tiếp nhận hồ sơ"),
    Action.RESUBMIT: gettext_lazy("Nộp lại hồ sơ"),
    Action.ASSIGN: gettext_lazy("Bắt đầu giải quyết"),
    Action.FORWARD: gettext_lazy("Chuyển xử lý"),
    Action.SEND_BACK: gettext_lazy("Chuyển xử lý"),
    Action.REQUEST_SUPPLEMENT: gettext_lazy("Yêu cầu bổ sung hồ sơ"),
    Action.COMPLETE_SUPPLEMENT: gettext_lazy("Đã bổ sung hồ sơ"),
    Action.PAUSE: gettext_lazy("Tạm dừng tính thời hạn"),
    Action.RESUME: gettext_lazy("Tiếp tục tính thời hạn"),
    Action.APOLOGISE: gettext_lazy("Xin lỗi, hẹn lại ngày trả kết quả"),
    Action.MARK_READY: gettext_lazy("Đã có kết quả giải quyết"),
    Action.RETURN_RESULT: gettext_lazy("Đã trả kết quả"),
    Action.STOP: gettext_lazy("Dừng giải quyết"),
    Action.WITHDRAW: gettext_lazy("Rút hồ sơ"),
}
_PHONE4 = re.compile(r"[0-9]{4}")  # ASCII digits: `\d` matches any Unicode digit
_SMS_PUNCTUATION = re.compile(r"[:;,#*]+")


# --- counters -------------------------------------------------------------------------------------
def _throttle_client(client: str) -> None:
    hits, left = ratelimit.count(f"lookup:client:{ratelimit.digest(client)}", 60)
    if hits > settings.LOOKUP_RATE_PER_MINUTE:
        raise RateLimited(left, _("Tra cứu quá nhiều lần, vui lòng thử lại sau %(s)s giây.") % {"s": left})


def _lock_key(dossier: Dossier) -> str:
    return f"lookup:phone4:lock:{dossier.pk}"


def _check_phone4_lock(dossier: Dossier) -> None:
    until = cache.get(_lock_key(dossier))
    now = time.time()
    if until is not None and until > now:
        left = max(1, math.ceil(until - now))
        raise RateLimited(left, _locked_message(left))


def _locked_message(left: int) -> str:
    return _(
        "Đã nhập sai số điện thoại quá nhiều lần; tra cứu có xác minh của hồ sơ này tạm khóa, thử lại sau %(m)s phút."
    ) % {"m": math.ceil(left / 60)}


def _failures_key(dossier: Dossier) -> str:
    return f"lookup:phone4:fail:{dossier.pk}"


def _reserve_phone4_guess(dossier: Dossier) -> int | None:
    """Count this guess as a failure before it is evaluated, in one atomic statement
    (`ratelimit.count_from_first`), so that simultaneous guesses cannot all pass one check: at most
    `LOOKUP_PHONE4_FAILURES` wrong guesses per code in an hour from the first. The guess's place in
    the budget, or None when the budget is spent or the code is locked."""
    used, _left = ratelimit.count_from_first(_failures_key(dossier), 3600)
    if used > settings.LOOKUP_PHONE4_FAILURES or cache.get(_lock_key(dossier)) is not None:
        _release_phone4_guess(dossier)
        return None
    if used == settings.LOOKUP_PHONE4_FAILURES:
        # The budget's last guess locks before it is evaluated, so that none slips in after it.
        seconds = settings.LOOKUP_LOCK_SECONDS
        cache.set(_lock_key(dossier), time.time() + seconds, timeout=seconds)
    return used


def _release_phone4_guess(dossier: Dossier) -> None:
    """A right guess, or a refused one, is no failure: its reservation is given back."""
    ratelimit.give_back(_failures_key(dossier))


def _phone4_answered(dossier: Dossier, *, used: int, right: bool) -> None:
    if not right:
        return  # the reservation stands as the failure
    _release_phone4_guess(dossier)
    if used == settings.LOOKUP_PHONE4_FAILURES:
        cache.delete(_lock_key(dossier))  # the guess that locked was the right one


# --- answers --------------------------------------------------------------------------------------


def _bare(dossier: Dossier) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "status": dossier.state,
        "status_label": str(State(dossier.state).label),
        "received_at": iso(dossier.received_at, timespec="seconds"),
        "due_at": iso(dossier.due_at, timespec="seconds"),
        "rescheduled_due_at": iso(dossier.rescheduled_due_at, timespec="seconds"),
        "result_ready": dossier.state in RESULT_STATES,
    }


def public_timeline(dossier: Dossier) -> list[dict[str, Any]]:
    """The events a citizen may read: when and what, in Vietnamese; never notes or officers."""
    rows = []
    for event in DossierEvent.objects.filter(dossier=dossier).only("at", "action").order_by("seq"):
        if event.action == Action.CREATE and dossier.channel != Channel.ONLINE:
            continue
        label = PUBLIC_LABELS.get(event.action)
        if label is not None:
            rows.append({"at": iso(event.at, timespec="seconds"), "label": str(label)})
    return rows


def _verified(dossier: Dossier) -> dict[str, Any]:
    return {
        **_bare(dossier),
        "verified": True,
        "procedure": dossier.procedure_version.procedure.name,
        "agency": dossier.receiving_agency.name,
        "applicant": masked_name(dossier),
        "timeline": public_timeline(dossier),
    }


def _citizen(dossier: Dossier) -> dict[str, Any]:
    """The citizen's page (token): the verified answer, their documents, the result, form 02."""
    version = dossier.procedure_version
    answer = _verified(dossier)
    answer["documents"] = [
        {"name": d.document.name, "originals": d.originals, "copies": d.copies, "electronic": bool(d.scan)}
        for d in dossier.documents.select_related("document").order_by("document__order", "document_id")
    ]
    answer["result"] = (
        {
            "name": version.result_name,
            "return_method": dossier.return_method,
            "return_method_label": str(dossier.get_return_method_display()),
            "ready_at": iso(dossier.finished_at, timespec="seconds"),
        }
        if dossier.state in RESULT_STATES
        else None
    )
    open_request = (
        dossier.supplement_requests.filter(completed_at__isnull=True).order_by("-requested_at").first()
    )
    answer["supplement"] = (
        {
            "number": open_request.number,
            "documents": [i.document.name for i in open_request.items.select_related("document")],
        }
        if open_request and dossier.state in {State.GUIDED, State.AWAITING_SUPPLEMENT}
        else None
    )
    return answer


def _find(code: str) -> Dossier:
    key = code_key(code or "")
    if not key:
        raise InvalidInput(
            _("Nhập mã hồ sơ."), [FieldError("code", _("Nhập mã hồ sơ in trên giấy tiếp nhận."))]
        )
    dossier = (
        Dossier.objects.select_related("receiving_agency", "procedure_version__procedure")
        .filter(code_key=key)
        .first()
    )
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ có mã này."))
    return dossier


def lookup(code: str, phone4: str | None = None, token: str | None = None, *, client: str) -> dict[str, Any]:
    """CONTRACTS §6 for `client` (the caller's address, for the rate limit).

    Unknown code or wrong token → Http404; too many look-ups or a locked code → RateLimited;
    `phone4` that is not four digits → InvalidInput. A wrong `phone4` answers the bare facts with
    `"verified": False` and counts towards the code's lock.
    """
    _throttle_client(client)
    dossier = _find(code)
    if token:
        if not dossier_token_matches(dossier.code, token):
            raise Http404(_("Đường dẫn tra cứu không đúng."))
        return _citizen(dossier)
    phone4 = (phone4 or "").strip()
    if not phone4:
        return _bare(dossier)
    if not _PHONE4.fullmatch(phone4):
        raise InvalidInput(
            _("Số điện thoại chưa đúng."),
            [FieldError("phone4", _("Nhập đúng 4 chữ số cuối của số điện thoại."))],
        )
    _check_phone4_lock(dossier)
    used = _reserve_phone4_guess(dossier)
    if used is None:
        _check_phone4_lock(dossier)
        raise RateLimited(settings.LOOKUP_LOCK_SECONDS, _locked_message(settings.LOOKUP_LOCK_SECONDS))
    digits = re.sub(r"[^0-9]", "", dossier.applicant_phone)
    right = len(digits) >= 4 and constant_time_compare(digits[-4:], phone4)
    _phone4_answered(dossier, used=used, right=right)
    return _verified(dossier) if right else {**_bare(dossier), "verified": False}


# --- SMS ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SmsReply:
    reply: str
    queued: bool

    def as_dict(self) -> dict[str, Any]:
        return {"reply": self.reply, "queued": self.queued}


def sms_dossier(text: str) -> Dossier | None:
    """The dossier named by `<KEYWORD> <code>`: keyword glued or not, code with or without separators."""
    key = code_key(_SMS_PUNCTUATION.sub(" ", text or ""))
    keywords = sorted(
        {code_key(k) for k in settings.SMS_LOOKUP_KEYWORDS if code_key(k)}, key=len, reverse=True
    )
    for keyword in keywords:
        if key.startswith(keyword) and len(key) > len(keyword):
            dossier = Dossier.objects.filter(code_key=key[len(keyword) :]).first()
            if dossier is not None:
                return dossier
    return None


def _when(instant: datetime | None) -> str:
    return local_text(instant) if instant else _("chưa xác định")


def _status_context(dossier: Dossier) -> dict[str, str]:
    if dossier.state == State.RESULT_READY:
        result = _("Đã có kết quả, mời nhận.")
    elif dossier.state == State.RETURNED:
        result = _("Đã trả kết quả.")
    else:
        result = _("Chưa có kết quả.")
    return {
        "code": dossier.code,
        "status": str(State(dossier.state).label),
        "due": _when(dossier.rescheduled_due_at or dossier.due_at),
        "result": result,
    }


def _sender_key(sender: str) -> str:
    try:
        return normalise_phone(sender)
    except ValidationError:
        return sender.strip()


def lookup_sms_reply(*, sender: str, text: str) -> SmsReply:
    """Answer an SMS `<KEYWORD> <code>` from `sender`: status, due date, result ready — nothing personal.

    Wrong syntax or an unknown code gets the help text. A sender over `SMS_INBOUND_RATE_PER_HOUR`
    in the current hour gets one short refusal, then silence until the hour ends (no SMS loops with
    auto-responders, no bill run up by a script). The reply is queued in the outbox as an SMS, or
    only returned to the gateway when `SMS_INBOUND_REPLY` is "sync".
    """
    to = _sender_key(sender)
    hits, left = ratelimit.count(f"lookup:sms:{ratelimit.digest(to)}", 3600)
    dossier: Dossier | None = None
    if hits > settings.SMS_INBOUND_RATE_PER_HOUR:
        first_refusal = cache.add(
            f"lookup:sms:told:{ratelimit.digest(to)}:{int(time.time() // 3600)}", 1, timeout=3601
        )
        if not first_refusal:
            return SmsReply("", False)
        template, context = messages.LOOKUP_LIMITED, {"minutes": str(math.ceil(left / 60))}
    else:
        dossier = sms_dossier(text)
        if dossier is None:
            template = messages.LOOKUP_HELP
            context = {"keyword": settings.SMS_LOOKUP_KEYWORDS[0], "short_code": settings.SMS_SHORT_CODE}
        else:
            template, context = messages.LOOKUP_STATUS, _status_context(dossier)
    subject_ref = f"sms-lookup:{dossier.code if dossier else ''}"
    if settings.SMS_INBOUND_REPLY == "sync":
        stored = template_get(key=template, channel="SMS")
        if not stored.is_active:
            return SmsReply("", False)
        return SmsReply(template_render(template=stored, context=context)[1], False)
    message = message_queue(channel="SMS", to=to, template=template, context=context, subject_ref=subject_ref)
    return SmsReply(message.body, True) if message is not None else SmsReply("", False)
