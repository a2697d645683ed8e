"""Reminders before each limit, once per officer and day, never to the officer a petition is about."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from motcua.core.periods import Period
from motcua.feedback.deadlines import petition_deadlines_check
from motcua.feedback.selectors import feedback_figures
from motcua.feedback.services import petition_act
from motcua.feedback.tests.factories import answered, file_petition, local, make_cast
from motcua.notifications.models import Message

pytestmark = pytest.mark.django_db

MON = local(2026, 2, 9, 8, 0)


def reminded(kind_text: str) -> set[str]:
    return {
        m.recipient for m in Message.objects.filter(template_key="petition_reminder") if kind_text in m.body
    }


def test_the_refusal_limit_reminds_the_agencys_officers_the_day_before() -> None:
    cast = make_cast()
    file_petition(MON, agency=cast.office, category="BEHAVIOUR", about_officer=cast.specialist)
    assert petition_deadlines_check(now=local(2026, 2, 9, 9, 0)) == 0  # due Wed 11/02 17:00: not yet
    sent = petition_deadlines_check(now=local(2026, 2, 10, 7, 5))  # Tuesday: due by the end of Wednesday
    assert sent == 2
    assert reminded("Từ chối tiếp nhận") == {cast.leader.email, cast.desk.email}  # not the officer named
    assert petition_deadlines_check(now=local(2026, 2, 10, 9, 0)) == 0  # once a day


def test_the_information_limit_reminds_the_assignee_the_working_day_before() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"}, now=MON)
    p = petition_act(p, "start", officer=cast.specialist, now=MON)
    # More information may be asked until Mon 23/02 17:00 (Tết: 14–22/02); Friday 13/02 reminds.
    assert p.info_due_at == local(2026, 2, 23, 17, 0)
    assert petition_deadlines_check(now=local(2026, 2, 12, 7, 5)) == 0
    assert petition_deadlines_check(now=local(2026, 2, 13, 7, 5)) == 1
    assert reminded("Đề nghị bổ sung thông tin") == {cast.specialist.email}


def test_resolution_and_publication_reminders() -> None:
    cast = make_cast()
    p = file_petition(MON, agency=cast.office)
    p = petition_act(p, "receive", officer=cast.specialist, body={"category": "REGULATION"}, now=MON)
    p = petition_act(p, "start", officer=cast.specialist, now=MON)
    # Due Mon 09/03 17:00: the Friday before reminds the assignee only.
    assert petition_deadlines_check(now=local(2026, 3, 5, 7, 5)) == 0
    assert petition_deadlines_check(now=local(2026, 3, 6, 7, 5)) == 1
    assert reminded("Giải quyết") == {cast.specialist.email}
    q = answered(cast, local(2026, 3, 2, 8, 0), phone="0912000111")
    # Published by Wed 04/03 17:00: the supervisors are reminded on Tuesday.
    assert petition_deadlines_check(now=local(2026, 3, 3, 7, 5)) == 1
    assert reminded("Công khai") == {cast.supervisor.email}
    figures = feedback_figures(Period(MON.date(), local(2026, 3, 31).date()), now=local(2026, 3, 10, 8, 0))
    assert figures.missed["resolve"] == 1 and figures.met["resolve"] == 1 and figures.missed["publish"] == 1
    assert q.publish_due_at == local(2026, 3, 4, 17, 0)


def test_the_command_and_the_schedule() -> None:
    make_cast()
    call_command("check_petition_deadlines", verbosity=0)
    schedule = Schedule.objects.get(name="motcua.check_petition_deadlines")
    assert schedule.func == "motcua.feedback.tasks.check_petition_deadlines" and schedule.cron == "5 7 * * *"
