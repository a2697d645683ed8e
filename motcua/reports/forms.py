"""The report filters of every report page, export and public statistics page: a period (the
reporting regime's month, quarter, six or nine months, year, or custom dates), an agency and a
field. Validation only; the scope the user may read is checked by the caller."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core import periods
from motcua.core.bounds import validate_year_in_range
from motcua.core.calendar import FIRST_YEAR, LAST_YEAR
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period

KIND_CHOICES = [
    ("month", _("Tháng")),
    ("quarter", _("Quý")),
    ("half", _("6 tháng")),
    ("nine_months", _("9 tháng")),
    ("year", _("Năm")),
    ("custom", _("Từ ngày … đến ngày")),
]


class ReportFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=KIND_CHOICES, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    number = forms.IntegerField(label=_("Tháng / quý"), min_value=1, max_value=12, required=False)
    start = forms.DateField(label=_("Từ ngày"), required=False, validators=[validate_year_in_range])
    end = forms.DateField(label=_("Đến ngày"), required=False, validators=[validate_year_in_range])
    agency = forms.CharField(label=_("Cơ quan"), max_length=40, required=False)
    field = forms.IntegerField(label=_("Lĩnh vực"), min_value=1, required=False)

    def __init__(self, *args: Any, rule: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rule = rule  # None: the setting REPORT_PERIOD; "calendar" for the 766 index

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("kind") or "month"
        today = timezone.localdate()
        current = periods.month_containing(today, rule=self.rule)
        year = data.get("year") or current.end.year
        number = data.get("number") or current.end.month
        try:
            if kind == "custom":
                start, end = data.get("start"), data.get("end")
                if start is None or end is None:
                    raise forms.ValidationError(_("Chọn cả ngày bắt đầu và ngày kết thúc."))
                period = Period(start, end)
            elif kind == "quarter":
                if number > 4:
                    raise forms.ValidationError(_("Quý từ 1 đến 4."))
                period = periods.quarter(year, number, rule=self.rule)
            elif kind == "half":
                period = periods.half(year, rule=self.rule)
            elif kind == "nine_months":
                period = periods.nine_months(year, rule=self.rule)
            elif kind == "year":
                period = periods.year_period(year, rule=self.rule)
            else:
                period = periods.month(year, number, rule=self.rule)
            period.check_length()
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from None
        data["kind"], data["year"], data["number"] = kind, year, number
        data["period"] = period
        return data

    @property
    def period(self) -> Period:
        return self.cleaned_data["period"]


def default_period(rule: str | None = None) -> Period:
    """The reporting month containing today."""
    return periods.month_containing(timezone.localdate(), rule=rule)


def period_label(period: Period) -> str:
    return f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"


__all__ = ["ReportFilterForm", "default_period", "period_label"]
