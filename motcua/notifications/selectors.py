"""Reads of the outbox: the backlog for /healthz and the back office's list."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from motcua.accounts.models import User
from motcua.notifications.models import Message, MessageQuerySet


def outbox_backlog_count() -> int:
    """Messages not yet handed to a gateway (QUEUED + SENDING): /healthz's `outbox_backlog`."""
    return Message.objects.backlog().count()


def messages_visible_to(user: User) -> QuerySet[Message]:
    """The outbox holds every agency's messages: only locality-wide staff see it."""
    if not user.is_authenticated or not user.is_locality_wide:
        return Message.objects.none()
    return Message.objects.all()


def outbox_counts_by_status(messages: QuerySet[Message]) -> dict[str, int]:
    counts = {status: 0 for status in Message.Status.values}
    for row in messages.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def outbox_filter(
    messages: QuerySet[Message], *, status: str = "", channel: str = "", q: str = ""
) -> QuerySet[Message]:
    if status in Message.Status.values:
        messages = messages.filter(status=status)
    if channel in ("SMS", "EMAIL"):
        messages = messages.filter(channel=channel)
    assert isinstance(messages, MessageQuerySet)
    return messages.search(q)
