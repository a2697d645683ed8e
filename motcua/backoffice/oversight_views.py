"""Oversight pages (issue 19): late dossiers and explanations, monthly staff evaluations, the desk
roster, the evaluation of procedure handling, written reminders, and the periodic report to the
People's Committee. Each view parses, makes one
call into `oversight` and renders."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import check_page_role, require_role, roles_required
from motcua.accounts.models import Agency, PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.backoffice.report_filters import report_filters, report_filters_invalid
from motcua.core.exceptions import DomainError, InvalidInput
from motcua.core.periods import Period, month_containing
from motcua.core.xlsx import Sheet, xlsx_response
from motcua.dossiers.selectors import dossier_get_visible
from motcua.oversight import exports, periodic, selectors, services
from motcua.oversight.forms import (
    AssessmentForm,
    CorrectionForm,
    DesignateForm,
    DeskMeetingForm,
    DeskReviewForm,
    DutyForm,
    ExplanationForm,
    FollowUpForm,
    InspectionForm,
    MonthForm,
    ReminderForm,
    ReplyForm,
    ViolationForm,
)
from motcua.oversight.models import CHECKLIST, Reminder
from motcua.reports.figures import Scope
from motcua.reports.forms import ReportFilterForm, period_label
from motcua.reports.selectors import REPORT_ROLES, report_agencies, reports_locality_wide

# Who reads the locality's oversight lists; who acts on them.
READERS = (Role.SUPERVISOR, Role.INSPECTOR, Role.LOCALITY_LEADER, Role.ADMIN)
SUPERVISOR = (Role.SUPERVISOR,)
# Pages naming officers (violations, reminders): not for the locality leader, who reads lists
# without personal data (CONTRACTS §5).
STAFF_READERS = (Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _period(request: HttpRequest) -> tuple[Period, str, MonthForm]:
    """The reporting month of `?month=` (the current one by default)."""
    form = MonthForm(request.GET or None)
    if request.GET.get("month") and form.is_valid():
        return form.cleaned_data["month"], request.GET["month"], form
    period = month_containing(timezone.localdate())
    return period, f"{period.end:%Y-%m}", MonthForm(initial={"month": f"{period.end:%Y-%m}"})


def _filter_context(request: HttpRequest, form: ReportFilterForm, scope: Scope) -> dict[str, Any]:
    return {
        "form": form, "period": form.period, "period_text": period_label(form.period), "scope": scope,
        "agencies": report_agencies(_user(request)), "query": request.GET.urlencode(),
    }  # fmt: skip


def _invalid(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "invalid_input.html", {"message": message}, status=422)


# --- late dossiers and explanations ----------------------------------------------------------------


@roles_required(*READERS)
def late_list(request: HttpRequest) -> HttpResponse:
    """The month's late dossiers with the agency at fault and the explanation; the supervisor asks
    every agency at fault for its explanation in one step (POST)."""
    check_page_role(request)
    user = _user(request)
    period, month, form = _period(request)
    if request.method == "POST":
        require_role(user, SUPERVISOR)
        created = services.explanations_request(period=period, officer=user)
        messages.success(request, _("Đã đề nghị giải trình %(n)d hồ sơ trễ hạn.") % {"n": len(created)})
        return redirect(f"{request.path}?month={month}")
    rows = selectors.late_dossiers(period)
    agencies = Agency.objects.in_bulk([r.at_fault for r in rows if r.at_fault])
    context = {
        "rows": [(r, agencies.get(r.at_fault or 0)) for r in rows], "period": period, "month": month, "form": form,
        "may_request": user.has_role(Role.SUPERVISOR), "unasked": sum(1 for r in rows if r.explanation is None),
        "now": timezone.now(),
    }  # fmt: skip
    return render(request, "oversight/late_list.html", context)


@roles_required(*SUPERVISOR)
def late_designate(request: HttpRequest, code: str) -> HttpResponse:
    """The supervisor names the agency at fault of a late dossier (open, or finished late up to
    OVERSIGHT_DESIGNATION_DAYS after its reporting month)."""
    user = _user(request)
    dossier = dossier_get_visible(user, code)
    if dossier is None:
        raise Http404
    check_page_role(request)
    agencies = Agency.objects.filter(pk__in=dossier.steps.values("agency_id")).order_by("name")
    form = DesignateForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.late_dossier_designate_fault(
                    dossier=dossier,
                    officer=user,
                    agency=form.cleaned_data["agency"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(
                    request, _("Đã xác định cơ quan để chậm hồ sơ %(code)s.") % {"code": dossier.code}
                )
                month = month_containing(timezone.localtime(dossier.finished_at or timezone.now()).date())
                return redirect(f"/quan-tri/giam-sat/ho-so-tre-han/?month={month.end:%Y-%m}")
        else:
            status = 422
    return render(request, "oversight/late_designate.html", {"dossier": dossier, "form": form}, status=status)


@roles_required(Role.LEADER, *READERS)
def explanation_list(request: HttpRequest) -> HttpResponse:
    """A leader: what their agency owes; locality-wide staff: all, with the overdue ones first."""
    check_page_role(request)
    user = _user(request)
    visible = selectors.explanations_visible_to(user)
    only_overdue = request.GET.get("qua_han") == "1"
    if only_overdue:
        visible = visible.overdue(at=timezone.now())
    pending = list(visible.pending())
    answered = list(visible.filter(answered_at__isnull=False).order_by("-answered_at")[:100])
    context = {"pending": pending, "answered": answered, "only_overdue": only_overdue, "now": timezone.now()}
    return render(request, "oversight/explanation_list.html", context)


@roles_required(Role.LEADER, *READERS)
def explanation_detail(request: HttpRequest, explanation_id: int) -> HttpResponse:
    user = _user(request)
    explanation = get_object_or_404(selectors.explanations_visible_to(user), pk=explanation_id)
    check_page_role(request)
    may_answer = (
        explanation.answered_at is None
        and user.has_role(Role.LEADER)
        and user.agency_id == explanation.agency_id
    )
    form = ExplanationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_role(user, {Role.LEADER})
        if form.is_valid():
            try:
                services.explanation_submit(explanation=explanation, officer=user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(
                    request, _("Đã gửi giải trình hồ sơ %(code)s.") % {"code": explanation.dossier.code}
                )
                return redirect("backoffice:explanation_list")
        else:
            status = 422
    context = {"explanation": explanation, "form": form, "may_answer": may_answer, "now": timezone.now()}
    return render(request, "oversight/explanation_detail.html", context, status=status)


# --- monthly staff evaluations ----------------------------------------------------------------------


def _evaluation_rows(evaluations: Any) -> list[tuple[Any, Any]]:
    return [(e, selectors.satisfaction_percent(e.figures.get("survey"))) for e in evaluations]


@roles_required(Role.DESK_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The month's evaluations the user may see (CONTRACTS §5); the supervisor fills the month's
    figures (POST); `?format=xlsx` exports the list."""
    check_page_role(request)
    user = _user(request)
    period, month, form = _period(request)
    if request.method == "POST":
        require_role(user, SUPERVISOR)
        rows = services.staff_evaluations_fill(period=period)
        messages.success(request, _("Đã tính số liệu cho %(n)d cán bộ một cửa.") % {"n": len(rows)})
        return redirect(f"{request.path}?month={month}")
    evaluations = list(selectors.evaluations_visible_to(user).filter(period_start=period.start))
    others = [e for e in evaluations if e.officer_id != user.pk]
    if others:
        channel = (
            PersonalDataAccess.Channel.EXPORT
            if request.GET.get("format") == "xlsx"
            else PersonalDataAccess.Channel.PAGE
        )
        PersonalDataAccess.objects.bulk_create(
            [
                PersonalDataAccess(user=user, subject=f"staff_evaluation:{e.pk}", channel=channel)
                for e in others
            ]
        )
    rows = _evaluation_rows(evaluations)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"danh-gia-can-bo-{month}.xlsx", [_evaluation_sheet(rows, period)])
    context = {
        "rows": rows,
        "period": period,
        "month": month,
        "form": form,
        "may_fill": user.has_role(Role.SUPERVISOR),
    }
    return render(request, "oversight/evaluation_list.html", context)


