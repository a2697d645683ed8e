"""Procedures API (CONTRACTS §7)."""

from ninja import Router

router = Router(tags=["Thủ tục hành chính"])
