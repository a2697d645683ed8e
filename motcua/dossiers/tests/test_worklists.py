"""Worklists: who finds which dossier on which tab, the counts, the search, the risk flag, the page."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.accounts.roles import Role
from motcua.accounts.tests import access_walk
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.dossiers import processing
from motcua.dossiers.models import Dossier, State
from motcua.dossiers.online import dossier_submit_online
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.tests.factories import person
from motcua.dossiers.tests.processing_factories import Cast, local, make_cast, make_dossier_in, receive
from motcua.dossiers.worklists import (
    TAB_KEYS,
    Urgency,
    at_risk,
    due_soon_limit,
    overdue_by,
    step_used_share,
    worklist,
    worklist_counts,
    worklist_page,
)

pytestmark = pytest.mark.django_db


def codes(user, tab: str, now: datetime | None = None, query: str | None = None) -> set[str]:
    return set(worklist(user, tab, query=query, now=now).values_list("code", flat=True))


def submitted_online(cast: Cast) -> Dossier:
    """An online dossier awaiting the desk's check, submitted through the online service."""
    files = {
        d.pk: SimpleUploadedFile("giay-to.pdf", b"%PDF-1.4\n%test\n%%EOF\n")
        for d in cast.version.documents.filter(mandatory=True)
    }
    return dossier_submit_online(
        procedure_version=cast.version, applicant=person(name="Trần Văn Bảo"), files=files,
        return_method="DESK", declaration=True, agency_code=cast.agency.code, now=cast.now,
    ).dossier  # fmt: skip


@pytest.fixture
def cast() -> Cast:
    return make_cast()


# --- membership of each tab ---------------------------------------------------------------------
def test_a_dossier_assigned_to_a_specialist_is_on_their_own_tasks_and_the_agency_queue(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    assert codes(cast.specialist, "mine") == {dossier.code}
    assert codes(cast.colleague, "mine") == set()
    assert codes(cast.leader, "agency") == {dossier.code}
    assert codes(cast.leader, "unassigned") == set()


def test_a_received_dossier_waits_unassigned_in_the_leaders_queue(cast: Cast) -> None:
    dossier = receive(cast)
    assert codes(cast.leader, "unassigned") == {dossier.code}
    assert codes(cast.leader, "agency") == {dossier.code}
    assert codes(cast.specialist, "mine") == set()


def test_a_dossier_forwarded_to_another_agency_leaves_the_first_agencys_queue(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=cast.tick())
    assert codes(cast.leader, "agency") == set()
    assert codes(cast.specialist, "mine") == set()
    assert codes(cast.leader2, "unassigned") == {dossier.code}
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick()
    )
    assert codes(cast.specialist2, "mine") == {dossier.code}


def test_due_soon_means_due_today_or_on_the_next_working_day_and_not_yet_overdue(cast: Cast) -> None:
    dossier = receive(cast)  # Monday 02/03/2026 08:00, 5 working days: due Monday 09/03 17:00
    assert dossier.due_at == local(2026, 3, 9, 17, 0)
    assert codes(cast.leader, "due_soon", now=local(2026, 3, 5, 10, 0)) == set()  # Thursday
    assert codes(cast.leader, "due_soon", now=local(2026, 3, 6, 10, 0)) == {dossier.code}  # Friday
    assert codes(cast.leader, "due_soon", now=local(2026, 3, 9, 16, 59)) == {dossier.code}
    assert codes(cast.leader, "overdue", now=local(2026, 3, 9, 16, 59)) == set()
    assert codes(cast.leader, "due_soon", now=local(2026, 3, 9, 17, 1)) == set()
    assert codes(cast.leader, "overdue", now=local(2026, 3, 9, 17, 1)) == {dossier.code}
    assert codes(cast.desk, "overdue", now=local(2026, 3, 9, 17, 1)) == {dossier.code}


def test_due_soon_skips_the_weekend() -> None:
    assert due_soon_limit(local(2026, 3, 6, 10, 0)) == local(2026, 3, 10, 0, 0)  # Friday → end of Monday


