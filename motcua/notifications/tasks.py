"""q2 task functions: load by id, call one service."""

from __future__ import annotations

from motcua.notifications.services import message_deliver, message_sweep


def deliver_message(message_id: int) -> None:
    message_deliver(message_id)


def sweep_outbox() -> int:
    return message_sweep()
