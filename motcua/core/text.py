"""Vietnamese text helpers: NFC normalisation and accent folding for search and plain SMS."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Normalise to NFC and collapse runs of whitespace; some input methods send combining marks."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case and strip every diacritic, đ → d, so "Hoà", "Hòa" and "hoa" all match.

    NFC alone does not unify the old and new tone placement ("hoá" / "hóa"); removing
    the marks altogether does.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def strip_diacritics(text: str) -> str:
    """Remove diacritics but keep case: the diacritic-free SMS option (GSM-7 instead of UCS-2); the
    ellipsis "…" (outside GSM-7) becomes three dots."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D").replace("…", "..."))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))
