"""`import_plan`: the seed's six groups and 23 tasks with their agencies, checked against the
document (the table below was written by reading it), another layout, and idempotence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from motcua.accounts.models import Agency, AgencyAlias
from motcua.plans.importer import AgencyMatcher, plan_import_file, timing_parse
from motcua.plans.models import PlanTask, ReformPlan, ReportingRound, TaskAgency, TaskGroup, Timing
from motcua.plans.selectors import plan_unmatched
from motcua.plans.tests.conftest import OTHER, SEED

pytestmark = pytest.mark.django_db

# The demo tree's codes, and the groups of accounts.demo ("@LEADER": the group's leaders).
VP, MC, NV, TCKH, TNMT, VHTT, BBT, DD, THUE = (
    "000.01.31.H34", "000.11.31.H34", "000.02.31.H34", "000.03.31.H34", "000.04.31.H34",
    "000.05.31.H34", "000.06.31.H34", "000.20.31.H34", "000.21.31.H34",
)  # fmt: skip
ALL, CM, XA = "G:Các cơ quan, đơn vị", "G:Các cơ quan chuyên môn", "G:UBND các xã, phường"

# task: (lead, co-ordinating) as the document names them, in its order.
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "1.1": ([ALL], [BBT]),
    "1.2": ([VP, MC], [CM, DD]),
    "1.3": ([TNMT], [ALL]),
    "1.4": ([VHTT], [ALL]),
    "1.5": ([ALL], [TCKH]),
    "2.1": ([VP], [ALL]),
    "2.2": ([VP], [ALL]),
    "3.1": ([ALL], [VP]),
    "3.2": ([VP], [ALL]),
    "3.3": ([CM, DD], [VP]),
    "4.1": ([CM, XA, DD, THUE], [VP]),
    "4.2": ([ALL + "@LEADER"], [NV, VP]),
    "4.3": ([VP], [MC + "@DESK_OFFICER"]),
    "4.4": ([NV], [ALL]),
    "4.5": ([VP], [MC + "@DESK_OFFICER"]),
    "4.6": ([VP], [CM, DD]),
    "5.1": ([CM, DD, THUE], [VP, NV]),
    "5.2": ([THUE, DD, XA], [CM]),
    "5.3": ([VP], [CM, DD, THUE]),
    "5.4": ([VP], [VHTT]),
    "6.1": ([ALL + "@LEADER"], [VP]),
    "6.2": ([VP], [VHTT]),
    "6.3": ([VP], [ALL]),
}
GROUPS = [
    (1, "Chỉ số tiêu chí tiếp cận dịch vụ"),
    (2, "Chỉ số tiêu chí điều kiện đón tiếp và phục vụ"),
    (3, "Chỉ số tiêu chí thủ tục hành chính"),
    (4, "Chỉ số tiêu chí phục vụ của cán bộ, công chức, viên chức"),
    (5, "Chỉ số tiêu chí kết quả, tiến độ giải quyết công việc"),
    (6, "Chỉ số tiêu chí tiếp nhận và xử lý thông tin phản hồi"),
]


def _label(assignment: TaskAgency) -> str:
    if not assignment.matched:
        return f"?{assignment.text}"  # kept as written, to be matched later
    target = assignment.agency.code if assignment.agency else f"G:{assignment.agency_group.name}"
    return f"{target}@{assignment.role}" if assignment.role else target


def _table(plan: ReformPlan) -> dict[str, tuple[list[str], list[str]]]:
    table = {}
    for task in plan.tasks.prefetch_related("assignments__agency", "assignments__agency_group"):
        rows = list(task.assignments.all())
        table[task.number] = (
            [_label(a) for a in rows if a.responsibility == "LEAD"],
            [_label(a) for a in rows if a.responsibility == "PARTNER"],
        )
    return table


def test_the_seed_yields_six_groups_and_23_tasks_with_their_agencies(seed_import) -> None:
    plan = seed_import.plan
    assert seed_import.created and seed_import.unmatched == []
    assert [(g.number, g.title) for g in plan.groups.all()] == GROUPS
    assert _table(plan) == EXPECTED
    assert [t.number for t in plan.tasks.all()] == list(EXPECTED)
    assert plan.issuer.code == "000.00.31.H34" and plan.year == 2022 and plan.number == ""
    assert plan.title.startswith("Tổ chức thực hiện các biện pháp nhằm nâng cao Chỉ số cải cách hành chính")
    assert plan.follow_up_agency.code == NV  # "Phòng Nội vụ thành phố có trách nhiệm theo dõi, đôn đốc"
    assert plan.satisfaction_target == Decimal("83") and plan.target == 83.0
    assert plan.report_to == "Sở Nội vụ tỉnh Khánh Hoà"


def test_the_documents_wording_is_kept_typos_and_paragraphs_included(seed_import) -> None:
    tasks = {t.number: t for t in seed_import.plan.tasks.all()}
    assert tasks["6.3"].content.startswith("Niem yết nội dung trả lời")  # the document's typo
    assert tasks["4.3"].lead_text == "Văn phòng HĐND&UBND thành phố"
    assert len(tasks["1.2"].paragraphs) == 2 and tasks["1.4"].paragraphs[2].startswith("Nâng cấp, xây dựng")
    # Rows spilling over a page break are joined, cell by cell.
    assert tasks["1.3"].content == (
        "Rà soát, công khai thông tin về cơ chế, chính sách, quy hoạch vùng đất trên địa bàn thành phố Cam Ranh"
    )
    assert (
        tasks["2.2"].timing_text == "Thường xuyên"
        and tasks["1.3"].expected_result == "Báo cáo kết quả công khai"
    )
    assert tasks["4.5"].timing == Timing.MONTHLY and tasks["5.3"].timing == Timing.MONTHLY
    assert tasks["5.1"].timing == Timing.REGULAR


def test_importing_twice_changes_nothing(seed_import) -> None:
    def snapshot() -> list[object]:
        rows: list[object] = [model_to_dict(seed_import.plan.__class__.objects.get())]
        for model in (TaskGroup, PlanTask, TaskAgency, ReportingRound):
            rows += [(model.__name__, r.pk, model_to_dict(r)) for r in model.objects.order_by("pk")]
        rows += list(PlanTask.objects.order_by("pk").values_list("updated_at", flat=True))
        return rows

    before = snapshot()
    again = plan_import_file(SEED)
    assert not again.created and not again.changed
    assert (again.tasks_created, again.tasks_updated, again.tasks_unchanged) == (0, 0, 23)
    assert snapshot() == before
    assert ReformPlan.objects.count() == 1 and PlanTask.objects.count() == 23


def test_a_changed_document_updates_the_same_plan(seed_import, tmp_path) -> None:
    changed = tmp_path / "kh.txt"
    changed.write_text(
        SEED.read_text(encoding="utf-8").replace("Phòng Văn hoá và Thông tin\t", "Phòng Nội vụ\t")
    )
    report = plan_import_file(changed, plan_id=seed_import.plan.pk)
    assert (report.created, report.tasks_updated, report.tasks_unchanged) == (False, 1, 22)
    assert _table(report.plan)["5.4"] == ([VP], [NV])


def test_another_layout_imports_and_its_unmatched_agencies_are_reported(locality) -> None:
    report = plan_import_file(OTHER)
    plan = report.plan
    assert (plan.number, plan.year, plan.issued_on) == ("45/KH-UBND", 2023, date(2023, 3, 15))
    assert plan.title == "Cải cách hành chính của UBND thành phố Cam Ranh năm 2023"
    assert plan.satisfaction_target == Decimal("85") and plan.follow_up_agency.code == NV
    assert [(g.number, g.title) for g in plan.groups.all()] == [
        (1, "Cải cách thể chế"),
        (2, "Hiện đại hóa hành chính"),
    ]
    tasks = {t.number: t for t in plan.tasks.all()}
    assert list(tasks) == ["1.1", "1.2", "2.1"]
    assert tasks["1.1"].paragraphs == ["Rà soát văn bản quy phạm pháp luật;", "đề xuất sửa đổi."]
    assert (tasks["1.1"].timing, tasks["1.1"].due_date) == (Timing.DATE, date(2023, 6, 30))
    assert (
        tasks["1.2"].timing == Timing.QUARTERLY
        and tasks["1.2"].content == "Tuyên truyền pháp luật về an ninh trật tự"
    )
    assert (tasks["2.1"].timing, tasks["2.1"].due_date) == (Timing.DATE, date(2023, 6, 30))
    assert _table(plan) == {
        "1.1": (["?Phòng Tư pháp"], [ALL]),
        "1.2": (["?Công an thành phố"], [VHTT]),  # "Phòng Văn hoá & Thông tin"
        "2.1": ([VP], ["?Ban Chỉ huy Quân sự thành phố", XA]),  # "Văn phòng HĐND-UBND thành phố": an alias
    }
    assert report.unmatched == [
        ("1.1", "Chủ trì", "Phòng Tư pháp"),
        ("1.2", "Chủ trì", "Công an thành phố"),
        ("2.1", "Phối hợp", "Ban Chỉ huy Quân sự thành phố"),
    ]


def test_the_command_reports_what_it_could_not_match(locality) -> None:
    out = StringIO()
    call_command("import_plan", str(OTHER), stdout=out)
    assert (
        "3 tên cơ quan không khớp" in out.getvalue() and "1.2 (Chủ trì): Công an thành phố" in out.getvalue()
    )
    out = StringIO()
    call_command("import_plan", str(OTHER), stdout=out)
    assert "0 mới, 0 cập nhật, 3 không đổi" in out.getvalue()


def test_names_match_across_accents_tone_placement_ampersands_and_dashes(locality) -> None:
    matcher = AgencyMatcher(Agency.objects.get(code="000.00.31.H34"))
    for text, code in [
        ("Chi cục Thuế khu vực Nam Khánh Hoà", THUE),
        ("chi cuc thue khu vuc nam khanh hoa", THUE),
        ("Văn phòng HĐND&UBND thành phố", VP),
        ("Văn phòng HĐND – UBND thành phố", VP),
        ("Phòng Tài chính – Kế hoạch", TCKH),
        ("Phòng Văn hoá và Thông tin", VHTT),
        ("Bộ phận một cửa", MC),
    ]:
        found = matcher.one(text)
        assert found is not None and found.agency is not None and found.agency.code == code, text
    assert [m.group.name for m in matcher.cell("UBND các xã, phường; Các cơ quan, đơn vị có liên quan")] == [
        "UBND các xã, phường",
        "Các cơ quan, đơn vị",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thường xuyên", (Timing.REGULAR, None)),
        ("Định kỳ hàng tháng", (Timing.MONTHLY, None)),
        ("Hàng quý", (Timing.QUARTERLY, None)),
        ("Trước ngày 15/10/2022", (Timing.DATE, date(2022, 10, 15))),
        ("Tháng 2/2024", (Timing.DATE, date(2024, 2, 29))),
        ("Quý IV/2022", (Timing.DATE, date(2022, 12, 31))),
    ],
)
def test_timing(text: str, expected: tuple[str, date | None]) -> None:
    assert timing_parse(text) == expected


def test_the_reporting_calendar_is_quarterly_due_on_the_10th_of_the_last_month(seed_import) -> None:
    rounds = list(seed_import.plan.rounds.all())
    assert [(r.label, r.due_on) for r in rounds] == [
        ("Quý I/2022", date(2022, 3, 10)),
        ("Quý II/2022", date(2022, 6, 10)),
        ("Quý III/2022", date(2022, 9, 10)),
        ("Quý IV/2022", date(2022, 12, 10)),
    ]
    # Decree 09 periods (core.periods): Q1 runs 15/12 of the year before → 14/03.
    assert (rounds[0].period_start, rounds[0].period_end) == (date(2021, 12, 15), date(2022, 3, 14))


def test_an_alias_added_later_matches_on_the_next_import(locality) -> None:
    plan = plan_import_file(OTHER).plan
    assert [a.text for a in plan_unmatched(plan)] == [
        "Phòng Tư pháp",
        "Công an thành phố",
        "Ban Chỉ huy Quân sự thành phố",
    ]
    AgencyAlias.objects.create(agency=Agency.objects.get(code=NV), name="Phòng Tư pháp")  # say, merged
    report = plan_import_file(OTHER)
    assert (report.created, report.tasks_updated, report.tasks_unchanged) == (False, 1, 2)
    assert _table(report.plan)["1.1"] == ([NV], [ALL])
    assert [t for t, _kind, _text in report.unmatched] == ["1.2", "2.1"]
