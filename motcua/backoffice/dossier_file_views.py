"""Downloads of a dossier's files from the back office: each document's scan or upload and the result.

The files carry the applicant's personal data, so after the dossier's visibility (404) and the
page's role (403) comes the personal-data rule of CONTRACTS §5: a specialist gets the files of a
dossier with a step assigned to them, an inspector after stating a reason (`?ly_do=`, from the
reason form of the dossier page); anyone else who may see the dossier gets them. Every download is
logged as a personal-data view (channel EXPORT, the file as subject).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import PersonalDataAccess, User
from motcua.accounts.roles import CASE_ROLES
from motcua.backoffice.reasons import reason_recall, reason_remember
from motcua.core.http import file_download
from motcua.dossiers import files
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_personal_data_visible, dossiers_visible_to


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _visible(request: HttpRequest, code: str) -> Dossier:
    """The dossier if the user may see it (404), then the page's role (403)."""
    dossier = get_object_or_404(dossiers_visible_to(_user(request)), code_key=code_key(code))
    check_page_role(request)
    return dossier


def access_reason_remember(request: HttpRequest, code: str, reason: str) -> None:
    """Keep the reason an inspector stated (by POST, on the dossier page) for that dossier's page,
    forms and files (`reasons`: in the session, never in links)."""
    reason_remember(request, f"dossier:{code_key(code)}", reason)


def access_reason(request: HttpRequest, code: str) -> str:
    """The reason the user stated on this dossier's page in this session, or an empty string."""
    return reason_recall(request, f"dossier:{code_key(code)}")


def _download(request: HttpRequest, dossier: Dossier, file: files.DossierFile) -> FileResponse:
    if not dossier_personal_data_visible(
        _user(request), dossier, channel=PersonalDataAccess.Channel.EXPORT,
        reason=access_reason(request, dossier.code), subject=file.subject,
    ):  # fmt: skip
        raise PermissionDenied(
            _(
                "Tệp của hồ sơ chứa thông tin cá nhân: chỉ cán bộ được phân công xử lý, hoặc thanh tra đã nêu lý do, được tải về."
            )
        )
    return file_download(file.file, file.filename)


@roles_required(*CASE_ROLES)
def dossier_scan_download(request: HttpRequest, code: str, scan_id: int) -> FileResponse:
    dossier = _visible(request, code)
    return _download(request, dossier, files.dossier_scan(dossier, scan_id))


@roles_required(*CASE_ROLES)
def dossier_result_download(request: HttpRequest, code: str) -> FileResponse:
    dossier = _visible(request, code)
    attached = files.attached_result(dossier)
    if attached is None:
        raise Http404
    return _download(request, dossier, files.result_download(dossier, attached))
