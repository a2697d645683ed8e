from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import fold, nfc, strip_diacritics


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
