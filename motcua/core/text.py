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


def phone_display(value: str | None) -> str:
    """A phone number as people write it: stored "+84905123456" prints "0905 123 456", a landline
    "02583854165" prints "0258 3854 165". Anything that is not a Vietnamese number is left as it is."""
    text = (value or "").strip()
    national = "0" + text[3:] if text.startswith("+84") else text
    if not (national.isdigit() and national.startswith("0")):
        return text
    if len(national) == 10:
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    if len(national) == 11:
        return f"{national[:4]} {national[4:8]} {national[8:]}"
    return national


_NAME_PUNCTUATION = re.compile(r"[,.;:()\[\]\"“”'‘’/]+")
_DASHES = re.compile(r"[-‐‑‒–—―]+")
# Long forms that documents and the agency tree spell either way.
_NAME_SHORT_FORMS = (("uy ban nhan dan", "ubnd"), ("hoi dong nhan dan", "hdnd"))


def name_key(text: str) -> str:
    """The comparison key of an agency's name as documents write it: accents and tone placement
    folded ("Hoà" = "Hòa"), "&" read as "và" ("HĐND&UBND" = "HĐND và UBND"), hyphens and dashes
    and punctuation as spaces ("Tài chính - Kế hoạch" = "Tài chính Kế hoạch"), "Ủy ban nhân dân"
    as "UBND"."""
    key = fold(text.replace("&", " và "))
    key = _NAME_PUNCTUATION.sub(" ", _DASHES.sub(" ", key))
    key = _SPACES.sub(" ", key).strip()
    for long, short in _NAME_SHORT_FORMS:
        key = re.sub(rf"\b{long}\b", short, key)
    return key
