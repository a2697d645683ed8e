"""The monthly staff evaluation (seed 4.5): each automatic figure against what the test did, and
recounted independently from the events table; the supervisor's assessment sent to the managers;
the officer's reply; the command and the facts from surveys and feedback (N/A without them)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core import facts
from motcua.core.periods import parse_month
from motcua.dossiers import processing
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import Outcome
from motcua.dossiers.tests.processing_factories import first_document, local, make_cast, receive
from motcua.notifications.models import Message
from motcua.oversight import selectors, services
from motcua.oversight.exceptions import NotAssessedYet
from motcua.oversight.models import EvaluationGrade, Inspection, Reminder, StaffEvaluation, Violation
from motcua.oversight.tests.factories import early_dossier

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")  # 15/02 → 14/03/2026


def _month_of_work():  # type: ignore[no-untyped-def]
    """The desk officer's March: two early dossiers (both returned), one
    late dossier with an apology, one guided and one refused at intake, one received and asked for a
    supplement at the desk (still open), one received after the period; a violation and a reminder."""
    cast = make_cast()
    early_dossier(cast, day=3)
    early_dossier(cast, day=4)
    # The late one, apologised for by the agency at fault while still open.
    cast.at(local(2026, 3, 2, 8, 0))
    late = receive(cast)
    processing.dossier_assign(dossier=late, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_forward(dossier=late, officer=cast.specialist, at=cast.tick())
    processing.dossier_assign(dossier=late, officer=cast.leader2, assignee=cast.specialist2, at=cast.tick())
    processing.dossier_apologise(
        dossier=late, officer=cast.leader2, reason="Chờ xác minh", rescheduled_due_at=local(2026, 3, 12, 17, 0),
        at=cast.at(local(2026, 3, 6, 9, 0)),
    )  # fmt: skip
    processing.dossier_forward(dossier=late, officer=cast.specialist2, at=cast.at(local(2026, 3, 10, 9, 0)))
    processing.dossier_assign(dossier=late, officer=cast.leader, assignee=cast.specialist, at=cast.tick())
    processing.dossier_mark_ready(dossier=late, officer=cast.specialist, at=cast.tick())
    processing.dossier_return_result(
        dossier=late, officer=cast.desk, method="DESK", received_by="Nguyễn Thị Ánh", at=cast.tick()
    )
    cast.at(local(2026, 3, 11, 9, 0))
    receive(cast, outcome=Outcome.GUIDE)
    cast.at(local(2026, 3, 11, 10, 0))
    receive(cast, outcome=Outcome.REFUSE)
    cast.at(local(2026, 3, 12, 9, 0))
    waiting = receive(cast)
    processing.dossier_request_supplement(
        dossier=waiting,
        officer=cast.desk,
        documents=[first_document(cast)],
        reason="Thiếu chữ ký",
        at=cast.tick(),
    )
    cast.at(local(2026, 3, 16, 9, 0))  # the next reporting month
    receive(cast)
    inspection = Inspection.objects.create(
        inspected_on=date(2026, 3, 13), agency=cast.agency, findings="Đi muộn", recorded_by=cast.inspector,
        recorded_at=local(2026, 3, 13, 10, 0),
    )  # fmt: skip
    Violation.objects.create(
        inspection=inspection, officer=cast.desk, kind=Violation.Kind.PUNCTUALITY, description="Đến 8:15"
    )
    later = Inspection.objects.create(
        inspected_on=date(2026, 3, 20), agency=cast.agency, findings="", recorded_by=cast.inspector,
        recorded_at=local(2026, 3, 20, 10, 0),
    )  # fmt: skip
    Violation.objects.create(
        inspection=later, officer=cast.desk, kind=Violation.Kind.CONDUCT, description="x"
    )
    services.reminder_issue(
        officer=cast.desk, text="Đề nghị đúng giờ", by=cast.supervisor, at=local(2026, 3, 13, 11, 0)
    )
    return cast


def test_each_figure_of_the_month_matches_the_work_done_and_an_independent_recount(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(facts, "_OFFICER_SOURCES", {})  # no survey or feedback app: N/A
    cast = _month_of_work()
    figures = selectors.officer_figures(MARCH, [cast.desk])[cast.desk.pk]
    expected = {
        "received": 4, "returned": 3, "early": 2, "on_time": 0, "late": 1, "unfinished": 1,
        "supplement_requests": 2, "refusals": 1, "apologies": 1, "violations": 1, "reminders": 1,
        "survey": None, "petitions": None,
    }  # fmt: skip
    assert figures == expected
    # The same counts straight from the events table, in Python.
    start, end = MARCH.bounds()
    events = [e for e in DossierEvent.objects.select_related("dossier") if start <= e.at < end]
    mine = Counter(e.action for e in events if e.officer_id == cast.desk.pk)
    assert figures["received"] == mine["receive"]
    assert figures["returned"] == mine["return_result"]
    assert figures["supplement_requests"] == mine["guide"] + mine["request_supplement"]
    assert figures["refusals"] == mine["refuse"]
    received = {e.dossier for e in events if e.action == "receive" and e.officer_id == cast.desk.pk}
    assert figures["early"] == sum(1 for d in received if d.classification == "EARLY")
    assert figures["late"] == sum(1 for d in received if d.classification == "LATE")
    assert figures["apologies"] == sum(
        1 for e in events if e.action == "apologise" and e.dossier.received_by_id == cast.desk.pk
    )


def test_survey_and_petition_facts_come_through_core_facts_per_officer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cast = make_cast()
    other = UserFactory(role=Role.DESK_OFFICER)
    calls = []

    def survey(period, ids):  # type: ignore[no-untyped-def]
        calls.append((period, sorted(ids)))
        return {cast.desk.pk: {"responses": 3, "satisfied": 5, "valid": 6, "quick": {"NOT_SATISFIED": 1}}}

    monkeypatch.setattr(
        facts, "_OFFICER_SOURCES",
        {"survey.officer": ("surveys", survey), "feedback.about_officer": ("feedback", lambda p, ids: {other.pk: 2})},
    )  # fmt: skip
    figures = selectors.officer_figures(MARCH, [cast.desk, other])
    assert calls == [(MARCH, sorted([cast.desk.pk, other.pk]))]
    assert figures[cast.desk.pk]["survey"]["satisfied"] == 5 and figures[cast.desk.pk]["petitions"] == 0
    assert figures[other.pk]["survey"] == {"responses": 0, "satisfied": 0, "valid": 0, "quick": {}}
    assert figures[other.pk]["petitions"] == 2
    assert str(selectors.satisfaction_percent(figures[cast.desk.pk]["survey"])) == "83.33"  # 5 / 6
    assert selectors.satisfaction_percent(figures[other.pk]["survey"]) is None


def test_the_command_fills_every_desk_officer_and_keeps_the_assessment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(facts, "_OFFICER_SOURCES", {})
    cast = _month_of_work()
    call_command("staff_evaluations", "--month", "2026-03")
    evaluation = StaffEvaluation.objects.get(officer=cast.desk)
    assert (evaluation.period_start, evaluation.period_end) == (date(2026, 2, 15), date(2026, 3, 14))
    assert evaluation.figures["received"] == 4
    grade = EvaluationGrade.objects.get(code="TOT")
    services.staff_evaluation_assess(
        evaluation=evaluation, officer=cast.supervisor, assessment="Tốt", grade=grade
    )
    call_command("staff_evaluations", "--month", "2026-03")  # a refresh keeps the assessment
    evaluation.refresh_from_db()
    assert evaluation.grade == grade and StaffEvaluation.objects.filter(officer=cast.desk).count() == 1


def test_the_assessment_is_mailed_to_the_officers_managers_and_the_officer_replies() -> None:
    cast = make_cast()
    (evaluation,) = [e for e in services.staff_evaluations_fill(period=MARCH) if e.officer_id == cast.desk.pk]
    grade = EvaluationGrade.objects.get(code="HOAN_THANH")
    with pytest.raises(NotAssessedYet):
        services.staff_evaluation_reply(evaluation=evaluation, officer=cast.desk, reply="Tôi xin tiếp thu")
    with pytest.raises(PermissionDenied):
        services.staff_evaluation_assess(
            evaluation=evaluation, officer=cast.leader, assessment="x", grade=grade
        )
    services.staff_evaluation_assess(
        evaluation=evaluation, officer=cast.supervisor, assessment="Cần đúng giờ hơn", grade=grade
    )
    mails = Message.objects.filter(template_key="oversight_staff_evaluation", channel="EMAIL")
    assert sorted(m.recipient for m in mails) == sorted([cast.leader.email, cast.desk.email])
    assert all("Hoàn thành nhiệm vụ" in m.body and "Cần đúng giờ hơn" in m.body for m in mails)
    with pytest.raises(PermissionDenied):
        services.staff_evaluation_reply(evaluation=evaluation, officer=cast.leader, reply="x")
    services.staff_evaluation_reply(evaluation=evaluation, officer=cast.desk, reply="Tôi xin tiếp thu")
    evaluation.refresh_from_db()
    assert evaluation.reply == "Tôi xin tiếp thu" and evaluation.replied_at is not None


def test_a_written_reminder_is_recorded_and_mailed_to_the_officer() -> None:
    cast = make_cast()
    services.reminder_issue(officer=cast.desk, text="Đề nghị đeo thẻ", by=cast.supervisor)
    assert Reminder.objects.get().officer == cast.desk
    assert Message.objects.get(template_key="oversight_reminder").recipient == cast.desk.email
    with pytest.raises(PermissionDenied):
        services.reminder_issue(officer=cast.desk, text="x", by=cast.leader)
