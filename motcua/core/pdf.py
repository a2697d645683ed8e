"""PDF from HTML, one way for every app: WeasyPrint, Liberation fonts only, a content-hash cache.

Templates set every font in Liberation Serif / Sans (fonts-liberation2: full Vietnamese coverage).
`pdf_cached` keys the file on a digest of the rendered HTML — which holds every fact the document
prints — so a repeated download costs one template render and no PDF render, and any change of
those facts renders anew. Older renders of the same stem are removed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

# Bump when a template changes in a way the HTML digest would not see (it sees everything today).
RENDERER_VERSION = "1"


def pdf_render(html: str) -> bytes:
    """Render now (no cache): static files and images are resolved from the project's tree."""
    from weasyprint import HTML  # heavy (about 0.3 s): imported only when a PDF is really rendered

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_cached(folder: Sequence[str], stem: str, html: str) -> bytes:
    """The PDF of `html`, from MEDIA_ROOT/<folder>/<stem>-<digest>.pdf when rendered before."""
    digest = hashlib.sha256(f"{RENDERER_VERSION}\n{html}".encode()).hexdigest()[:20]
    directory = Path(settings.MEDIA_ROOT).joinpath(*folder)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{stem}-{digest}.pdf"
    if path.exists():
        return path.read_bytes()
    pdf = pdf_render(html)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".render-", suffix=".pdf")
    with os.fdopen(handle, "wb") as out:
        out.write(pdf)
    os.replace(temporary, path)
    for stale in directory.glob(f"{stem}-*.pdf"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return pdf
