"""SMS gateway webhooks (CONTRACTS §7)."""

from ninja import Router

router = Router(tags=["SMS"])
