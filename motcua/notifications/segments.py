"""How many SMS a text costs (DOMAIN §11).

GSM-7: 160 characters in a single SMS, 153 per segment once concatenated; the extension characters
`{ } [ ] ~ | ^ €`, the backslash and the form feed take an escape and count double. Any character
outside GSM-7 (every Vietnamese letter with a diacritic) switches the whole text to UCS-2: 70 UTF-16
units in a single SMS, 67 per segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7 = "GSM-7"
UCS2 = "UCS-2"

LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SegmentCount:
    encoding: str
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int

    @property
    def per_segment(self) -> int:
        single, multi = LIMITS[self.encoding]
        return single if self.segments <= 1 else multi


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def sms_segments(text: str) -> SegmentCount:
    """Encoding, length in encoding units and number of SMS segments of `text` (at least 1)."""
    if is_gsm7(text):
        encoding = GSM7
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
    else:
        encoding = UCS2
        units = len(text.encode("utf-16-be")) // 2
    single, multi = LIMITS[encoding]
    segments = 1 if units <= single else math.ceil(units / multi)
    return SegmentCount(encoding=encoding, units=units, segments=segments)
