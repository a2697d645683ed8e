"""Late dossiers and their explanations (seed 5.3): the agency at fault by the one rule, the
supervisor's one-step request, the leader's answer, reminders, the overdue list, the designation
window after the period, and the `oversight.explanation` fact the monthly report reads."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from motcua.core.exceptions import InvalidInput
from motcua.core.facts import fact_values
from motcua.core.periods import parse_month
from motcua.dossiers.exceptions import AlreadyDone
from motcua.dossiers.models import Classification
from motcua.dossiers.tests.processing_factories import VN, local, make_cast
from motcua.notifications.models import Message
from motcua.oversight import selectors, services
from motcua.oversight.exceptions import AlreadyAnswered
from motcua.oversight.models import Explanation
from motcua.oversight.tests.factories import early_dossier, late_dossier

pytestmark = pytest.mark.django_db
MARCH = parse_month("2026-03")  # 15/02 → 14/03/2026


def test_the_period_lists_its_late_dossiers_with_the_agency_whose_step_overran() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    early_dossier(cast)
    rows = selectors.late_dossiers(MARCH)
    assert late.classification == Classification.LATE
    assert [(r.dossier.pk, r.at_fault, r.explanation) for r in rows] == [(late.pk, cast.other.pk, None)]


def test_one_request_asks_every_agency_at_fault_with_a_deadline_from_the_working_calendar() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    asked_at = local(2026, 3, 16, 9, 0)  # Monday
    created = services.explanations_request(period=MARCH, officer=cast.supervisor, at=asked_at)
    assert [(e.dossier_id, e.agency_id) for e in created] == [(late.pk, cast.other.pk)]
    # Five working days after Monday 16/03 09:00 (no day off in March 2026): Monday 23/03 17:00.
    assert created[0].due_at == datetime(2026, 3, 23, 17, 0, tzinfo=VN)
    mail = Message.objects.get(template_key="oversight_explanation_requested", channel="EMAIL")
    assert mail.recipient == cast.leader2.email and late.code in mail.body
    # Asking again adds nothing: the dossier already has its request.
    assert services.explanations_request(period=MARCH, officer=cast.supervisor, at=asked_at) == []


def test_only_the_supervisor_asks_for_explanations() -> None:
    cast = make_cast()
    late_dossier(cast)
    with pytest.raises(PermissionDenied):
        services.explanations_request(period=MARCH, officer=cast.leader)


def test_the_leader_of_the_agency_at_fault_answers_once_and_the_report_reads_it() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    (explanation,) = services.explanations_request(
        period=MARCH, officer=cast.supervisor, at=local(2026, 3, 16, 9, 0)
    )
    with pytest.raises(PermissionDenied):  # the receiving agency's leader is not at fault
        services.explanation_submit(explanation=explanation, officer=cast.leader, reason="x", remedy="y")
    with pytest.raises(InvalidInput) as error:
        services.explanation_submit(explanation=explanation, officer=cast.leader2, reason=" ", remedy="")
    assert {e.field for e in error.value.errors} == {"reason", "remedy"}
    services.explanation_submit(
        explanation=explanation, officer=cast.leader2, reason="Chờ kết quả xác minh", remedy="Giao hạn nội bộ"
    )
    assert fact_values("oversight.explanation", [late.pk]) == {
        late.pk: {"agency": cast.other.code, "reason": "Chờ kết quả xác minh", "remedy": "Giao hạn nội bộ"}
    }
    with pytest.raises(AlreadyAnswered):
        services.explanation_submit(explanation=explanation, officer=cast.leader2, reason="a", remedy="b")


def test_reminders_go_once_a_day_from_the_last_working_day_and_the_overdue_list_shows_the_late_ones() -> None:
    cast = make_cast()
    late_dossier(cast)
    services.explanations_request(period=MARCH, officer=cast.supervisor, at=local(2026, 3, 16, 9, 0))
    assert services.explanations_remind(at=local(2026, 3, 18, 9, 0)) == 0  # due 23/03: not yet
    assert services.explanations_remind(at=local(2026, 3, 20, 9, 0)) == 1  # due the next working day
    assert services.explanations_remind(at=local(2026, 3, 20, 15, 0)) == 0  # once a day
    assert services.explanations_remind(at=local(2026, 3, 21, 9, 0)) == 0  # Saturday: not a working day
    assert (
        Message.objects.filter(
            template_key="oversight_explanation_reminder", recipient=cast.leader2.email
        ).count()
        == 1
    )
    assert list(selectors.explanations_overdue(at=local(2026, 3, 23, 16, 0))) == []
    assert [e.agency_id for e in selectors.explanations_overdue(at=local(2026, 3, 23, 17, 1))] == [
        cast.other.pk
    ]


@override_settings(OVERSIGHT_DESIGNATION_DAYS=10)
def test_the_supervisor_designates_fault_on_a_finished_late_dossier_until_ten_days_after_its_period() -> None:
    cast = make_cast()
    late = late_dossier(cast)
    (explanation,) = services.explanations_request(
        period=MARCH, officer=cast.supervisor, at=local(2026, 3, 16, 9, 0)
    )
    # The period ends 14/03; the window closes at the start of 25/03 (14/03 + 1 + 10 days).
    services.late_dossier_designate_fault(
        dossier=late,
        officer=cast.supervisor,
        agency=cast.agency,
        reason="Chậm ký kết quả",
        at=local(2026, 3, 24, 23, 59),
    )
    explanation.refresh_from_db()
    assert explanation.agency_id == cast.agency.pk  # the unanswered request follows the designation
    assert not Message.objects.filter(template_key="dossier_fault_designated").exists()  # no apology to sign
    assert [r.at_fault for r in selectors.late_dossiers(MARCH)] == [cast.agency.pk]
    with pytest.raises(AlreadyDone):
        services.late_dossier_designate_fault(
            dossier=late,
            officer=cast.supervisor,
            agency=cast.other,
            reason="Đổi lại",
            at=local(2026, 3, 25, 0, 0),
        )


def test_a_finished_dossier_that_was_not_late_cannot_be_designated() -> None:
    cast = make_cast()
    early = early_dossier(cast)
    with pytest.raises(Exception) as error:
        services.late_dossier_designate_fault(
            dossier=early, officer=cast.supervisor, agency=cast.other, reason="x", at=local(2026, 3, 5, 9, 0)
        )
    assert getattr(error.value, "status", None) == 409
    assert not Explanation.objects.exists()


def test_the_late_list_reads_the_agency_at_fault_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
) -> None:
    cast = make_cast()
    late_dossier(cast)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.late_dossiers(MARCH)) == 1
    late_dossier(cast)
    late_dossier(cast)
    with django_assert_max_num_queries(len(one.captured_queries)):
        rows = selectors.late_dossiers(MARCH)
    assert [r.at_fault for r in rows] == [cast.other.pk] * 3