def test_a_paused_dossier_is_never_overdue_and_sits_on_the_paused_tab(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.PAUSED, cast)
    late = local(2026, 4, 30, 10, 0)
    assert codes(cast.leader, "overdue", now=late) == set()
    assert codes(cast.leader, "paused", now=late) == {dossier.code}
    assert codes(cast.specialist, "mine", now=late) == {dossier.code}


def test_a_supplement_request_puts_the_dossier_on_the_awaiting_supplement_tab(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.AWAITING_SUPPLEMENT, cast)
    assert codes(cast.leader, "supplement") == {dossier.code}
    assert codes(cast.desk, "supplement") == {dossier.code}
    assert codes(cast.leader, "paused") == set()


def test_a_result_ready_waits_at_the_receiving_desk_and_leaves_once_returned(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.RESULT_READY, cast)
    assert codes(cast.desk, "ready") == {dossier.code}
    assert codes(cast.specialist, "mine") == set()
    processing.dossier_return_result(dossier=dossier, officer=cast.desk, method="ONLINE", at=cast.tick())
    assert codes(cast.desk, "ready") == set()


def test_an_online_submission_waits_at_the_desk_to_be_received(cast: Cast) -> None:
    dossier = submitted_online(cast)
    assert codes(cast.desk, "submitted") == {dossier.code}
    assert codes(cast.specialist, "submitted") == set()
    assert codes(cast.supervisor, "submitted") == {dossier.code}


@pytest.mark.parametrize(
    "state", [State.REFUSED, State.GUIDED, State.STOPPED, State.WITHDRAWN, State.RETURNED]
)
def test_finished_dossiers_are_on_no_tab(state: str, cast: Cast) -> None:
    make_dossier_in(state, cast)
    for user in (cast.desk, cast.leader, cast.specialist, cast.supervisor):
        assert worklist_counts(user, now=local(2026, 12, 1, 9, 0)) == dict.fromkeys(TAB_KEYS, 0)


def test_an_uninvolved_officer_sees_nothing(cast: Cast) -> None:
    for state in (State.RECEIVED, State.IN_PROGRESS, State.PAUSED, State.RESULT_READY):
        make_dossier_in(state, cast)
    submitted_online(cast)
    elsewhere = AgencyFactory()
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER):
        stranger = UserFactory(role=role, agency=elsewhere)
        assert worklist_counts(stranger, now=local(2026, 4, 30, 9, 0)) == dict.fromkeys(TAB_KEYS, 0)
        for tab in TAB_KEYS:
            assert codes(stranger, tab, now=local(2026, 4, 30, 9, 0)) == set()
    editor_page = worklist_page(cast.editor, None)
    assert editor_page.rows == [] and not any(editor_page.counts.values())


def test_every_list_is_within_what_the_user_may_see_and_the_counts_match_the_lists(cast: Cast) -> None:
    for state in (
        State.RECEIVED,
        State.IN_PROGRESS,
        State.AWAITING_SUPPLEMENT,
        State.PAUSED,
        State.RESULT_READY,
    ):
        make_dossier_in(state, cast)
    receive(cast)
    submitted_online(cast)
    listed_in_all = 0
    for now in (local(2026, 3, 2, 9, 0), local(2026, 3, 6, 9, 0), local(2026, 3, 20, 9, 0)):
        for user in (cast.desk, cast.leader, cast.specialist, cast.leader2, cast.specialist2, cast.supervisor,
                     cast.inspector, cast.admin, cast.editor):  # fmt: skip
            visible = set(dossiers_visible_to(user).values_list("code", flat=True))
            counts = worklist_counts(user, now=now)
            for tab in TAB_KEYS:
                listed = codes(user, tab, now=now)
                assert listed <= visible, (user, tab)
                assert counts[tab] == len(listed) == worklist(user, tab, now=now).count(), (user, tab)
                listed_in_all += len(listed)
    assert listed_in_all > 0  # the comparisons above were not all between empty sets


