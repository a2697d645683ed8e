"""Commands and tests show progress, not the libraries' chatter (django-q, WeasyPrint, fontTools)."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.management.base import OutputWrapper

from motcua.core.pdf import pdf_render
from motcua.core.progress import ProgressLine
from motcua.notifications.models import Message
from motcua.notifications.services import message_queue

CHATTY = ("django-q", "weasyprint", "fontTools")


@pytest.mark.django_db(transaction=True)
def test_queueing_messages_and_rendering_a_pdf_log_nothing_below_warning(caplog):
    caplog.set_level(logging.INFO)  # what an operator's LOG_LEVEL=INFO shows
    pdf = pdf_render("<p>Giấy tiếp nhận hồ sơ</p>")
    message_queue(
        channel="SMS", to="+84905000001", template="dossier_guided",
        context={"code": "X-1", "documents": "Tờ khai", "url": "http://x"},
    )  # fmt: skip
    assert pdf.startswith(b"%PDF")
    assert Message.objects.exists()
    chatter = [r for r in caplog.records if r.name.startswith(CHATTY) and r.levelno < logging.WARNING]
    assert chatter == []


def test_the_queue_speaks_again_when_the_setting_asks(settings):
    assert logging.getLogger("django-q").getEffectiveLevel() == logging.getLevelName(settings.Q_LOG_LEVEL)
    assert settings.Q_LOG_LEVEL == "WARNING"  # the default


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_rewrites_one_line_on_a_terminal():
    screen = Terminal()
    line = ProgressLine(OutputWrapper(screen), verbosity=1)
    line.show("1,000/5,000 hồ sơ")
    line.show("2/5")
    line.done()
    assert screen.getvalue() == "\r1,000/5,000 hồ sơ\r2/5              \n"


@pytest.mark.parametrize(("stream", "verbosity"), [(io.StringIO(), 1), (Terminal(), 0)])
def test_the_progress_line_is_silent_off_a_terminal_or_at_verbosity_zero(stream, verbosity):
    line = ProgressLine(OutputWrapper(stream), verbosity=verbosity)
    line.show("1,000/5,000 hồ sơ")
    line.done()
    assert not line.enabled
    assert stream.getvalue() == ""
