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


# --- making a text fit ------------------------------------------------------------------------------
ELLIPSIS = "…"


def ucs2_units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


def ucs2_budget(segments: int) -> int:
    """UTF-16 units that fit in `segments` SMS (70 alone, 67 each once concatenated)."""
    single, multi = LIMITS[UCS2]
    return single if segments <= 1 else multi * segments


def shorten(text: str, units: int) -> str:
    """`text` in at most `units` UTF-16 units: cut at a word boundary with "…" when too long (a
    parenthesis and what follows it go first); "" when not even a word and "…" fit."""
    text = " ".join(text.split())
    if ucs2_units(text) <= units:
        return text
    head = text.split(" (", 1)[0].rstrip(" ,;:.")
    if ucs2_units(head) + 1 <= units:
        return head + ELLIPSIS
    words = head.split(" ")
    while words and ucs2_units(" ".join(words)) + 1 > units:
        words.pop()
    kept = " ".join(words).rstrip(" ,;:.-")
    return kept + ELLIPSIS if kept else ""


def fit_list(items: list[str], units: int, *, separator: str = "; ", more: str = "+{n}") -> str:
    """As many of `items` as fit in `units` UTF-16 units, each shortened as little as needed, the rest
    counted by `more` (e.g. "+{n} giấy tờ khác"): every item whole if they fit; else each cut to a
    share (at least 20 units, so a cut name still says what it is); else the first ones cut and "+N"."""
    items = [" ".join(item.split()) for item in items if item.strip()]
    whole = separator.join(items)
    if ucs2_units(whole) <= units or not items:
        return whole
    for count in range(len(items), 0, -1):
        rest = len(items) - count
        tail = (separator + more.format(n=rest)) if rest else ""
        room = units - ucs2_units(tail) - ucs2_units(separator) * (count - 1)
        lengths = [ucs2_units(item) for item in items[:count]]
        shares = _shares(lengths, room)
        if any(share < min(length, 20) for share, length in zip(shares, lengths, strict=True)):
            continue
        parts = [shorten(item, share) for item, share in zip(items[:count], shares, strict=True)]
        if all(parts):
            return separator.join(parts) + tail
    return more.format(n=len(items)) if ucs2_units(more.format(n=len(items))) <= units else ""


def _shares(lengths: list[int], room: int) -> list[int]:
    """Split `room` between items: those shorter than an equal share keep their length, the others
    share what is left equally."""
    shares = list(lengths)
    open_ = set(range(len(lengths)))
    left = room
    while open_:
        share = left // len(open_)
        short = {i for i in open_ if lengths[i] <= share}
        if not short:
            for i in open_:
                shares[i] = share
            break
        left -= sum(lengths[i] for i in short)
        open_ -= short
    return shares
