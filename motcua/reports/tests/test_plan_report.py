"""The compiled report of a reform plan: live indicator values against their targets, read back."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document

from motcua.accounts import demo as accounts_demo
from motcua.core import indicators
from motcua.core.indicators import Measure, Unit
from motcua.plans.importer import plan_import_file
from motcua.plans.models import PlanTask
from motcua.reports.plan_report import NA, plan_report_build, plan_report_docx

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "plans" / "data" / "ke-hoach-cchc-cam-ranh-2022.txt"


def _text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


@pytest.fixture
def test_indicators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indicators, "_REGISTRY", dict(indicators._REGISTRY))
    monkeypatch.setattr(indicators, "_COMPUTE", dict(indicators._COMPUTE))
    indicators.indicator_register(
        "plans_demo_rate", label="Tỷ lệ thử nghiệm", unit=Unit.PERCENT, owner="tests"
    )
    indicators.indicator_compute_register("plans_demo_rate", lambda period, agency: Measure.ratio(47, 50))
    indicators.indicator_register("plans_demo_none", label="Chỉ số chưa tính", unit=Unit.COUNT, owner="tests")


def test_live_values_against_targets_and_na(test_indicators: None) -> None:
    accounts_demo.seed()
    plan = plan_import_file(SEED).plan
    call_command("plan_link_indicator", str(plan.pk), "5.1", "plans_demo_rate", "--target", "95")
    call_command("plan_link_indicator", str(plan.pk), "6.3", "plans_demo_rate", "--target", "90")
    call_command("plan_link_indicator", str(plan.pk), "4.6", "plans_demo_none", "--target", "10")
    assert PlanTask.objects.get(plan=plan, number="5.1").indicator_target == Decimal("95")
    report = plan_report_build(plan, plan.rounds.get(label="Quý II/2022"), today=date(2022, 6, 12))
    cells = _text(plan_report_docx(report))
    assert "Tỷ lệ thử nghiệm: 94,00% / chỉ tiêu 95% (chưa đạt)" in cells  # 47/50 = 94.00 %, computed here
    assert "Tỷ lệ thử nghiệm: 94,00% / chỉ tiêu 90% (đạt)" in cells
    assert f"Chỉ số chưa tính: {NA} / chỉ tiêu 10" in cells  # registered, computed by nobody yet
    assert cells.count("Chưa có báo cáo.") == 23 and cells.count("Chưa báo cáo") == 23
