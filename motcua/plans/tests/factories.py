"""Small plans for tests that do not need the seed (the access walk): one group, one task, one round."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from motcua.accounts.models import Agency, User
from motcua.plans.models import (
    PlanTask,
    ProgressStatus,
    ReformPlan,
    Responsibility,
    TaskAgency,
    TaskGroup,
    TaskReport,
    TaskReportFile,
)
from motcua.plans.services import plan_rounds_ensure

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def make_plan(issuer: Agency, *, title: str = "Kế hoạch thử nghiệm", year: int = 2022) -> ReformPlan:
    """A plan of `issuer`, followed up and led by `issuer` itself."""
    plan = ReformPlan.objects.create(issuer=issuer, year=year, title=title, follow_up_agency=issuer)
    group = TaskGroup.objects.create(plan=plan, number=1, title="Chỉ số tiêu chí tiếp cận dịch vụ")
    task = PlanTask.objects.create(plan=plan, group=group, number="1.1", content="Công khai thủ tục.")
    TaskAgency.objects.create(task=task, responsibility=Responsibility.LEAD, text=issuer.name, agency=issuer)
    plan_rounds_ensure(plan)
    return plan


def make_report_file(plan: ReformPlan) -> TaskReportFile:
    """A report with one evidence file on the plan's first task, by a member of the lead agency."""
    task = plan.tasks.first()
    assert task is not None
    lead = task.assignments.get(responsibility=Responsibility.LEAD).agency
    author = User.objects.filter(agency=lead).first() or User.objects.create(
        username=f"kh-{plan.pk}", agency=lead
    )
    report = TaskReport.objects.create(
        task=task,
        round=plan.rounds.first(),
        agency=lead,
        status=ProgressStatus.DONE,
        content="Đã công khai.",
        submitted_by=author,
        submitted_at=datetime(2022, 3, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    return TaskReportFile.objects.create(
        report=report,
        file=ContentFile(PDF, name=f"kh-{plan.pk}-minh-chung.pdf"),
        original_name="bien-ban.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
