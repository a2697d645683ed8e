"""Segment counting at the boundaries of DOMAIN §11."""

from __future__ import annotations

import pytest

from motcua.core.text import strip_diacritics
from motcua.notifications.segments import GSM7, UCS2, sms_segments


@pytest.mark.parametrize(
    ("length", "segments"), [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)]
)
def test_gsm7_text_fits_160_alone_and_153_per_concatenated_segment(length: int, segments: int) -> None:
    count = sms_segments("a" * length)
    assert (count.encoding, count.units, count.segments) == (GSM7, length, segments)


@pytest.mark.parametrize(("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)])
def test_one_vietnamese_letter_with_a_diacritic_switches_to_ucs2_with_70_and_67(
    length: int, segments: int
) -> None:
    count = sms_segments("ạ" + "a" * (length - 1))
    assert (count.encoding, count.units, count.segments) == (UCS2, length, segments)


@pytest.mark.parametrize("char", ["{", "}", "[", "]", "~", "|", "^", "€", "\\"])
def test_extension_characters_count_double(char: str) -> None:
    assert sms_segments(char * 80).units == 160
    assert sms_segments(char * 80).segments == 1
    assert sms_segments(char * 81).segments == 2
    assert sms_segments("a" * 159 + char).segments == 2


def test_an_empty_text_still_costs_one_sms() -> None:
    assert sms_segments("").segments == 1


def test_stripping_diacritics_brings_a_vietnamese_text_back_to_gsm7() -> None:
    text = "Hồ sơ 000.00.01.H23-260109-0001 đã được tiếp nhận. Hẹn trả kết quả: 16/01/2026 17:00."
    assert sms_segments(text).encoding == UCS2
    assert sms_segments(text).segments == 2
    plain = strip_diacritics(text)
    assert sms_segments(plain).encoding == GSM7
    assert sms_segments(plain).segments == 1


def test_characters_outside_the_basic_plane_count_two_ucs2_units() -> None:
    assert sms_segments("🙂").units == 2
