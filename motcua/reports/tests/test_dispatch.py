"""A closed period's report goes to each leader once, with a link and the XLSX attached (the outbox
carries the file to the e-mail); the `monthly_report` command writes the same files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from openpyxl import load_workbook

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import UserFactory
from motcua.core.periods import month
from motcua.dossiers.models import State
from motcua.dossiers.tests.processing_factories import make_cast, make_dossier_in
from motcua.notifications.models import Message
from motcua.notifications.services import message_deliver
from motcua.reports.figures import Scope, figures
from motcua.reports.services import period_closed_on, reports_send_closed

pytestmark = pytest.mark.django_db


def test_a_period_closes_the_day_after_its_end() -> None:
    assert period_closed_on(date(2026, 3, 15)) == month(2026, 3)  # Decree 09: 15/02 → 14/03
    assert period_closed_on(date(2026, 3, 14)) is None
    assert (
        period_closed_on(
            date(2026, 4, 1),
        )
        is None
    )


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", SMS_TRANSPORTS=["memory"])
def test_each_leader_gets_their_agency_report_once_with_the_xlsx_attached(
    django_capture_on_commit_callbacks,
) -> None:
    cast = make_cast()
    make_dossier_in(State.RETURNED, cast)
    cast.leader.email = "lanhdao@example.vn"
    cast.leader.save()
    cast.leader2.email = ""  # a leader without an address gets nothing (the other agency: no report)
    cast.leader2.save()
    UserFactory(role=Role.LOCALITY_LEADER, email="chutich@example.vn")
    with django_capture_on_commit_callbacks(execute=False):
        result = reports_send_closed(today=date(2026, 3, 15))
        again = reports_send_closed(today=date(2026, 3, 15))
    assert (result.reports, result.messages) == (2, 2) and again.messages == 0
    sent = Message.objects.filter(template_key="report_period_closed").order_by("recipient")
    assert [m.recipient for m in sent] == ["chutich@example.vn", "lanhdao@example.vn"]
    leader_message = sent[1]
    assert "/quan-tri/bao-cao/?kind=custom&start=2026-02-15&end=2026-03-14" in leader_message.body
    assert cast.agency.code in leader_message.body
    message_deliver(leader_message.pk)
    email = mail.outbox[-1]
    assert email.to == ["lanhdao@example.vn"]
    ((filename, content, content_type),) = email.attachments
    assert filename.endswith(".xlsx") and "spreadsheetml" in content_type
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Tổng cộng")
    expected = figures(month(2026, 3), Scope(agency=cast.agency))
    assert total[2] == expected["received"] == 1


def test_the_command_writes_the_report_as_xlsx_and_pdf(tmp_path: Path) -> None:
    cast = make_cast()
    make_dossier_in(State.IN_PROGRESS, cast)
    out = tmp_path / "r.xlsx"
    call_command(
        "monthly_report",
        "--month",
        "2026-03",
        "--format",
        "xlsx",
        "--agency",
        cast.agency.code,
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert next(r for r in rows if r[0] == "Tổng cộng")[2] == 1
    pdf = tmp_path / "r.pdf"
    call_command(
        "monthly_report", "--month", "2026-03", "--format", "pdf", "--output", str(pdf), stdout=io.StringIO()
    )
    assert pdf.read_bytes().startswith(b"%PDF")
