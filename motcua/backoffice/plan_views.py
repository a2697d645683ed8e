"""Back-office pages of reform plans (DOMAIN §10): the plans, an agency's report on a task, who has not
reported (the follow-up agency), the progress dashboard and the compiled report (HTML, PDF, DOCX).

Refusals (CONTRACTS §5): a plan the user's agency has no part in does not exist (404); the report
form is for the task's agencies' reporting staff (403); a round not yet open is 409; bad input 422.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.core.exceptions import Conflict, InvalidInput
from motcua.core.http import file_download
from motcua.plans.models import (
    PlanTask,
    ProgressStatus,
    ReformPlan,
    ReportingRound,
    TaskReport,
    TaskReportFile,
)
from motcua.plans.selectors import (
    agencies_reporting_for,
    may_follow_up,
    missing_reports,
    plan_progress,
    plan_unmatched,
    plans_visible_to,
    round_current,
    tasks_of_agency,
)
from motcua.plans.services import EVIDENCE_MAX_FILES, REPORTING_ROLES, ReportInput, task_report_submit
from motcua.reports.plan_report import plan_report_build, plan_report_docx, plan_report_html, plan_report_pdf

# Everyone on the staff but the desk's kiosk reads the plans their agency has a part in.
PLAN_ROLES = tuple(r for r in Role if r != Role.KIOSK)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _plan(request: HttpRequest, plan_id: int) -> ReformPlan:
    plan = get_object_or_404(
        plans_visible_to(_user(request)).select_related("issuer", "follow_up_agency"), pk=plan_id
    )
    check_page_role(request)
    return plan


def _round(request: HttpRequest, plan: ReformPlan) -> ReportingRound:
    """The round asked for (`?ky=`), else the one next due; 404 for a round of another plan."""
    wanted = request.GET.get("ky", "")
    if wanted.isdigit():
        return get_object_or_404(ReportingRound, pk=int(wanted), plan=plan)
    found = round_current(plan, timezone.localdate())
    if found is None:  # a plan without a reporting calendar (the admin removed its rounds)
        raise Http404(_("Kế hoạch chưa có lịch báo cáo."))
    return found


def _require_follow_up(request: HttpRequest, plan: ReformPlan) -> None:
    if not may_follow_up(_user(request), plan):
        raise PermissionDenied


@roles_required(*PLAN_ROLES)
def plan_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    plans = plans_visible_to(_user(request)).select_related("issuer", "follow_up_agency")
    return render(request, "backoffice/plan_list.html", {"plans": plans})


@roles_required(*PLAN_ROLES)
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's tasks by group with the round's status; the user's agency's tasks to report on."""
    plan = _plan(request, plan_id)
    round = _round(request, plan)
    user = _user(request)
    groups, _agencies = plan_progress(plan, round)
    mine: set[int] = set()
    if user.agency is not None and user.roles & REPORTING_ROLES:
        mine = {t.pk for t in tasks_of_agency(plan, user.agency)}
    context = {
        "plan": plan,
        "round": round,
        "rounds": plan.rounds.all(),
        "groups": groups,
        "mine": mine,
        "follow_up": may_follow_up(user, plan),
        "unmatched": plan_unmatched(plan) if may_follow_up(user, plan) else [],
        "today": timezone.localdate(),
    }
    return render(request, "backoffice/plan_detail.html", context)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class TaskReportForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Tình trạng"), choices=ProgressStatus.choices)
    content = forms.CharField(
        label=gettext_lazy("Kết quả thực hiện trong kỳ"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
    )
    difficulties = forms.CharField(
        label=gettext_lazy("Khó khăn, vướng mắc, đề xuất"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    evidence = MultipleFileField(
        label=gettext_lazy("Tài liệu minh chứng (PDF, ảnh, DOC, DOCX, ODT, XLSX; tối đa %(n)s tệp)")
        % {"n": EVIDENCE_MAX_FILES},
        required=False,
    )


@roles_required(*PLAN_ROLES)
def task_report(request: HttpRequest, plan_task_id: int) -> HttpResponse:
    """The user's agency's report on a task for a round (GET the form, POST to submit or correct)."""
    user = _user(request)
    task = get_object_or_404(
        PlanTask.objects.select_related("plan", "group").filter(plan__in=plans_visible_to(user)),
        pk=plan_task_id,
    )
    check_page_role(request)
    if (
        user.agency_id is None
        or not user.roles & REPORTING_ROLES
        or user.agency_id not in agencies_reporting_for(task)
    ):
        raise PermissionDenied
    round = _round(request, task.plan)
    existing = TaskReport.objects.filter(task=task, round=round, agency_id=user.agency_id).first()
    initial = (
        {"status": existing.status, "content": existing.content, "difficulties": existing.difficulties}
        if existing
        else {}
    )
    form = TaskReportForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                task_report_submit(
                    user=user,
                    task=task,
                    round=round,
                    data=ReportInput(data["status"], data["content"], data["difficulties"]),
                    files=data["evidence"],
                )
            except Conflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except InvalidInput as exc:
                for error in exc.errors or []:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 422
            else:
                messages.success(
                    request,
                    _("Đã ghi báo cáo nhiệm vụ %(n)s kỳ %(r)s.") % {"n": task.number, "r": round.label},
                )
                return redirect(f"{reverse('backoffice:plan_detail', args=[task.plan_id])}?ky={round.pk}")
        else:
            status = 422
    context = {
        "task": task,
        "round": round,
        "rounds": task.plan.rounds.all(),
        "form": form,
        "existing": existing,
    }
    return render(request, "backoffice/plan_task_report.html", context, status=status)


@roles_required(*PLAN_ROLES)
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Progress of a round by group (tasks done, reports in, live indicators) and by lead agency."""
    plan = _plan(request, plan_id)
    round = _round(request, plan)
    groups, agencies = plan_progress(plan, round)
    context = {
        "plan": plan,
        "round": round,
        "rounds": plan.rounds.all(),
        "groups": groups,
        "agencies": agencies,
        "follow_up": may_follow_up(_user(request), plan),
    }
    return render(request, "backoffice/plan_dashboard.html", context)


@roles_required(*PLAN_ROLES)
def plan_missing(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The follow-up agency's list of lead agencies that have not reported, with their tasks."""
    plan = _plan(request, plan_id)
    _require_follow_up(request, plan)
    round = _round(request, plan)
    rows = missing_reports(plan, round)
    context = {
        "plan": plan,
        "round": round,
        "rounds": plan.rounds.all(),
        "rows": rows,
        "today": timezone.localdate(),
        "follow_up": True,
    }
    return render(request, "backoffice/plan_missing.html", context)


@roles_required(*PLAN_ROLES)
def plan_report(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    _require_follow_up(request, plan)
    report = plan_report_build(plan, _round(request, plan))
    return HttpResponse(plan_report_html(report, for_pdf=False))


@roles_required(*PLAN_ROLES)
def plan_report_pdf_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    _require_follow_up(request, plan)
    report = plan_report_build(plan, _round(request, plan))
    response = HttpResponse(plan_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bao-cao-ke-hoach-{plan.pk}-{report.round.pk}.pdf"'
    return response


@roles_required(*PLAN_ROLES)
def plan_report_docx_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    _require_follow_up(request, plan)
    report = plan_report_build(plan, _round(request, plan))
    response = HttpResponse(
        plan_report_docx(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-ke-hoach-{plan.pk}-{report.round.pk}.docx"'
    )
    return response


@roles_required(*PLAN_ROLES)
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """An evidence file, for whoever sees the plan (its agencies and the locality-wide roles)."""
    row = get_object_or_404(
        TaskReportFile.objects.filter(report__task__plan__in=plans_visible_to(_user(request))), pk=evidence_id
    )
    check_page_role(request)
    return file_download(row.file, f"minh-chung-{row.pk}.{(row.file.name or '').rsplit('.', 1)[-1]}")
