"""generate_dossiers: deterministic by seed, histories made through the services that replay exactly."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction

from motcua.dossiers.generate import dossiers_generate, locality_load
from motcua.dossiers.models import Dossier, DossierEvent, State
from motcua.dossiers.replay import dossier_cached, dossier_replay

pytestmark = pytest.mark.django_db

END = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
COUNT = 60


@pytest.fixture
def locality() -> None:
    locality_load()


def snapshot() -> list[tuple[str, str, int]]:
    return sorted((d.code, d.state, d.events.count()) for d in Dossier.objects.all())


def test_the_same_seed_gives_the_same_codes_states_and_histories(locality: None) -> None:
    runs = []
    for _ in range(2):
        with transaction.atomic():
            result = dossiers_generate(count=COUNT, seed=7, days=60, end=END)
            runs.append((result.codes, snapshot()))
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert len(runs[0][0]) == COUNT
    with transaction.atomic():
        other = dossiers_generate(count=COUNT, seed=8, days=60, end=END)
        assert snapshot() != runs[0][1] or other.codes != runs[0][0]
        transaction.set_rollback(True)


def test_every_generated_dossier_replays_to_its_cached_state(locality: None) -> None:
    result = dossiers_generate(count=COUNT, seed=11, days=60, end=END)
    dossiers = Dossier.objects.filter(code__in=result.codes).select_related("procedure_version")
    assert dossiers.count() == COUNT
    for dossier in dossiers:
        assert dossier_replay(dossier) == dossier_cached(dossier), dossier.code


def test_generated_histories_mix_states_and_actions(locality: None) -> None:
    result = dossiers_generate(count=120, seed=3, days=90, end=END)
    states = Counter(Dossier.objects.filter(code__in=result.codes).values_list("state", flat=True))
    assert states[State.RETURNED] > 0
    assert states[State.GUIDED] + states[State.REFUSED] > 0
    assert len(states) >= 5, states
    actions = set(
        DossierEvent.objects.filter(dossier__code__in=result.codes).values_list("action", flat=True)
    )
    assert {"create", "receive", "assign", "forward", "mark_ready", "return_result"} <= actions
    assert actions & {"request_supplement", "pause", "apologise", "stop", "withdraw"}
    assert all(
        d.due_at is None or d.received_at <= d.due_at for d in Dossier.objects.filter(code__in=result.codes)
    )


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_one_agency_only_and_the_command_reports_its_rate(locality: None) -> None:
    out, err = StringIO(), StringIO()
    call_command("generate_dossiers", count=12, seed=1, agency="000.52.31.H34", days=20, end=END.isoformat(),
                 stdout=out, stderr=err)  # fmt: skip
    assert "Đã sinh 12 hồ sơ" in out.getvalue()
    assert "hồ sơ/giây" in out.getvalue() and err.getvalue() == ""  # no progress lines in a log
    assert set(Dossier.objects.values_list("receiving_agency__code", flat=True)) == {"000.52.31.H34"}


def test_the_command_shows_one_progress_line_on_a_terminal(locality: None) -> None:
    screen = Terminal()
    call_command("generate_dossiers", count=4, seed=1, days=5, end=END.isoformat(), stdout=StringIO(),
                 stderr=screen)  # fmt: skip
    shown = screen.getvalue()
    assert shown.startswith("\r1/4 hồ sơ (25%") and "\r4/4 hồ sơ (100%" in shown
    assert shown.endswith("\n") and shown.count("\n") == 1


def test_the_command_loads_the_demo_locality_when_it_is_missing() -> None:
    err = StringIO()
    call_command(
        "generate_dossiers", count=3, seed=1, days=5, end=END.isoformat(), stdout=StringIO(), stderr=err
    )
    assert "Nạp địa phương" in err.getvalue()
    assert Dossier.objects.count() == 3


def test_histories_include_online_submissions_received_guided_and_refused(locality: None) -> None:
    result = dossiers_generate(count=150, seed=5, days=90, end=END)
    online = Dossier.objects.filter(code__in=result.codes, channel="ONLINE")
    assert online.count() >= 3
    assert all(d.submitted_at is not None and d.submitted_at <= d.created_at + timedelta(0) for d in online)
    assert {"RECEIVED", "IN_PROGRESS", "RETURNED"} & set(online.values_list("state", flat=True))
    assert all(d.online.idempotency_key.startswith("sinh-5-") for d in online)
    for dossier in online.select_related("procedure_version"):
        assert dossier_replay(dossier) == dossier_cached(dossier), dossier.code
    # The city's and the land branch's online dossiers are checked at the city's desk, which
    # receives for them (CONTRACTS §5), and the desk hands dossiers over from the reception step.
    city_online = online.filter(receiving_agency__code__in=["000.00.31.H34", "000.20.31.H34"])
    receivers = DossierEvent.objects.filter(
        dossier__in=city_online, action__in=["receive", "guide", "refuse"]
    )
    assert set(receivers.values_list("officer__agency__code", flat=True)) == {"000.11.31.H34"}
    assert DossierEvent.objects.filter(
        dossier__code__in=result.codes, action="forward", from_state="RECEIVED", officer__username="tiepnhan"
    ).exists()


def test_copies_keep_their_template_history_with_a_new_identity(locality: None) -> None:
    result = dossiers_generate(count=90, seed=13, days=60, end=END, histories=30)
    assert (result.created, result.histories, len(set(result.codes))) == (90, 30, 90)
    by_code = {
        d.code: d for d in Dossier.objects.filter(code__in=result.codes).select_related("procedure_version")
    }
    templates, copies = result.codes[:30], result.codes[30:]
    numbered = 0  # copies with form numbers (form 02 requests): the checks below are not vacuous
    measured = 0  # copies with a result, so a handling time (766 2.2) copied from the template
    for i, code in enumerate(copies):
        copy, template = by_code[code], by_code[templates[i % 30]]
        assert copy.code.startswith(
            f"{template.receiving_agency.code}-{template.created_at.astimezone(END.tzinfo):%y%m%d}-"
        )
        assert copy.code_key != template.code_key
        assert (copy.state, copy.received_at, copy.due_at, copy.finished_at, copy.classification) == (
            template.state, template.received_at, template.due_at, template.finished_at, template.classification
        )  # fmt: skip
        assert (copy.handling_used, copy.handling_allowed) == (
            template.handling_used,
            template.handling_allowed,
        )
        measured += copy.handling_used is not None
        assert list(copy.events.values_list("action", "at", "officer")) == list(
            template.events.values_list("action", "at", "officer")
        )
        assert dossier_replay(copy) == {**dossier_replay(template), "register_number": copy.register_number}
        assert dossier_replay(copy) == dossier_cached(copy), code
        form_numbers = list(copy.supplement_requests.values_list("number", flat=True))
        numbered += bool(form_numbers)
        assert all(r.startswith(copy.code) for r in form_numbers)
        assert all(template.code not in str(p) for p in copy.events.values_list("payload", flat=True)), (
            "a form number still names the template"
        )
        assert copy.search_text != template.search_text
    assert numbered > 0 and measured > 0
    numbers = list(
        Dossier.objects.exclude(register_number=None).values_list("receiving_agency", "register_number")
    )
    assert len(numbers) == len(set(numbers)), "register numbers are unique per agency"


def test_copies_are_deterministic_and_the_counters_go_on_after_them(locality: None) -> None:
    runs = []
    for _ in range(2):
        with transaction.atomic():
            result = dossiers_generate(count=40, seed=17, days=30, end=END, histories=10)
            runs.append(
                (result.codes, snapshot(), sorted(Dossier.objects.values_list("applicant_name", flat=True)))
            )
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    result = dossiers_generate(count=40, seed=17, days=30, end=END, histories=10)
    first = Dossier.objects.get(code=result.codes[0])
    later = dossiers_generate(
        count=1, seed=99, days=1, end=first.created_at, agency_code=first.receiving_agency.code
    )
    assert later.codes[0] not in result.codes


def test_the_command_takes_histories_and_reports_the_copies(locality: None) -> None:
    out = StringIO()
    call_command("generate_dossiers", count=25, seed=2, days=20, histories=5, end=END.isoformat(),
                 stdout=out, stderr=StringIO())  # fmt: skip
    assert "Đã sinh 25 hồ sơ (5 lịch sử qua nghiệp vụ" in out.getvalue()
    assert "20 bản sao lịch sử" in out.getvalue()
    assert Dossier.objects.count() == 25


def test_running_the_generator_again_on_the_same_database_adds_dossiers(locality: None) -> None:
    # The second run of `--count 50 --seed 12` found the first run's online dossiers by their
    # idempotency keys (already received) and crashed with WrongState.
    first = dossiers_generate(count=50, seed=12, days=60, end=END)
    second = dossiers_generate(count=50, seed=12, days=60, end=END)
    third = dossiers_generate(count=5, seed=13, days=60, end=END)
    assert Dossier.objects.count() == 105
    assert len(set(first.codes + second.codes + third.codes)) == 105
    assert Dossier.objects.filter(code__in=second.codes, channel="ONLINE").exists()