# --- search -------------------------------------------------------------------------------------
def test_search_finds_by_folded_name_code_and_phone(cast: Cast) -> None:
    anh = receive(cast, applicant=person(name="Nguyễn Thị Ánh", phone="0905123456"))
    binh = receive(cast, applicant=person(name="Lê Văn Bình", phone="0912000111"))
    assert codes(cast.leader, "agency", query="nguyen thi anh") == {anh.code}
    assert codes(cast.leader, "agency", query="ÁNH") == {anh.code}
    assert codes(cast.leader, "agency", query="binh") == {binh.code}
    assert codes(cast.leader, "agency", query=binh.code.lower().replace("-", " ")) == {binh.code}
    assert codes(cast.leader, "agency", query="+84912000111") == {binh.code}
    assert codes(cast.leader, "agency", query="0912 000 111") == {binh.code}
    assert codes(cast.leader, "agency", query="không có ai") == set()
    assert worklist_counts(cast.leader, query="binh")["agency"] == 1


# --- risk ---------------------------------------------------------------------------------------
def test_a_step_that_has_used_80_percent_of_its_office_time_is_flagged(cast: Cast) -> None:
    receive(cast)  # step 1: half a day (3 h 45) from Monday 08:00, due 13:45
    row = worklist(cast.leader, "unassigned").get()
    assert row.step_due_at == local(2026, 3, 2, 13, 45)
    assert not at_risk(row.step_started_at, row.step_due_at, local(2026, 3, 2, 10, 59))
    assert at_risk(row.step_started_at, row.step_due_at, local(2026, 3, 2, 11, 0))  # 3 h of 3 h 45
    assert at_risk(row.step_started_at, row.step_due_at, local(2026, 3, 2, 12, 30))  # lunch: still 80 %
    assert step_used_share(
        row.step_started_at, row.step_due_at, local(2026, 3, 2, 9, 52, 30)
    ) == pytest.approx(0.5)
    assert not worklist_page(cast.leader, "unassigned", now=local(2026, 3, 2, 10, 0)).rows[0].risk
    flagged = worklist_page(cast.leader, "unassigned", now=local(2026, 3, 2, 11, 30)).rows[0]
    assert flagged.risk and flagged.used_percent == 93


def test_a_paused_step_is_not_flagged(cast: Cast) -> None:
    make_dossier_in(State.PAUSED, cast)
    assert not worklist_page(cast.specialist, "mine", now=local(2026, 4, 1, 9, 0)).rows[0].risk


def test_each_rows_warning_says_overdue_in_red_for_how_long_due_soon_in_amber_or_on_time(cast: Cast) -> None:
    receive(cast)  # dossier due Monday 09/03 17:00; step 1 due Monday 02/03 13:45

    def row_at(*instant: int):
        return worklist_page(cast.leader, "unassigned", now=local(*instant)).rows[0]

    fresh = row_at(2026, 3, 2, 8, 0)
    assert (fresh.urgency, fresh.used_percent) == (Urgency.ON_TIME, 0)
    assert row_at(2026, 3, 2, 11, 30).urgency == Urgency.DUE_SOON  # step at 93 %
    step_late = row_at(2026, 3, 2, 16, 0)
    assert (step_late.urgency, step_late.late_by) == (Urgency.STEP_OVERDUE, "2 giờ làm việc")
    assert row_at(2026, 3, 6, 10, 0).urgency in (Urgency.STEP_OVERDUE,)  # the step, not yet the dossier
    three_weeks = row_at(2026, 3, 30, 10, 0)
    assert (three_weeks.urgency, three_weeks.late_by) == (Urgency.OVERDUE, "15 ngày làm việc")
    assert three_weeks.risk and not fresh.risk


def test_overdue_by_counts_working_days_after_the_due_date_else_office_hours() -> None:
    due = local(2026, 3, 9, 17, 0)  # Monday
    assert overdue_by(due, local(2026, 3, 9, 17, 30)) == "dưới 1 giờ làm việc"
    assert overdue_by(due, local(2026, 3, 10, 8, 0)) == "1 ngày làm việc"
    assert overdue_by(local(2026, 3, 9, 8, 0), local(2026, 3, 9, 9, 10)) == "1 giờ làm việc"
    assert overdue_by(due, local(2026, 3, 16, 9, 0)) == "5 ngày làm việc"  # the weekend does not count


