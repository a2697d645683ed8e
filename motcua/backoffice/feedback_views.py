"""Back-office petition pages (`/quan-tri/phan-anh/`): the list with the overdue filter, an officer's
entry of a petition from the desk, a hotline call or a letter, and a petition's page with the forms of
the actions the user could take now. The petitioner's contact is shown only as CONTRACTS §5 allows,
and every showing is logged (`accounts.access.personal_data_view`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts.access import check_page_role, personal_data_view, roles_required
from motcua.accounts.models import Agency, PersonalDataAccess, User
from motcua.accounts.roles import Role
from motcua.backoffice.reasons import AccessReasonForm, reason_recall, reason_remember
from motcua.core.exceptions import DomainError, InvalidInput
from motcua.dossiers.codes import code_key
from motcua.dossiers.models import Dossier
from motcua.feedback import limits, selectors, services
from motcua.feedback.models import Category, Channel, RefusalKind, State

SEE_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.INSPECTOR, Role.ADMIN)
ENTRY_ROLES = (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.SUPERVISOR, Role.ADMIN)
ACT_ROLES = ENTRY_ROLES


class EntryForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in (Channel.DESK, Channel.HOTLINE, Channel.LETTER)],
    )
    category = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Category.choices)
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=200)
    content = forms.CharField(label=gettext_lazy("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}))
    dossier = forms.CharField(label=gettext_lazy("Mã hồ sơ liên quan"), max_length=60, required=False)
    about_officer = forms.ModelChoiceField(
        label=gettext_lazy("Cán bộ bị phản ánh"), queryset=User.objects.filter(is_active=True), required=False
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan xử lý"), queryset=Agency.objects.active(), required=False
    )
    anonymous = forms.BooleanField(label=gettext_lazy("Nặc danh (tin báo)"), required=False)
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150, required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    consent = forms.BooleanField(
        label=gettext_lazy("Người gửi đồng ý xử lý thông tin cá nhân"), required=False
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@roles_required(*SEE_ROLES)
def petition_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    overdue = request.GET.get("overdue") == "1"
    rows = selectors.petition_worklist(
        _user(request), state=state, q=request.GET.get("q", "")[:100], overdue=overdue
    )
    context = {
        "rows": [(p, limits.next_due(p), limits.is_overdue(p)) for p in rows],
        "states": State.choices,
        "state": state,
        "overdue": overdue,
        "q": request.GET.get("q", ""),
    }
    return render(request, "backoffice/feedback_list.html", context)


@roles_required(*ENTRY_ROLES)
def petition_entry(request: HttpRequest) -> HttpResponse:
    """An officer records a petition handed in at the desk, phoned in or received by letter."""
    check_page_role(request)
    form = EntryForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            dossier = None
            if data["dossier"]:
                dossier = Dossier.objects.filter(code_key=code_key(data["dossier"])).first()
                if dossier is None:
                    form.add_error("dossier", _("Không tìm thấy hồ sơ này."))
            if not form.errors:
                filing = services.Filing(
                    channel=data["channel"], category=data["category"], title=data["title"], content=data["content"],
                    name=data["name"], address=data["address"], phone=data["phone"], email=data["email"],
                    consent=data["consent"], anonymous=data["anonymous"], agency=data["agency"], dossier=dossier,
                    about_officer=data["about_officer"], files=request.FILES.getlist("files"),
                )  # fmt: skip
                try:
                    petition = services.petition_file(filing, officer=_user(request))
                except InvalidInput as exc:
                    for error in exc.errors:
                        form.add_error(error.field if error.field in form.fields else None, error.message)
                else:
                    messages.success(request, _("Đã ghi nhận phản ánh %(code)s.") % {"code": petition.code})
                    return redirect("backoffice:feedback_detail", petition_code=petition.code)
    return render(request, "backoffice/feedback_entry.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest,
    code: str,
    *,
    status: int = 200,
    error: str = "",
    reason_form: AccessReasonForm | None = None,
    posted: tuple[str, dict[str, Any]] | None = None,
) -> HttpResponse:
    """The petition's page; after a refused action, `posted` (the action and what was sent) fills
    that action's form again, so nothing typed is lost."""
    user = _user(request)
    petition = selectors.petition_get_visible(user, code)
    if petition is None:
        raise Http404
    check_page_role(request)
    # The inspector's reason, stated by POST on this page and kept in the session (never from a link).
    inspector = Role.INSPECTOR in user.roles
    reason = reason_recall(request, petition.subject_ref) if inspector else ""
    contact = personal_data_view(
        user, subject=petition.subject_ref, channel=PersonalDataAccess.Channel.PAGE,
        assigned=petition.assignee_id == user.pk, reason=reason,
    ) if not petition.is_tip else False  # fmt: skip
    context = {
        "petition": petition,
        "contact": contact,
        "check": limits.limits_check(petition),
        "overdue": limits.is_overdue(petition),
        "actions": services.actions_available(petition, user),
        "events": petition.events.select_related("officer", "agency", "text"),
        "texts": petition.texts.all(),
        "categories": Category.choices,
        "refusal_kinds": RefusalKind.choices,
        "agencies": Agency.objects.active().exclude(pk=petition.agency_id),
        "staff": User.objects.filter(agency_id=petition.agency_id, is_active=True).order_by("full_name"),
        "error": error,
        "ask_reason": inspector and not contact and not petition.is_tip,
        "reason_form": reason_form or AccessReasonForm(),
        "posted_action": posted[0] if posted else "",
        "posted": posted[1] if posted else {},
    }
    return render(request, "backoffice/feedback_detail.html", context, status=status)


