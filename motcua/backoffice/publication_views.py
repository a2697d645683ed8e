"""Editors' pages of published information: list, edit with preview, publish or schedule, withdraw
with a reason, attachments, the change history, counts per agency and category, and the guides.

A publication of an agency the editor does not publish for does not exist for them (404); choosing
such an agency for a publication is refused (403) by the services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.catalog import publication_selectors as selectors
from motcua.catalog import publication_services as services
from motcua.catalog.models import GUIDE_BY_SLUG, GUIDE_SLUGS, Publication
from motcua.catalog.publication_forms import (
    AttachmentForm,
    CountsForm,
    GuideForm,
    PublicationForm,
    PublishForm,
    WithdrawForm,
)
from motcua.core.exceptions import DomainError
from motcua.core.http import file_download
from motcua.core.periods import month_containing
from motcua.core.uploads import UploadRefused
from motcua.core.xlsx import Sheet, xlsx_response

EDITORS = (Role.EDITOR, Role.ADMIN)
STATUS_FILTERS = (
    ("", _("Tất cả")),
    ("DRAFT", _("Bản nháp")),
    ("SCHEDULED", _("Đã lên lịch")),
    ("PUBLISHED", _("Đã đăng")),
    ("WITHDRAWN", _("Đã gỡ")),
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@roles_required(*EDITORS)
def publication_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    status = request.GET.get("trang_thai", "")[:12]
    q = request.GET.get("q", "")[:200]
    publications = selectors.publications_for_editor(_user(request), status=status, q=q)
    page = Paginator(publications, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/publication_list.html",
        {"page": page, "status": status, "q": q, "statuses": STATUS_FILTERS},
    )


def _edit_page(
    request: HttpRequest,
    form: PublicationForm,
    publication: Publication | None,
    *,
    preview: Publication | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "publication": publication,
        "preview": preview,
        "publish_form": PublishForm(),
        "withdraw_form": WithdrawForm(),
        "attachment_form": AttachmentForm(prefix="tep"),
    }
    return render(request, "backoffice/publication_edit.html", context, status=status)


def _save(request: HttpRequest, publication: Publication | None) -> HttpResponse:
    editor = _user(request)
    allowed = selectors.publishing_agencies(editor)
    if request.method != "POST":
        initial = {"agency": editor.agency} if publication is None and editor.agency in allowed else None
        return _edit_page(
            request,
            PublicationForm(instance=publication, initial=initial, allowed_agencies=allowed),
            publication,
        )
    form = PublicationForm(request.POST, instance=publication, allowed_agencies=allowed)
    if not form.is_valid():
        return _edit_page(request, form, publication, status=422)
    values = {name: form.cleaned_data[name] for name in services.PUBLICATION_FIELDS}
    if "preview" in request.POST:
        # Show the page as the public would see it, without saving anything.
        draft = Publication(**values)
        draft.publish_at = publication.publish_at if publication else None
        return _edit_page(
            request,
            PublicationForm(request.POST, instance=publication, allowed_agencies=allowed),
            publication,
            preview=draft,
        )
    try:
        saved = services.publication_save(editor=editor, publication=publication, **values)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _edit_page(request, form, publication, status=exc.status)
    messages.success(request, _("Đã lưu “%(title)s”.") % {"title": saved.title})
    return redirect("backoffice:publication_edit", publication_id=saved.pk)


@roles_required(*EDITORS)
def publication_create(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    return _save(request, None)


@roles_required(*EDITORS)
def publication_edit(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = selectors.publication_for_editor(_user(request), publication_id)
    check_page_role(request)
    return _save(request, publication)


def _action(request: HttpRequest, publication_id: int) -> Publication | HttpResponse:
    publication = selectors.publication_for_editor(_user(request), publication_id)
    check_page_role(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return publication


def _refused(request: HttpRequest, publication: Publication, message: str, status: int) -> HttpResponse:
    messages.error(request, message)
    form = PublicationForm(
        instance=publication, allowed_agencies=selectors.publishing_agencies(_user(request))
    )
    return _edit_page(request, form, publication, status=status)


@roles_required(*EDITORS)
def publication_publish(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _action(request, publication_id)
    if isinstance(publication, HttpResponse):
        return publication
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _refused(request, publication, _("Thời điểm đăng không hợp lệ."), 422)
    try:
        publication = services.publication_publish(
            editor=_user(request), publication=publication, at=form.cleaned_data["publish_at"]
        )
    except DomainError as exc:
        return _refused(request, publication, exc.message, exc.status)
    if publication.is_scheduled:
        messages.success(
            request,
            _("Đã lên lịch đăng lúc %(at)s.")
            % {"at": f"{timezone.localtime(publication.publish_at):%d/%m/%Y %H:%M}"},
        )
    else:
        messages.success(request, _("Đã đăng công khai."))
    return redirect("backoffice:publication_edit", publication_id=publication.pk)


@roles_required(*EDITORS)
def publication_withdraw(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _action(request, publication_id)
    if isinstance(publication, HttpResponse):
        return publication
    form = WithdrawForm(request.POST)
    try:
        services.publication_withdraw(
            editor=_user(request),
            publication=publication,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except DomainError as exc:
        return _refused(request, publication, exc.message, exc.status)
    messages.success(request, _("Đã gỡ tin khỏi trang công khai."))
    return redirect("backoffice:publication_edit", publication_id=publication.pk)


@roles_required(*EDITORS)
def publication_attach(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _action(request, publication_id)
    if isinstance(publication, HttpResponse):
        return publication
    form = AttachmentForm(request.POST, request.FILES, prefix="tep")
    if not form.is_valid():
        return _refused(request, publication, _("Hãy chọn một tệp."), 422)
    try:
        services.publication_attach(
            editor=_user(request),
            publication=publication,
            file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except UploadRefused as exc:
        return _refused(request, publication, exc.naming(form.cleaned_data["file"].name), 422)
    messages.success(request, _("Đã thêm tệp đính kèm."))
    return redirect("backoffice:publication_edit", publication_id=publication.pk)


@roles_required(*EDITORS)
def publication_detach(request: HttpRequest, publication_id: int, attachment_id: int) -> HttpResponse:
    publication = _action(request, publication_id)
    if isinstance(publication, HttpResponse):
        return publication
    attachment = get_object_or_404(publication.attachments.all(), pk=attachment_id)
    services.publication_detach(editor=_user(request), attachment=attachment)
    messages.success(request, _("Đã xóa tệp đính kèm."))
    return redirect("backoffice:publication_edit", publication_id=publication.pk)


@roles_required(*EDITORS)
def publication_attachment(request: HttpRequest, publication_id: int, attachment_id: int) -> FileResponse:
    """An attachment as the editor sees it, drafts included."""
    publication = selectors.publication_for_editor(_user(request), publication_id)
    attachment = get_object_or_404(publication.attachments.all(), pk=attachment_id)
    check_page_role(request)
    return file_download(attachment.file, attachment.download_name)


# --- counts ----------------------------------------------------------------------------------------


@roles_required(*EDITORS, Role.LOCALITY_LEADER, Role.SUPERVISOR)
def publication_counts(request: HttpRequest) -> HttpResponse:
    """Publications per agency and category for a period (the reporting month by default), on screen
    or as XLSX with the same period."""
    check_page_role(request)
    form = CountsForm(request.GET or None)
    refused = form.is_bound and not form.is_valid()
    period = (
        form.cleaned_data["period"]
        if form.is_bound and not refused
        else month_containing(timezone.localdate())
    )
    categories, rows, totals = selectors.publication_counts(period)
    if request.GET.get("xuat") == "xlsx" and not refused:
        header = [_("Cơ quan"), *[c.name for c in categories], _("Tổng")]
        lines = [[r.agency.name, *[r.by_category[c.pk] for c in categories], r.total] for r in rows]
        lines.append([_("Tổng cộng"), *[totals[c.pk] for c in categories], sum(totals.values())])
        caption = [
            _("Số tin, văn bản công khai theo cơ quan và chuyên mục"),
            _("Từ %(start)s đến %(end)s")
            % {"start": f"{period.start:%d/%m/%Y}", "end": f"{period.end:%d/%m/%Y}"},
        ]
        sheet = Sheet(_("Công khai"), header, lines, caption)
        return xlsx_response(f"cong-khai-{period.start:%Y%m%d}-{period.end:%Y%m%d}", [sheet])
    return render(
        request,
        "backoffice/publication_counts.html",
        {
            "form": form if form.is_bound else CountsForm(initial={"start": period.start, "end": period.end}),
            "period": period,
            "categories": categories,
            "rows": rows,
            "totals": [totals[c.pk] for c in categories],
            "grand_total": sum(totals.values()),
        },
        status=422 if refused else 200,
    )


# --- guides ----------------------------------------------------------------------------------------


@roles_required(*EDITORS)
def guide_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    guides = [(selectors.guide_text(kind), slug) for kind, slug in GUIDE_SLUGS.items()]
    return render(
        request,
        "backoffice/guide_list.html",
        {"guides": guides, "may_edit": selectors.may_edit_guides(_user(request))},
    )


@roles_required(*EDITORS)
def guide_edit(request: HttpRequest, guide_slug: str) -> HttpResponse:
    kind = GUIDE_BY_SLUG.get(guide_slug)
    if kind is None:
        raise Http404(guide_slug)
    check_page_role(request)
    editor = _user(request)
    if not selectors.may_edit_guides(editor):
        raise PermissionDenied
    guide = selectors.guide_text(kind)
    form = GuideForm(request.POST or None, instance=guide)
    if request.method == "POST" and form.is_valid():
        services.guide_save(editor=editor, kind=kind, **form.cleaned_data)
        messages.success(request, _("Đã lưu hướng dẫn."))
        return redirect("backoffice:guide_list")
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "backoffice/guide_edit.html",
        {"form": form, "guide": guide, "slug": guide_slug},
        status=status,
    )
