"""Publications made through the services, so their state, search text and history are as in production."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import Role
from motcua.accounts.tests.factories import AgencyFactory, UserFactory
from motcua.catalog import publication_services as services
from motcua.catalog.models import Publication, PublicationCategory

# A small but complete PDF (header, one empty page, trailer with %%EOF): passes the content check.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def category(code: str = "ke-hoach", *, is_news: bool = False) -> PublicationCategory:
    """The migration's categories are wiped by transactional tests' flushes: get or create."""
    return PublicationCategory.objects.get_or_create(
        code=code, defaults={"name": f"Chuyên mục {code}", "is_news": is_news}
    )[0]


def editor_for(agency: Agency | None = None) -> User:
    return UserFactory(agency=agency or AgencyFactory(), role=Role.EDITOR)


def make_publication(
    *,
    editor: User | None = None,
    agency: Agency | None = None,
    state: str = "PUBLISHED",
    at: datetime | None = None,
    attachment: bool = False,
    **values: Any,
) -> Publication:
    """A publication in `state`: DRAFT, PUBLISHED (now, or `at`), SCHEDULED (at `at`, future) or WITHDRAWN."""
    agency = agency or (editor.agency if editor else AgencyFactory())
    editor = editor or editor_for(agency)
    values.setdefault("category", category())
    values.setdefault("title", "Kế hoạch cải cách hành chính năm 2026")
    values.setdefault("summary", "Tóm tắt kế hoạch.")
    publication = services.publication_save(editor=editor, agency=agency, **values)
    if attachment:
        services.publication_attach(
            editor=editor,
            publication=publication,
            file=ContentFile(PDF_BYTES, name="ke-hoach.pdf"),
            title="Toàn văn",
        )
    if state == "DRAFT":
        return publication
    publication = services.publication_publish(editor=editor, publication=publication, at=at)
    if state == "WITHDRAWN":
        publication = services.publication_withdraw(
            editor=editor, publication=publication, reason="Đăng nhầm"
        )
    return publication
