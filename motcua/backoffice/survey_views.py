"""Back-office pages of the satisfaction survey: the desk's kiosk, paper forms, results per
officer, and the supervisor's follow-up items (with the citizens' comments, logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core.exceptions import Conflict, DomainError, InvalidInput
from motcua.dossiers.codes import code_key
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.surveys import services
from motcua.surveys.forms import (
    SCALE,
    FollowUpCloseForm,
    KioskDutyForm,
    PaperForm,
    QuickRatingForm,
    ReasonForm,
    ResultsForm,
)
from motcua.surveys.models import QuickLevel, Response
from motcua.surveys.publication import default_month
from motcua.surveys.selectors import (
    FOLLOW_UP_ROLES,
    follow_up_comment,
    follow_ups_visible_to,
    officer_results,
)

PAPER_ROLES = (Role.DESK_OFFICER, Role.SUPERVISOR, Role.ADMIN)
RESULTS_ROLES = (
    Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN,
)  # fmt: skip


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _form_errors(form: Any, error: DomainError) -> None:
    form.add_error(None, error.message)
    for field_error in getattr(error, "errors", []):
        if field_error.field in form.fields:
            form.add_error(field_error.field, field_error.message)


# --- the kiosk -------------------------------------------------------------------------------------


@roles_required(Role.KIOSK)
def kiosk(request: HttpRequest) -> HttpResponse:
    """The desk's tablet: citizens tap one of three big buttons (optionally with their dossier's
    code) for the roster's officer at the kiosk's counter, else the officer who signed in here.
    POST `action` = duty_start | rate | duty_end."""
    check_page_role(request)
    user = _user(request)
    duty_form, rate_form = KioskDutyForm(request, prefix="duty"), QuickRatingForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "duty_start":
                duty_form = KioskDutyForm(request, data=request.POST, prefix="duty")
                if not duty_form.is_valid():
                    raise InvalidInput(_("Sai tên đăng nhập hoặc mật khẩu của cán bộ."))
                services.kiosk_duty_start(kiosk=user, officer=duty_form.get_user())
                messages.success(request, _("Cán bộ đã vào ca tại quầy."))
            elif action == "duty_end":
                services.kiosk_duty_end(kiosk=user)
                messages.success(request, _("Cán bộ đã hết ca."))
            elif action == "rate":
                rate_form = QuickRatingForm(request.POST)
                if not rate_form.is_valid():
                    raise InvalidInput(_("Chọn một trong ba mức đánh giá."))
                services.quick_rating_record(kiosk=user, **rate_form.cleaned_data)
                messages.success(request, _("Cảm ơn ông/bà đã đánh giá!"))
            else:
                raise InvalidInput(_("Thao tác không hợp lệ."))
            return redirect("backoffice:kiosk")
        except Conflict as error:
            messages.error(request, error.message)
            status = 409
        except InvalidInput as error:
            _form_errors(duty_form if action == "duty_start" else rate_form, error)
            status = 422
    context = {
        "duty": services.kiosk_duty(user),
        "officer": services.kiosk_officer(user),
        "duty_form": duty_form,
        "rate_form": rate_form,
        "levels": [(QuickLevel.VERY_SATISFIED, QuickLevel.VERY_SATISFIED.label),
                   (QuickLevel.SATISFIED, QuickLevel.SATISFIED.label),
                   (QuickLevel.NOT_SATISFIED, QuickLevel.NOT_SATISFIED.label)],
    }  # fmt: skip
    return render(request, "backoffice/survey_kiosk.html", context, status=status)


# --- paper forms -----------------------------------------------------------------------------------


@roles_required(*PAPER_ROLES)
def paper_entry(request: HttpRequest) -> HttpResponse:
    """Type in a paper form: the dossier must be one the user may see; never by the officer rated."""
    check_page_role(request)
    user = _user(request)
    version = services.questionnaire_published()
    form = PaperForm(request.POST if request.method == "POST" else None, version=version)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise InvalidInput(_("Phiếu chưa hợp lệ: kiểm tra các trường được đánh dấu."))
            dossier = dossiers_visible_to(user).filter(code_key=code_key(form.cleaned_data["code"])).first()
            if dossier is None:
                raise InvalidInput(_("Không tìm thấy hồ sơ có mã này trong các hồ sơ ông/bà được xem."))
            services.survey_record_response(
                dossier=dossier, scores=form.scores(), comment=form.cleaned_data["comment"],
                channel=Response.Channel.PAPER, entered_by=user,
            )  # fmt: skip
            messages.success(request, _("Đã nhập phiếu giấy của hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("backoffice:survey_paper")
        except InvalidInput as error:
            _form_errors(form, error)
            status = 422
        except DomainError as error:  # 409 already answered, 403 the officer rated
            if error.status == 403:
                raise PermissionDenied(error.message) from None
            form.add_error(None, error.message)
            status = error.status
    return render(request, "backoffice/survey_paper.html", {"form": form, "scale": SCALE}, status=status)


# --- results ---------------------------------------------------------------------------------------


@roles_required(*RESULTS_ROLES)
def results(request: HttpRequest) -> HttpResponse:
    """Results per officer for a month: one's own; a leader's staff; everyone's for the supervisor,
    the inspector, the locality leader and the administrator."""
    check_page_role(request)
    form = ResultsForm(request.GET)
    period = (form.cleaned_data.get("month") if form.is_valid() else None) or default_month()
    rows = officer_results(_user(request), period)
    return render(request, "backoffice/survey_results.html", {"rows": rows, "period": period})


# --- follow-up -------------------------------------------------------------------------------------


@roles_required(*FOLLOW_UP_ROLES)
def follow_up_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    items = follow_ups_visible_to(_user(request))
    if request.GET.get("trang-thai") != "tat-ca":
        items = items.filter(closed_at__isnull=True)
    page = Paginator(items.order_by("-created_at"), 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/survey_follow_up_list.html", {"page": page})


@roles_required(*FOLLOW_UP_ROLES)
def follow_up_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    """One item: the answers (no names), the comment (logged; the inspector states a reason first),
    and for the supervisor the form that closes it with a note."""
    user = _user(request)
    item = get_object_or_404(follow_ups_visible_to(user), pk=item_id)
    check_page_role(request)
    reason_form = ReasonForm(request.POST if request.POST.get("action") == "reason" else None)
    close_form = FollowUpCloseForm(request.POST if request.POST.get("action") == "close" else None)
    reason = reason_form.cleaned_data["reason"] if reason_form.is_bound and reason_form.is_valid() else ""
    status = 200
    if close_form.is_bound:
        if not user.roles & {Role.SUPERVISOR, Role.ADMIN}:
            raise PermissionDenied
        try:
            if not close_form.is_valid():
                raise InvalidInput(_("Ghi rõ cách đã xử lý."))
            services.follow_up_close(item=item, officer=user, note=close_form.cleaned_data["note"])
            messages.success(request, _("Đã đóng việc theo dõi."))
            return redirect("backoffice:survey_follow_up_detail", item_id=item.pk)
        except Conflict as error:
            close_form.add_error(None, error.message)
            status = 409
        except InvalidInput as error:
            _form_errors(close_form, error)
            status = 422
    if request.method == "POST" and not (close_form.is_bound or reason_form.is_bound):
        raise Http404
    answers = (
        item.response.answers.select_related("question__criterion").order_by(
            "question__criterion__order", "question__order"
        )
        if item.response
        else []
    )
    context = {
        "item": item,
        "answers": answers,
        "comment": follow_up_comment(user, item, reason=reason),
        "has_comment": bool(item.response and item.response.comment),
        "reason_form": reason_form,
        "close_form": close_form,
        "may_close": bool(user.roles & {Role.SUPERVISOR, Role.ADMIN}) and item.closed_at is None,
    }
    response = render(request, "backoffice/survey_follow_up_detail.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
