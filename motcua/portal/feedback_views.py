"""Public petition pages (`/phan-anh/`): the published answers (no personal data), the form, the
petitioner's page by token, likes and dislikes, and the A4 list for the desk's notice board."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts.access import public
from motcua.accounts.models import Agency
from motcua.core import ratelimit
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.http import client_address
from motcua.core.pdf import pdf_cached
from motcua.core.periods import month_containing, parse_month
from motcua.core.sessions import session_recall, session_remember
from motcua.dossiers.online import dossier_for_token
from motcua.feedback import limits, selectors, services
from motcua.feedback.codes import petition_code_key, petition_token
from motcua.feedback.models import Category, Channel
from motcua.portal import citizen_session

TOKENS = "petition_tokens"
FILINGS_PER_HOUR = 10  # per client address: the form is public
VOTER_COOKIE = "motcua_voter"
VOTER_SALT = "motcua.feedback.voter"
# Browsers behind one address (an office, a mobile operator's NAT) may each vote; beyond this a
# script is at work.
VOTES_PER_ADDRESS_PER_DAY = 20


class PetitionForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("Loại phản ánh, kiến nghị"), choices=Category.choices,
                                 widget=forms.RadioSelect)  # fmt: skip
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=200)
    content = forms.CharField(label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    officer_name = forms.CharField(label=gettext_lazy("Tên cán bộ (nếu phản ánh về hành vi của cán bộ)"),
                                   max_length=150, required=False)  # fmt: skip
    dossier = forms.CharField(
        label=gettext_lazy("Mã hồ sơ liên quan (nếu có)"), max_length=60, required=False
    )
    anonymous = forms.BooleanField(label=gettext_lazy("Gửi nặc danh (chỉ là tin báo, không được trả lời)"),
                                   required=False)  # fmt: skip
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150, required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    consent = forms.BooleanField(
        label=gettext_lazy(
            "Tôi đồng ý để cơ quan nhà nước xử lý thông tin cá nhân trên để trả lời phản ánh."
        ),
        required=False,
    )


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _dossier_from_citizen(request: HttpRequest, code: str) -> Any:
    """The dossier named in `?ho_so=` if this session holds its token (the citizen's page link)."""
    token = citizen_session.token_of(request, code)
    if not code or not token:
        return None
    try:
        return dossier_for_token(code, token)
    except Http404:
        return None


@public
def petition_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    category = request.GET.get("loai", "")
    category = category if category in Category.values else ""
    petitions = list(selectors.published_search(q, category=category)[:100])
    rows = [(selectors.public_copy(p), limits.limits_check(p)) for p in petitions]
    return render(
        request,
        "portal/feedback_list.html",
        {"rows": rows, "q": q, "category": category, "categories": Category.choices},
    )


@public
def petition_new(request: HttpRequest) -> HttpResponse:
    dossier = _dossier_from_citizen(request, request.GET.get("ho_so", "") or request.POST.get("dossier", ""))
    if request.method == "POST":
        form = PetitionForm(request.POST, request.FILES)
        sent, retry_after = ratelimit.count(f"petition:{ratelimit.digest(client_address(request))}", 3600)
        if sent > FILINGS_PER_HOUR:
            form.add_error(None, _("Đã gửi quá nhiều phản ánh từ máy này; vui lòng thử lại sau."))
            response = render(
                request, "portal/feedback_form.html", {"form": form, "dossier": dossier}, status=429
            )
            response["Retry-After"] = str(retry_after)
            return _private(response)
        if form.is_valid():
            data = form.cleaned_data
            filing = services.Filing(
                channel=Channel.PORTAL, category=data["category"], title=data["title"], content=data["content"],
                name=data["name"], address=data["address"], phone=data["phone"], email=data["email"],
                consent=data["consent"], anonymous=data["anonymous"], dossier=dossier,
                files=request.FILES.getlist("files"),
            )  # fmt: skip
            if data["officer_name"]:
                filing.content = f"{filing.content}\n\n{_('Cán bộ được nêu tên')}: {data['officer_name']}"
            if data["dossier"] and dossier is None:  # typed, not opened from the dossier's own page
                filing.content = f"{filing.content}\n\n{_('Mã hồ sơ người gửi nêu')}: {data['dossier']}"
            try:
                petition = services.petition_file(filing)
            except InvalidInput as exc:
                for error in exc.errors:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                token = petition_token(petition.code)
                session_remember(request, TOKENS, petition.code_key, token)
                messages.success(
                    request,
                    _("Đã gửi phản ánh %(code)s. Lưu đường dẫn để theo dõi.") % {"code": petition.code},
                )
                return _private(redirect("feedback_portal:detail", petition_code=petition.code))
        status = 422
    else:
        initial: dict[str, Any] = {"category": Category.REGULATION}
        if dossier is not None:
            initial.update(dossier=dossier.code, name=dossier.applicant_name, phone=dossier.applicant_phone,
                           email=dossier.applicant_email,
                           address=", ".join(x for x in (dossier.applicant_street, dossier.applicant_commune,
                                                          dossier.applicant_province) if x))  # fmt: skip
        form = PetitionForm(initial=initial)
        status = 200
    context = {"form": form, "dossier": dossier}
    return _private(render(request, "portal/feedback_form.html", context, status=status))


def _voter(request: HttpRequest) -> str:
    """The browser's identity for "once per browser": a random value we signed, so a script cannot
    mint new voters by changing the cookie (a cleared cookie is a new browser: the per-address limit
    of `petition_vote` bounds that)."""
    raw = request.get_signed_cookie(VOTER_COOKIE, default="", salt=VOTER_SALT)
    return hashlib.sha256(raw.encode()).hexdigest() if raw else ""


@public
def petition_detail(request: HttpRequest, petition_code: str) -> HttpResponse:
    """With the token (kept in the session): the petitioner's page; otherwise the published answer."""
    if "t" in request.GET:
        token = request.GET.get("t", "")[:80].strip()
        petition = selectors.petition_for_token(petition_code, token)
        if petition is None:
            raise Http404(_("Đường dẫn phản ánh không đúng."))
        session_remember(request, TOKENS, petition.code_key, token)
        return _private(redirect(request.path))
    token = session_recall(request, TOKENS, petition_code_key(petition_code))
    petition = selectors.petition_for_token(petition_code, token) if token else None
    if petition is not None:
        context = {"petition": petition, "owner": True, "check": limits.limits_check(petition),
                   "question": petition.texts.filter(author__isnull=False).last()}  # fmt: skip
        return _private(render(request, "portal/feedback_detail.html", context))
    petition = selectors.published_search().filter(code_key=petition_code_key(petition_code)).first()
    if petition is None:
        raise Http404
    response = render(
        request,
        "portal/feedback_detail.html",
        {"petition": selectors.public_copy(petition), "owner": False, "check": limits.limits_check(petition)},
    )
    if not _voter(request):
        response.set_signed_cookie(VOTER_COOKIE, secrets.token_urlsafe(24), salt=VOTER_SALT,
                                   max_age=5 * 365 * 86400, samesite="Lax", httponly=True)  # fmt: skip
    return response


@public
@require_POST
def petition_vote(request: HttpRequest, petition_code: str) -> HttpResponse:
    petition = selectors.published_search().filter(code_key=petition_code_key(petition_code)).first()
    if petition is None:
        raise Http404
    address = ratelimit.digest(client_address(request))
    votes, retry_after = ratelimit.count(f"vote:{petition.pk}:{address}", 86400)
    if votes > VOTES_PER_ADDRESS_PER_DAY:
        response = HttpResponse(
            _("Đã có quá nhiều đánh giá từ địa chỉ mạng này cho trả lời này; vui lòng thử lại sau."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(retry_after)
        return response
    try:
        counted = services.petition_vote(
            petition, browser=_voter(request), like=request.POST.get("vote") == "like"
        )
    except (Conflict, InvalidInput) as exc:
        messages.error(request, exc.message)
    else:
        if counted:
            messages.success(request, _("Cảm ơn ông/bà đã đánh giá."))
        else:
            messages.info(request, _("Trình duyệt này đã đánh giá trả lời này."))
    return redirect("feedback_portal:detail", petition_code=petition.code)


@public
@require_POST
def petition_reply(request: HttpRequest, petition_code: str) -> HttpResponse:
    """The petitioner answers the request for more information (token in the session)."""
    token = session_recall(request, TOKENS, petition_code_key(petition_code))
    petition = selectors.petition_for_token(petition_code, token) if token else None
    if petition is None:
        raise Http404
    try:
        services.petition_act(
            petition, "provide_info", officer=None, body={"reply": request.POST.get("reply", "")}
        )
    except (Conflict, InvalidInput) as exc:
        messages.error(request, exc.message)
        petition.refresh_from_db()
        context = {
            "petition": petition,
            "owner": True,
            "check": limits.limits_check(petition),
            "question": petition.texts.filter(author__isnull=False).last(),
            "reply": request.POST.get("reply", ""),
            "reply_error": exc.message,
        }
        return _private(render(request, "portal/feedback_detail.html", context, status=exc.status))
    messages.success(request, _("Đã gửi thông tin bổ sung."))
    return _private(redirect("feedback_portal:detail", petition_code=petition.code))


def _print_context(request: HttpRequest) -> dict[str, Any]:
    try:
        period = parse_month(request.GET.get("thang", "")) if request.GET.get("thang") else None
    except InvalidInput:
        period = None
    if period is None:
        period = month_containing(timezone.localdate())
    agency = Agency.objects.filter(parent__isnull=True).order_by("pk").first()
    rows = [(selectors.public_copy(p), limits.limits_check(p)) for p in selectors.published_in(period)]
    return {"period": period, "rows": rows, "agency": agency}


@public
def petition_print(request: HttpRequest) -> HttpResponse:
    """The period's published answers on A4, for the desk's notice board (seed 6.3); `?pdf=1` a PDF."""
    context = _print_context(request)
    if request.GET.get("pdf"):
        html = render_to_string("feedback/notice_board.html", {**context, "for_pdf": True}, request=request)
        period = context["period"]
        pdf = pdf_cached(("feedback", "notice"), f"phan-anh-{period.start:%Y%m%d}-{period.end:%Y%m%d}", html)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="phan-anh-{period.end:%Y-%m}.pdf"'
        return response
    return render(request, "feedback/notice_board.html", context)
