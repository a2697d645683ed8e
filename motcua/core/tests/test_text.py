from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold, nfc, phone_display, strip_diacritics


def test_fold_unifies_old_and_new_tone_placement_and_d_stroke() -> None:
    assert fold("Hoà") == fold("Hòa") == fold("hoa")
    assert fold("Đăng ký đất đai") == "dang ky dat dai"


def test_nfc_joins_combining_marks_and_collapses_spaces() -> None:
    decomposed = "Nguye\u0302\u0303n  Va\u0306n"
    assert nfc(decomposed) == "Nguyễn Văn"


def test_strip_diacritics_keeps_case_for_plain_sms() -> None:
    assert strip_diacritics("Hồ sơ Đã tiếp nhận") == "Ho so Da tiep nhan"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+84905123456", "0905 123 456"),
        ("0905123456", "0905 123 456"),
        ("+842583854165", "0258 3854 165"),
        ("02583854165", "0258 3854 165"),
        ("1900 1234", "1900 1234"),
        ("", ""),
        (None, ""),
    ],
)
def test_phone_numbers_print_the_way_people_write_them(stored: str | None, shown: str) -> None:
    assert phone_display(stored) == shown
