"""The outbox pages: every SMS and e-mail, its attempts, and a manual retry (locality-wide staff)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from motcua.accounts.access import check_page_role, roles_required
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.notifications.exceptions import MessageNotRetryable
from motcua.notifications.models import Channel, Message
from motcua.notifications.selectors import messages_visible_to, outbox_counts_by_status, outbox_filter
from motcua.notifications.services import message_retry

OUTBOX_ROLES = (Role.SUPERVISOR, Role.ADMIN)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@roles_required(*OUTBOX_ROLES)
def outbox_list(request: HttpRequest) -> HttpResponse:
    check_page_role(request)
    visible = messages_visible_to(_user(request))
    filters = {
        "status": request.GET.get("status", ""),
        "channel": request.GET.get("channel", ""),
        "q": request.GET.get("q", "").strip()[:100],
    }
    messages = outbox_filter(visible, **filters)
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    counts = outbox_counts_by_status(visible)
    context = {
        "page": page,
        "filters": filters,
        "counts": [(value, label, counts[value]) for value, label in Message.Status.choices],
        "statuses": Message.Status.choices,
        "channels": Channel.choices,
    }
    return render(request, "backoffice/outbox_list.html", context)


@roles_required(*OUTBOX_ROLES)
def outbox_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    """A message and its attempts; POST retries it (attempt count reset, queued again now)."""
    message = get_object_or_404(messages_visible_to(_user(request)), pk=message_id)
    check_page_role(request)
    error = ""
    status = 200
    if request.method == "POST":
        try:
            message_retry(message=message)
        except MessageNotRetryable as exc:
            error, status = exc.message, 409
        else:
            return redirect("backoffice:outbox_detail", message_id=message.pk)
    attempts = message.delivery_attempts.all()
    context = {
        "message": message,
        "attempts": attempts,
        "error": error,
        "retryable": message.status in (Message.Status.FAILED, Message.Status.QUEUED),
    }
    return render(request, "backoffice/outbox_detail.html", context, status=status)
