"""`check_deadlines`: reminders one working day ahead and apology prompts, once a day, via the outbox."""

from __future__ import annotations

from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from motcua.dossiers import deadlines, processing, tasks
from motcua.dossiers.models import DeadlineReminder, State
from motcua.dossiers.tests.processing_factories import local, make_dossier_in
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db
# The factories' dossiers are received on Monday 02/03/2026 08:00: due Monday 09/03 17:00; step 1
# (half a day) due 02/03 13:45; step 2 (4 working days at the other office); step 3 (half a day).


def _officer_messages(template: str) -> set[tuple[str, str]]:
    return set(Message.objects.filter(template_key=template).values_list("recipient", "channel"))


def test_the_assignee_and_the_leaders_are_reminded_the_day_a_step_falls_due_once_a_day() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    result = deadlines.deadlines_check(now=local(2026, 3, 2, 9, 0))
    assert (result.step_reminders, result.dossier_reminders, result.apology_prompts) == (2, 0, 0)
    assert _officer_messages("dossier_step_due_reminder") == {
        (cast.specialist.email, "EMAIL"), ("+84905000003", "SMS"), (cast.leader.email, "EMAIL"), ("+84905000002", "SMS"),
    }  # fmt: skip
    body = Message.objects.filter(template_key="dossier_step_due_reminder").first().body
    assert dossier.code in body and "13:45" in body and "Nguyễn Thị Ánh" not in body
    assert (
        deadlines.deadlines_check(now=local(2026, 3, 2, 15, 0)).step_reminders == 0
    )  # same day: nothing new


def test_a_dossier_due_on_the_next_working_day_is_reminded_and_a_step_moving_on_is_reminded_afresh() -> None:
    dossier, cast = make_dossier_in(State.IN_PROGRESS)
    processing.dossier_forward(dossier=dossier, officer=cast.specialist, at=local(2026, 3, 2, 9, 0))
    processing.dossier_assign(
        dossier=dossier, officer=cast.leader2, assignee=cast.specialist2, at=local(2026, 3, 2, 9, 30)
    )
    step = processing.current_step(dossier)
    assert step is not None and step.due_at == local(2026, 3, 6, 17, 0)
    assert (
        deadlines.deadlines_check(now=local(2026, 3, 4, 7, 0)).step_reminders == 0
    )  # two working days ahead
    result = deadlines.deadlines_check(now=local(2026, 3, 5, 7, 0))  # Thursday: the step is due Friday
    assert (result.step_reminders, result.dossier_reminders) == (2, 0)
    result = deadlines.deadlines_check(now=local(2026, 3, 6, 7, 0))  # Friday: the dossier is due Monday
    assert (result.step_reminders, result.dossier_reminders, result.apology_prompts) == (2, 2, 0)
    assert set(DeadlineReminder.objects.filter(kind="DOSSIER_DUE").values_list("officer", flat=True)) == {
        cast.specialist2.pk, cast.leader2.pk,
    }  # fmt: skip


def test_nothing_is_sent_on_a_day_off() -> None:
    make_dossier_in(State.IN_PROGRESS)
    result = deadlines.deadlines_check(now=local(2026, 3, 7, 7, 0))  # Saturday
    assert (result.step_reminders, result.dossier_reminders, result.apology_prompts) == (0, 0, 0)


def test_the_leader_is_prompted_to_apologise_when_the_remaining_steps_cannot_fit_until_stopped_by_an_apology() -> (
    None
):
    dossier, cast = make_dossier_in(State.RECEIVED)  # never assigned: step 1 overdue since Monday 13:45
    result = deadlines.deadlines_check(now=local(2026, 3, 4, 7, 0))
    assert result.apology_prompts == 1
    assert _officer_messages("dossier_apology_prompt") == {
        (cast.leader.email, "EMAIL"),
        ("+84905000002", "SMS"),
    }
    assert deadlines.deadlines_check(now=local(2026, 3, 4, 10, 0)).apology_prompts == 0  # once a day
    assert deadlines.deadlines_check(now=local(2026, 3, 5, 7, 0)).apology_prompts == 1  # the next day again
    processing.dossier_apologise(
        dossier=dossier, officer=cast.leader, reason="Thiếu người", rescheduled_due_at=local(2026, 3, 13, 17, 0),
        at=local(2026, 3, 5, 8, 0),
    )  # fmt: skip
    assert deadlines.deadlines_check(now=local(2026, 3, 6, 7, 0)).apology_prompts == 0


def test_a_paused_dossier_is_never_overdue_and_gets_no_reminder() -> None:
    dossier, _cast = make_dossier_in(State.PAUSED)
    result = deadlines.deadlines_check(now=local(2026, 3, 9, 7, 0))
    assert (result.step_reminders, result.dossier_reminders, result.apology_prompts) == (0, 0, 0)
    now = local(2026, 3, 20, 9, 0)
    assert processing.dossier_due_at_now(dossier, now=now) > now


def test_the_command_reports_what_it_sent() -> None:
    make_dossier_in(State.RECEIVED)
    out = StringIO()
    call_command("check_deadlines", "--at", "2026-03-04T07:00", stdout=out)
    assert "1 đề nghị xin lỗi" in out.getvalue()


def test_the_check_runs_daily_at_seven_local_time_as_a_q2_schedule() -> None:
    schedule = Schedule.objects.get(name="motcua.check_deadlines")
    assert (schedule.func, schedule.schedule_type, schedule.cron) == (
        "motcua.dossiers.tasks.check_deadlines", Schedule.CRON, "0 7 * * *",
    )  # fmt: skip
    assert timezone.localtime(schedule.next_run).hour == 7


def test_the_scheduled_tasks_call_their_services(monkeypatch: pytest.MonkeyPatch) -> None:
    schedules = dict(
        Schedule.objects.filter(name__in=["motcua.check_deadlines", "motcua.expire_guided"]).values_list(
            "name", "func"
        )
    )
    assert schedules == {
        "motcua.check_deadlines": "motcua.dossiers.tasks.check_deadlines",
        "motcua.expire_guided": "motcua.dossiers.tasks.expire_guided",
    }
    called: list[str] = []
    monkeypatch.setattr(tasks, "deadlines_check", lambda: called.append("deadlines_check"))
    monkeypatch.setattr(tasks, "guided_expire", lambda: called.append("guided_expire"))
    for name in sorted(schedules):
        module, function = schedules[name].rsplit(".", 1)
        getattr(import_module(module), function)()  # what the worker runs
    assert called == ["deadlines_check", "guided_expire"]
