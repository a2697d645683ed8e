"""The code registry of message templates: other apps declare their events here.

    from motcua.notifications import registry
    registry.register("dossier_received", "SMS", "Ho so {code} ...", ["code", "due"], "Khi tiếp nhận")

The database holds the text staff edit (`MessageTemplate`); `templates_sync()` (and the first use of
a key) creates the missing rows from this registry, never overwriting what staff changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    channel: str
    default_text: str
    placeholders: tuple[str, ...] = ()
    description: str = ""
    email_subject: str = ""
    email_html: str = ""
    sample: Mapping[str, str] = field(default_factory=dict)


REGISTRY: dict[tuple[str, str], TemplateSpec] = {}


def register(
    key: str,
    channel: str,
    default_text: str,
    placeholders: Iterable[str] = (),
    description: str = "",
    *,
    email_subject: str = "",
    email_html: str = "",
    sample: Mapping[str, str] | None = None,
) -> TemplateSpec:
    """Declare an event's template (idempotent: registering the same key again replaces it)."""
    channel = channel.upper()
    if channel not in {"SMS", "EMAIL"}:
        raise ValueError(f"channel must be SMS or EMAIL, got {channel!r}")
    spec = TemplateSpec(
        key=key,
        channel=channel,
        default_text=default_text,
        placeholders=tuple(placeholders),
        description=description,
        email_subject=email_subject,
        email_html=email_html,
        sample=dict(sample or {}),
    )
    REGISTRY[(key, channel)] = spec
    return spec


def get(key: str, channel: str) -> TemplateSpec | None:
    return REGISTRY.get((key, channel.upper()))


def render(text: str, context: Mapping[str, Any]) -> str:
    """Replace each `{name}` by `context[name]`; unknown names stay as written.

    Deliberately not `str.format`: no attribute or index access, no format specs, so a template
    edited by staff can never reach into the objects passed as context.
    """
    return _PLACEHOLDER.sub(lambda m: str(context[m.group(1)]) if m.group(1) in context else m.group(0), text)


def placeholders_in(text: str) -> list[str]:
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


SAMPLE_VALUES: dict[str, str] = {
    "code": "000.00.01.H23-260109-0001",
    "due": "16/01/2026 17:00",
    "new_due": "23/01/2026 17:00",
    "procedure": "Cấp bản sao từ sổ gốc",
    "agency": "UBND phường Cam Lộc",
    "url": "https://motcua.example.vn/ho-so/000.00.01.H23-260109-0001/?t=0123456789abcdef0123456789abcdef",
    "reason": "Thiếu bản sao giấy khai sinh",
    "keyword": "TC",
    "short_code": "8077",
    "name": "Nguyễn Văn A",
}


def sample_context(spec: TemplateSpec | None, text: str = "") -> dict[str, str]:
    """Values to preview a template with: the spec's own samples, then the generic ones."""
    names = set(placeholders_in(text)) | set(spec.placeholders if spec else ())
    values = {name: SAMPLE_VALUES.get(name, f"<{name}>") for name in names}
    if spec:
        values.update(spec.sample)
    return values
