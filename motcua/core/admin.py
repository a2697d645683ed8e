"""Admin for the worker heartbeat and the working calendar (days off, make-up days).

Calendar rows are saved and deleted through the services so that every process reloads the
calendar (a new version stamp); the admin index shows the calendar notice (templates/admin/index.html).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.core.models import Heartbeat, Holiday, MakeUpWorkday
from motcua.core.services import calendar_row_save, calendar_rows_confirm, calendar_rows_delete


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "beat_at")


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = model_admin.model.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(date__year=int(value)) if value and value.isdigit() else queryset


class CalendarRowAdmin(admin.ModelAdmin):
    """Shared behaviour: writes go through the calendar services, never plain save()/delete()."""

    date_hierarchy = "date"
    search_fields = ("name",)
    actions = ("confirm_rows",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        calendar_row_save(row=obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        calendar_rows_delete(rows=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        calendar_rows_delete(rows=list(queryset))

    @admin.action(description=_("Xác nhận theo văn bản chính thức"))
    def confirm_rows(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = calendar_rows_confirm(rows=list(queryset))
        self.message_user(
            request,
            ngettext("Đã xác nhận %(count)d ngày.", "Đã xác nhận %(count)d ngày.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Holiday)
class HolidayAdmin(CalendarRowAdmin):
    list_display = ("date", "weekday", "kind", "name", "status", "needs_review")
    list_filter = (YearFilter, "kind", "status", "needs_review")
    fields = ("date", "kind", "name", "status", "needs_review")

    @admin.display(description=_("thứ"))
    def weekday(self, obj: Holiday) -> str:
        return _weekday_name(obj.date.weekday())


@admin.register(MakeUpWorkday)
class MakeUpWorkdayAdmin(CalendarRowAdmin):
    list_display = ("date", "weekday", "name", "status")
    list_filter = (YearFilter, "status")
    fields = ("date", "name", "status")

    @admin.display(description=_("thứ"))
    def weekday(self, obj: MakeUpWorkday) -> str:
        return _weekday_name(obj.date.weekday())


_WEEKDAYS = (_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật"))


def _weekday_name(weekday: int) -> str:
    return str(_WEEKDAYS[weekday])
