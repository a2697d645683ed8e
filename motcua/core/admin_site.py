"""MotCua's admin site: Vietnamese titles and the working-calendar notice on the index."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import calendar


class MotCuaAdminSite(admin.AdminSite):
    site_header = _("MotCua — Quản trị hệ thống")
    site_title = "MotCua"
    index_title = _("Quản trị hệ thống")

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        """The index warns from 1 October while next year's days off are not confirmed, and lists
        the rows an administrator must check against the official notice."""
        context = {
            "calendar_notice": calendar.calendar_notice(today=timezone.localdate()),
            **(extra_context or {}),
        }
        return super().index(request, extra_context=context)
