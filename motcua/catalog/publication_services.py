"""Use cases of published information: save a draft, publish (now or at a set time), withdraw with a
reason, attach and remove files, write a guide. Each change of a publication appends a
`PublicationChange` (who, when, what), in the same transaction.

Refusals (CONTRACTS §5): an agency the editor does not publish for → PermissionDenied (403); an
action the state forbids → `Conflict` (409); bad input → `InvalidInput` (422); a file refused by
its content → `UploadRefused`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import Agency, User
from motcua.catalog.models import Guide, GuideChange, Publication, PublicationAttachment, PublicationChange
from motcua.catalog.publication_selectors import may_edit_guides, publishable_agency_ids
from motcua.core import uploads
from motcua.core.exceptions import Conflict, FieldError, InvalidInput
from motcua.core.text import fold, nfc

# What an editor sets on a publication (the form's fields).
PUBLICATION_FIELDS = (
    "category",
    "agency",
    "title",
    "summary",
    "body",
    "document_number",
    "issue_date",
    "issuer",
    "effective_date",
    "in_force",
    "replaced_by",
)
TEXT_FIELDS = ("title", "summary", "document_number", "issuer")
# Attachments: documents and pictures as agencies publish them, recognised by content.
ATTACHMENT_FORMATS = (
    uploads.PDF,
    uploads.DOC,
    uploads.DOCX,
    uploads.ODT,
    uploads.XLSX,
    uploads.JPEG,
    uploads.PNG,
)


def publication_search_text(publication: Publication) -> str:
    """What the search matches: title, summary, number, issuer and agency, folded."""
    parts = (
        publication.title,
        publication.summary,
        publication.document_number,
        publication.issuer,
        publication.agency.name,
    )
    return fold(" ".join(p for p in parts if p))


def _require_agency(editor: User, agency: Agency) -> None:
    if agency.pk not in publishable_agency_ids(editor):
        raise PermissionDenied(_("Bạn không được đăng tin cho %(agency)s.") % {"agency": agency.name})


def _record(
    publication: Publication, editor: User, action: str, fields: list[str] | None = None, note: str = ""
) -> None:
    PublicationChange.objects.create(
        publication=publication, actor=editor, action=action, fields=fields or [], note=note[:1000]
    )


@transaction.atomic
def publication_save(*, editor: User, publication: Publication | None = None, **values: Any) -> Publication:
    """Create a draft, or edit a publication in any state (a published one stays published, and the
    change is recorded). The editor must publish for the agency it had and the one it gets."""
    unknown = set(values) - set(PUBLICATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    if publication is not None:
        # Compare with the stored row, not the instance given: a ModelForm's validation has already
        # copied the new values onto it (so nothing would look changed, and its agency is the new one).
        publication = Publication.objects.select_for_update().get(pk=publication.pk)
        _require_agency(editor, publication.agency)
    if "agency" in values:
        _require_agency(editor, values["agency"])
    elif publication is None:
        raise TypeError("a new publication needs its agency")
    for name in TEXT_FIELDS:
        if name in values:
            values[name] = nfc(values[name] or "")
    if "body" in values:
        values["body"] = (values["body"] or "").replace("\r\n", "\n").strip()
    if not (values.get("title") or (publication and publication.title)):
        raise InvalidInput(_("Cần nhập tiêu đề."), [FieldError("title", _("Cần nhập tiêu đề."))])
    if (
        publication is not None
        and values.get("replaced_by") is not None
        and values["replaced_by"].pk == publication.pk
    ):
        message = _("Văn bản không thể thay thế chính nó.")
        raise InvalidInput(message, [FieldError("replaced_by", message)])
    if publication is None:
        publication = Publication(created_by=editor, **values)
        changed: list[str] = []
        action = PublicationChange.Action.CREATE
    else:
        changed = [name for name, value in values.items() if getattr(publication, name) != value]
        for name, value in values.items():
            setattr(publication, name, value)
        action = PublicationChange.Action.EDIT
    publication.search_text = publication_search_text(publication)
    publication.save()
    if action == PublicationChange.Action.CREATE or changed:
        _record(publication, editor, action, changed)
    return publication


@transaction.atomic
def publication_publish(*, editor: User, publication: Publication, at: datetime | None = None) -> Publication:
    """Publish now, or from `at` (scheduled: invisible until then). A draft, a withdrawn item or a
    scheduled one may be (re)published; a public one is already published (409)."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_agency(editor, publication.agency)
    now = timezone.now()
    if publication.is_public(at=now):
        raise Conflict(_("Tin này đã được đăng."))
    if (
        not publication.body.strip()
        and not publication.summary.strip()
        and not publication.attachments.exists()
    ):
        message = _("Cần có tóm tắt, nội dung hoặc tệp đính kèm trước khi đăng.")
        raise InvalidInput(message, [FieldError("body", message)])
    scheduled = at is not None and at > now
    publication.status = Publication.Status.PUBLISHED
    publication.publish_at = at if scheduled else now
    publication.withdrawn_at = None
    publication.withdrawal_reason = ""
    publication.save(
        update_fields=["status", "publish_at", "withdrawn_at", "withdrawal_reason", "updated_at"]
    )
    if scheduled:
        local = timezone.localtime(at)
        _record(publication, editor, PublicationChange.Action.SCHEDULE, note=f"{local:%d/%m/%Y %H:%M}")
    else:
        _record(publication, editor, PublicationChange.Action.PUBLISH)
    return publication