EVALUATION_HEADER = [
    "Cán bộ", "Cơ quan", "Tiếp nhận", "Trả kết quả", "Trước hạn", "Đúng hạn", "Quá hạn", "Chưa xong",
    "Yêu cầu bổ sung", "Từ chối", "Xin lỗi", "Hài lòng (%)", "Số phiếu", "Đánh giá nhanh: không hài lòng",
    "Phản ánh về thái độ", "Vi phạm khi kiểm tra", "Nhắc nhở", "Xếp loại", "Nhận xét", "Ý kiến cán bộ",
]  # fmt: skip


def _evaluation_sheet(rows: list[tuple[Any, Any]], period: Period) -> Sheet:
    def row(e: Any, percent: Any) -> list[Any]:
        f, survey = e.figures, e.figures.get("survey")
        na = _("N/A")
        return [
            e.officer.full_name or e.officer.username, e.agency.name if e.agency else "",
            f["received"], f["returned"], f["early"], f["on_time"], f["late"], f["unfinished"],
            f["supplement_requests"], f["refusals"], f["apologies"],
            percent if percent is not None else na, survey["responses"] if survey else na,
            survey.get("quick", {}).get("NOT_SATISFIED", 0) if survey else na,
            f["petitions"] if f.get("petitions") is not None else na, f["violations"], f["reminders"],
            e.grade.label if e.grade else "", e.assessment, e.reply,
        ]  # fmt: skip

    caption = [_("Đánh giá cán bộ một cửa hằng tháng"), f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"]
    return Sheet(_("Đánh giá cán bộ"), EVALUATION_HEADER, [row(e, p) for e, p in rows], caption)


@roles_required(Role.DESK_OFFICER, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
def evaluation_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """One officer's month: the figures, the supervisor's assessment (POST `assess`), the officer's
    reply (POST `reply`)."""
    user = _user(request)
    evaluation = get_object_or_404(selectors.evaluations_visible_to(user), pk=evaluation_id)
    check_page_role(request)
    assess = AssessmentForm(request.POST if request.POST.get("do") == "assess" else None,
                            initial={"assessment": evaluation.assessment, "grade": evaluation.grade_id})  # fmt: skip
    reply = ReplyForm(
        request.POST if request.POST.get("do") == "reply" else None, initial={"reply": evaluation.reply}
    )
    status = 200
    if request.method == "POST":
        form = assess if request.POST.get("do") == "assess" else reply
        if request.POST.get("do") == "assess":
            require_role(user, SUPERVISOR)
        elif evaluation.officer_id != user.pk:
            raise PermissionDenied
        if form.is_valid():
            try:
                if form is assess:
                    services.staff_evaluation_assess(evaluation=evaluation, officer=user, **form.cleaned_data)
                else:
                    services.staff_evaluation_reply(evaluation=evaluation, officer=user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("backoffice:staff_evaluation_detail", evaluation_id=evaluation.pk)
        else:
            status = 422
    elif evaluation.officer_id != user.pk:
        PersonalDataAccess.objects.create(
            user=user, subject=f"staff_evaluation:{evaluation.pk}", channel=PersonalDataAccess.Channel.PAGE
        )
    f = evaluation.figures
    context = {
        "e": evaluation, "f": f, "survey": f.get("survey"), "percent": selectors.satisfaction_percent(f.get("survey")),
        "assess": assess, "reply": reply, "may_assess": user.has_role(Role.SUPERVISOR),
        "may_reply": evaluation.officer_id == user.pk and evaluation.assessed_at is not None,
    }  # fmt: skip
    return render(request, "oversight/evaluation_detail.html", context, status=status)


# --- the desk roster ------------------------------------------------------------------------------------


@roles_required(Role.DESK_OFFICER, Role.LEADER, *READERS)
def roster(request: HttpRequest) -> HttpResponse:
    """Who is on duty at which desk and counter this week and next; the supervisor adds duties."""
    check_page_role(request)
    user = _user(request)
    form = DutyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_role(user, {Role.SUPERVISOR, Role.ADMIN})
        if form.is_valid():
            try:
                services.duty_create(by=user, **form.cleaned_data)
            except InvalidInput as exc:
                for error in exc.errors or []:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                if not exc.errors:
                    form.add_error(None, exc.message)
                status = 422
            else:
                messages.success(request, _("Đã xếp lịch trực."))
                return redirect("backoffice:roster")
        else:
            status = 422
    today = timezone.localdate()
    start = datetime.combine(
        today - timedelta(days=today.weekday()), datetime.min.time(), tzinfo=timezone.get_current_timezone()
    )
    duties = selectors.roster(start, start + timedelta(days=14))
    context = {"duties": duties, "form": form, "may_edit": user.has_role(Role.SUPERVISOR, Role.ADMIN)}
    return render(request, "oversight/roster.html", context, status=status)


# --- procedure handling (DOMAIN §7) ----------------------------------------------------------------------


@roles_required(*READERS)
def handling_list(request: HttpRequest) -> HttpResponse:
    """Totals and bands per receiving agency for the period the reports' filter names (a month, a
    quarter, six or nine months, a year), and the dossiers to appraise in it."""
    check_page_role(request)
    form, scope = report_filters(request, with_field=False)
    if scope is None:
        return report_filters_invalid(request, form, with_field=False)
    rows = selectors.handling_by_agency(form.period, agency=scope.agency)
    flagged, sample = selectors.handling_to_appraise(form.period, agency=scope.agency)
    context = {
        **_filter_context(request, form, scope), "rows": rows, "flagged": flagged, "sample": sample,
        "indicators": selectors.INDICATORS, "bands": selectors.HandlingBand.objects.all(),
    }  # fmt: skip
    return render(request, "oversight/handling_list.html", context)


@roles_required(*READERS)
def handling_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The nine indicators of one dossier, and the supervisor's correction (POST)."""
    user = _user(request)
    dossier = dossier_get_visible(user, code)
    if dossier is None:
        raise Http404
    check_page_role(request)
    form = CorrectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_role(user, SUPERVISOR)
        if form.is_valid():
            services.handling_correct(dossier=dossier, officer=user, **form.cleaned_data)
            messages.success(request, _("Đã điều chỉnh điểm."))
            return redirect("backoffice:handling_detail", code=dossier.code)
        status = 422
    score = selectors.handling_scores([dossier])[0]
    rows = [(i, label, score.scores[i], score.corrected.get(i)) for i, label in selectors.INDICATORS.items()]
    context = {"dossier": dossier, "score": score, "rows": rows, "form": form, "band": selectors.band_of(score.total),
               "may_correct": user.has_role(Role.SUPERVISOR)}  # fmt: skip
    return render(request, "oversight/handling_detail.html", context, status=status)


# --- written reminders ---------------------------------------------------------------------------------------


@roles_required(*STAFF_READERS)
def reminder_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    user = _user(request)
    form = ReminderForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_role(user, SUPERVISOR)
        if form.is_valid():
            services.reminder_issue(by=user, **form.cleaned_data)
            messages.success(request, _("Đã gửi nhắc nhở."))
            return redirect("backoffice:reminder_list")
        status = 422
    reminders = Reminder.objects.select_related("officer", "issued_by")[:200]
    context = {"reminders": reminders, "form": form, "may_issue": user.has_role(Role.SUPERVISOR)}
    return render(request, "oversight/reminder_list.html", context, status=status)


# --- inspections (seed 4.3–4.4) --------------------------------------------------------------------------


@roles_required(Role.LEADER, *STAFF_READERS)
def inspection_list(request: HttpRequest) -> HttpResponse:
    """Inspections the user may read, the overdue follow-ups; an inspector records a new one (POST)."""
    check_page_role(request)
    user = _user(request)
    form = InspectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_role(user, {Role.INSPECTOR})
        if form.is_valid():
            inspection = services.inspection_record(by=user, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận kết quả kiểm tra."))
            return redirect("backoffice:inspection_detail", inspection_id=inspection.pk)
        status = 422
    context = {
        "inspections": selectors.inspections_visible_to(user)[:200], "form": form,
        "may_record": user.has_role(Role.INSPECTOR),
        "overdue": selectors.follow_ups_overdue(today=timezone.localdate()).filter(
            inspection__in=selectors.inspections_visible_to(user)
        ),
    }  # fmt: skip
    return render(request, "oversight/inspection_list.html", context, status=status)


@roles_required(Role.LEADER, *STAFF_READERS)
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    """An inspection: its findings, the violations by officer and the follow-ups; the inspector
    adds violations and follow-ups and marks follow-ups done (POST `do`)."""
    user = _user(request)
    inspection = get_object_or_404(selectors.inspections_visible_to(user), pk=inspection_id)
    check_page_role(request)
    do = request.POST.get("do", "")
    violation = ViolationForm(request.POST if do == "violation" else None)
    follow_up = FollowUpForm(request.POST if do == "follow_up" else None)
    status = 200
    if request.method == "POST":
        require_role(user, {Role.INSPECTOR})
        if do == "done":
            item = get_object_or_404(inspection.follow_ups.all(), pk=request.POST.get("follow_up") or 0)
            services.follow_up_done(follow_up=item, by=user, done_on=timezone.localdate())
            return redirect("backoffice:inspection_detail", inspection_id=inspection.pk)
        form = violation if do == "violation" else follow_up
        if do in ("violation", "follow_up") and form.is_valid():
            if do == "violation":
                services.violation_add(inspection=inspection, by=user, **form.cleaned_data)
            else:
                services.follow_up_add(inspection=inspection, by=user, **form.cleaned_data)
            messages.success(request, _("Đã lưu."))
            return redirect("backoffice:inspection_detail", inspection_id=inspection.pk)
        status = 422
    context = {
        "inspection": inspection, "violations": inspection.violations.select_related("officer"),
        "follow_ups": inspection.follow_ups.select_related("agency"), "violation_form": violation,
        "follow_up_form": follow_up, "may_record": user.has_role(Role.INSPECTOR), "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "oversight/inspection_detail.html", context, status=status)


# --- the desk itself (seed 2.1, 4.5) ---------------------------------------------------------------------


@roles_required(Role.LEADER, *READERS)
def desk_conditions(request: HttpRequest) -> HttpResponse:
    """Reviews of the desks' reception conditions against the checklist and the desk meetings; the
    supervisor records reviews, the supervisor or a leader records meetings (POST `do`)."""
    check_page_role(request)
    user = _user(request)
    do = request.POST.get("do", "")
    review = DeskReviewForm(request.POST if do == "review" else None)
    meeting = DeskMeetingForm(request.POST if do == "meeting" else None)
    status = 200
    if request.method == "POST":
        if do == "review":
            require_role(user, SUPERVISOR)
            if review.is_valid():
                data = review.cleaned_data
                services.desk_review_record(
                    by=user, desk=data["desk"], reviewed_on=data["reviewed_on"], items=review.items()
                )
                messages.success(request, _("Đã lưu kết quả kiểm tra điều kiện bộ phận một cửa."))
                return redirect("backoffice:desk_conditions")
        else:
            require_role(user, {Role.SUPERVISOR, Role.LEADER})
            if meeting.is_valid():
                if (
                    user.has_role(Role.LEADER)
                    and not user.has_role(Role.SUPERVISOR)
                    and meeting.cleaned_data["desk"].pk != user.agency_id
                ):
                    raise PermissionDenied
                services.desk_meeting_record(by=user, **meeting.cleaned_data)
                messages.success(request, _("Đã lưu biên bản họp."))
                return redirect("backoffice:desk_conditions")
        status = 422
    desks = selectors.desks_visible_to(user)
    reviews = [
        (r, [(CHECKLIST[k], r.items.get(k, {})) for k in CHECKLIST])
        for r in selectors.desk_reviews(desks)[:20]
    ]
    context = {
        "reviews": reviews, "meetings": selectors.desk_meetings(desks)[:50], "review_form": review,
        "meeting_form": meeting, "may_review": user.has_role(Role.SUPERVISOR),
        "may_meet": user.has_role(Role.SUPERVISOR, Role.LEADER),
    }  # fmt: skip
    return render(request, "oversight/desk_conditions.html", context, status=status)


# --- the periodic report to the People's Committee (seed 2.1, 4.5; DOMAIN §9) ------------------------


@roles_required(*REPORT_ROLES)
def periodic_report(request: HttpRequest) -> HttpResponse:
    """The desks' checklist reviews, meetings and inspections, and the handling evaluation per
    agency, for the reports' period; `?xuat=xlsx` or `?xuat=pdf` exports the same numbers. Like the
    reports: the supervisor, the inspector, the locality leader and the administrator the whole
    locality or any agency, an agency leader their subtree (another agency: 404)."""
    check_page_role(request)
    form, scope = report_filters(request, with_field=False)
    if scope is None:
        return report_filters_invalid(request, form, with_field=False)
    report = periodic.periodic_report(form.period, agency=scope.agency)
    export = request.GET.get("xuat", "")
    if export == "xlsx":
        return xlsx_response(exports.report_filename(report), exports.report_sheets(report))
    if export == "pdf":
        response = HttpResponse(exports.report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{exports.report_filename(report)}.pdf"'
        return response
    query = "&".join(p for p in request.GET.urlencode().split("&") if p and not p.startswith("xuat="))
    context = {
        **_filter_context(request, form, scope), "query": query, "report": report,
        "hide_locality": not reports_locality_wide(_user(request)),
        "summary_header": exports.summary_header(), "summary_rows": exports.summary_rows(report),
        "handling_header": exports.handling_header(report), "handling_rows": exports.handling_rows(report),
    }  # fmt: skip
    return render(request, "oversight/periodic.html", context)
