"""Small HTTP helpers shared by the UI apps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest


def error_body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The API's error shape (CONTRACTS §7): {"detail", "errors": [{"field", "message"}]}."""
    return {"detail": detail, "errors": errors or []}


def is_api(request: HttpRequest) -> bool:
    """Whether the request is for the REST API (answered in JSON, errors included)."""
    return request.path.startswith("/api/")


def client_address(request: HttpRequest) -> str:
    """The client's address for rate limits: the connecting peer, or, behind N trusted reverse
    proxies (setting TRUSTED_PROXY_COUNT), the address the outermost trusted proxy saw.

    Only the last N entries of X-Forwarded-For were written by our proxies; anything to their left
    came from the client and can be forged, so it is never used.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return peer
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < count:
        return peer
    return forwarded[-count]


def file_download(file: Any, filename: str) -> FileResponse:
    """A stored file as a download: always an attachment (never rendered by the browser, so an
    uploaded file cannot run as a page of the site), under our own ASCII name, with no content
    sniffing and no caching anywhere (the files carry personal data)."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