@roles_required(*SEE_ROLES)
@require_http_methods(["GET", "POST"])
def petition_detail(request: HttpRequest, petition_code: str) -> HttpResponse:
    """The petition's page; by POST an inspector states the reason to see the petitioner's contact
    (CONTRACTS §5), kept in the session for this petition."""
    if request.method == "POST":
        user = _user(request)
        petition = selectors.petition_get_visible(user, petition_code)
        if petition is None:
            raise Http404
        check_page_role(request)
        if Role.INSPECTOR not in user.roles:
            raise PermissionDenied(_("Chỉ thanh tra cần nêu lý do để xem thông tin cá nhân."))
        form = AccessReasonForm(request.POST)
        if not form.is_valid():
            return _detail(request, petition_code, status=422, reason_form=form)
        reason_remember(request, petition.subject_ref, form.cleaned_data["reason"])
        return redirect("backoffice:feedback_detail", petition_code=petition.code)
    return _detail(request, petition_code)


@roles_required(*ACT_ROLES)
@require_http_methods(["GET", "POST"])
def petition_action(request: HttpRequest, petition_code: str, petition_action: str) -> HttpResponse:
    """POST one action of the table from the petition's page; a refusal shows the page again with
    the message: 403 (role), 409 (state), 422 (input)."""
    user = _user(request)
    petition = selectors.petition_get_visible(user, petition_code)
    if petition is None or petition_action not in services.ACTIONS:
        raise Http404
    if request.method != "POST":
        return redirect("backoffice:feedback_detail", petition_code=petition.code)
    body = {k: request.POST.get(k) for k in request.POST if k != "csrfmiddlewaretoken"}
    try:
        services.petition_act(petition, petition_action, officer=user, body=body)
    except PermissionDenied:
        message = _("Vai trò của ông/bà không thực hiện được thao tác này.")
        return _detail(request, petition_code, status=403, error=message, posted=(petition_action, body))
    except DomainError as exc:
        return _detail(
            request, petition_code, status=exc.status, error=exc.message, posted=(petition_action, body)
        )
    messages.success(
        request, _("Đã thực hiện: %(action)s.") % {"action": services.ACTIONS[petition_action].label}
    )
    return redirect("backoffice:feedback_detail", petition_code=petition.code)