@transaction.atomic
def publication_withdraw(*, editor: User, publication: Publication, reason: str) -> Publication:
    """Take a published (or scheduled) item down, saying why; it disappears from every public place."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_agency(editor, publication.agency)
    reason = nfc(reason or "")
    if publication.status != Publication.Status.PUBLISHED:
        raise Conflict(_("Chỉ gỡ được tin đã đăng hoặc đã lên lịch."))
    if not reason:
        message = _("Cần nêu lý do gỡ.")
        raise InvalidInput(message, [FieldError("reason", message)])
    publication.status = Publication.Status.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.withdrawal_reason = reason[:1000]
    publication.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _record(publication, editor, PublicationChange.Action.WITHDRAW, note=reason)
    return publication


def attachment_max_bytes() -> int:
    return int(settings.CATALOG_MAX_FILE_MB * uploads.MB)


@transaction.atomic
def publication_attach(
    *, editor: User, publication: Publication, file: Any, title: str = ""
) -> PublicationAttachment:
    """Attach a file checked by its content (ATTACHMENT_FORMATS, at most `CATALOG_MAX_FILE_MB`), kept
    under a name of our own; UploadRefused otherwise."""
    _require_agency(editor, publication.agency)
    fmt = uploads.check(file, max_bytes=attachment_max_bytes(), formats=ATTACHMENT_FORMATS)
    sent_name = (getattr(file, "name", "") or "").rsplit("/", 1)[-1]
    title = nfc(title) or sent_name.rsplit(".", 1)[0] or _("Tệp đính kèm")
    attachment = PublicationAttachment.objects.create(
        publication=publication,
        title=title[:300],
        content_type=fmt.content_type,
        size=uploads.size_of(file),
        file=uploads.stored(file, fmt.extension, prefix=title),
    )
    _record(publication, editor, PublicationChange.Action.ATTACH, note=attachment.title)
    Publication.objects.filter(pk=publication.pk).update(updated_at=timezone.now())
    return attachment


@transaction.atomic
def publication_detach(*, editor: User, attachment: PublicationAttachment) -> None:
    publication = attachment.publication
    _require_agency(editor, publication.agency)
    title = attachment.title
    attachment.file.delete(save=False)
    attachment.delete()
    _record(publication, editor, PublicationChange.Action.DETACH, note=title)


@transaction.atomic
def guide_save(*, editor: User, kind: str, title: str, body: str) -> Guide:
    """Write a guide's text (the editorial board of the whole locality, or an administrator)."""
    if not may_edit_guides(editor):
        raise PermissionDenied(_("Chỉ ban biên tập của cả địa phương được sửa hướng dẫn."))
    title = nfc(title)
    if not title:
        raise InvalidInput(_("Cần nhập tiêu đề."), [FieldError("title", _("Cần nhập tiêu đề."))])
    body = (body or "").replace("\r\n", "\n").strip()
    guide = Guide.objects.select_for_update().filter(kind=kind).first() or Guide(kind=kind)
    changed = [name for name, value in (("title", title), ("body", body)) if getattr(guide, name) != value]
    if guide.pk and not changed:
        return guide
    guide.title, guide.body, guide.updated_by = title, body, editor
    guide.save()
    GuideChange.objects.create(guide=guide, actor=editor, fields=changed)
    return guide
