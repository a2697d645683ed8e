from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def locality(request: HttpRequest) -> dict[str, Any]:
    """The locality's name and logo on every page, and whether this is a demo install."""
    return {
        "LOCALITY_NAME": settings.LOCALITY_NAME,
        "LOCALITY_SHORT_NAME": settings.LOCALITY_SHORT_NAME,
        "LOCALITY_LOGO": settings.LOCALITY_LOGO,
        "DEMO_MODE": settings.DEMO_MODE,
    }