def test_the_worklist_page_shows_overdue_in_red_with_how_long_and_explains_the_percentage(cast: Cast) -> None:
    receive(cast)
    with time_machine.travel(local(2026, 3, 30, 10, 0), tick=False):
        late = client_for(cast.leader).get("/quan-tri/viec-can-lam/?tab=overdue").content.decode()
    assert '<strong class="urgency urgency-overdue">Quá hạn 15 ngày làm việc</strong>' in late
    assert "Nguy cơ" not in late and "%" not in late.split("<tbody>")[1]
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=False):
        fresh = client_for(cast.leader).get("/quan-tri/viec-can-lam/?tab=unassigned").content.decode()
    assert "Trong hạn" in fresh and "bước hiện tại đã dùng 0% thời hạn" in fresh


# --- efficiency ---------------------------------------------------------------------------------
def test_a_page_costs_two_queries_whatever_its_length(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(3):
        make_dossier_in(State.IN_PROGRESS, cast)
    # The calendar re-reads its version stamp at most once a second; on a slow machine that read
    # could land inside the measured call, so hold it off for this test.
    monkeypatch.setattr("motcua.core.calendar.STAMP_CHECK_INTERVAL_S", 3600.0)
    worklist_page(cast.leader, "agency")  # warm the user's roles and the calendar
    with CaptureQueriesContext(connection) as queries:
        page = worklist_page(cast.leader, "agency")
    assert len(page.rows) == 3
    assert len(queries) == 2


# --- the page -----------------------------------------------------------------------------------
def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_tabs_counts_and_the_table_with_masked_names(cast: Cast) -> None:
    dossier, _ = make_dossier_in(State.IN_PROGRESS, cast)
    response = client_for(cast.specialist).get("/quan-tri/viec-can-lam/?tab=mine")
    assert response.status_code == 200
    html = response.content.decode()
    assert dossier.code in html
    assert "Nguyễn T. Á." in html and "Nguyễn Thị Ánh" not in html
    assert 'aria-current="page"' in html and "<caption>" in html
    assert 'hx-get="/quan-tri/viec-can-lam/?tab=agency"' in html and 'hx-target="#worklist"' in html
    assert "<html" in html


def test_an_htmx_request_gets_only_the_panel(cast: Cast) -> None:
    dossier = receive(cast)
    response = client_for(cast.leader).get(
        "/quan-tri/viec-can-lam/", {"tab": "unassigned", "q": "anh"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<table" in html and dossier.code in html
    empty = client_for(cast.leader).get("/quan-tri/viec-can-lam/", {"tab": "unassigned", "q": "zzz"},
                                        HTTP_HX_REQUEST="true")  # fmt: skip
    assert dossier.code not in empty.content.decode()


def test_an_unknown_tab_opens_the_roles_default(cast: Cast) -> None:
    response = client_for(cast.desk).get("/quan-tri/viec-can-lam/?tab=nope&page=x")
    assert response.status_code == 200
    assert response.context["wl"].tab.key == "ready"


def test_the_menu_offers_the_worklist_first_and_home_shows_the_counts(cast: Cast) -> None:
    receive(cast)
    html = client_for(cast.leader).get("/quan-tri/").content.decode()
    assert html.index("/quan-tri/viec-can-lam/") < html.index('href="/quan-tri/"', html.index("side-nav"))
    assert "/quan-tri/viec-can-lam/?tab=unassigned" in html
    editor_html = client_for(cast.editor).get("/quan-tri/").content.decode()
    assert "/quan-tri/viec-can-lam/" not in editor_html


def test_the_access_walk_covers_the_worklist() -> None:
    route = next(r for r in access_walk.page_routes() if r.pattern == "quan-tri/viec-can-lam/")
    assert route.declared and route.arguments == ()
    assert Role.EDITOR not in route.allowed_roles
    anonymous = Client().get("/quan-tri/viec-can-lam/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    assert (
        client_for(UserFactory(role=Role.EDITOR, agency=AgencyFactory()))
        .get("/quan-tri/viec-can-lam/")
        .status_code
        == 403
    )
