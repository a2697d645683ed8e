"""Codes are consecutive, concurrent-safe and leave no gap on rollback (CONTRACTS §3)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections, transaction
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog.tests.factories import make_version
from motcua.dossiers.codes import (
    code_key,
    dossier_code_next,
    dossier_token,
    dossier_token_matches,
    form_number,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import make_dossier


@given(
    st.sampled_from(["000.00.12.H56-221115-0003"]), st.lists(st.sampled_from([" ", ".", "-", ""]), min_size=1)
)
def test_codes_match_ignoring_case_spaces_dots_and_dashes(code: str, noise: list[str]) -> None:
    mangled = "".join(ch + noise[i % len(noise)] for i, ch in enumerate(code.lower()))
    assert code_key(mangled) == code_key(code) == "0000012H562211150003"


def test_form_numbers() -> None:
    assert form_number("X-1", "HDHS") == "X-1/HDHS"
    assert form_number("X-1", "HDHS", 2) == "X-1/HDHS-2"


def test_the_token_is_stable_and_compared_in_constant_time() -> None:
    token = dossier_token("000.00.12.H56-221115-0003")
    assert token == dossier_token("000.00.12.h56 221115 0003")
    assert dossier_token_matches("000.00.12.H56-221115-0003", token.upper())
    assert not dossier_token_matches("000.00.12.H56-221115-0004", token)


@pytest.mark.django_db
def test_a_rolled_back_intake_leaves_no_gap() -> None:
    officer = UserFactory(role=Role.DESK_OFFICER)
    day = date(2026, 3, 2)
    with transaction.atomic():
        assert dossier_code_next(agency=officer.agency, day=day).endswith("-0001")
        transaction.set_rollback(True)
    assert dossier_code_next(agency=officer.agency, day=day).endswith("-0001")


@pytest.mark.django_db
def test_the_ten_thousandth_code_of_a_day_gets_five_digits() -> None:
    from motcua.dossiers.models import DossierCounter

    agency = AgencyFactory()
    DossierCounter.objects.create(agency=agency, day=date(2026, 3, 2), last=9999)
    assert dossier_code_next(agency=agency, day=date(2026, 3, 2)).endswith("-260302-10000")


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_intakes_get_fifty_consecutive_codes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (SQLite serialises writers)")
    officer = UserFactory(role=Role.DESK_OFFICER)
    version = make_version()
    version.procedure.agencies.add(officer.agency)
    barrier = threading.Barrier(10)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(5):
                make_dossier(officer=officer, version=version)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in Dossier.objects.values_list("code", flat=True))
    assert numbers == list(range(1, 51))
