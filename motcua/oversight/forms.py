"""Forms of the oversight pages: validation and cleaning only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role
from motcua.catalog.models import Field
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period, parse_month
from motcua.oversight.models import CHECKLIST, EvaluationGrade, Violation


class MonthForm(forms.Form):
    month = forms.CharField(label=_("Tháng báo cáo (YYYY-MM)"), max_length=7)

    def clean_month(self) -> Period:
        try:
            return parse_month(self.cleaned_data["month"])
        except InvalidInput as exc:
            raise forms.ValidationError(exc.message) from exc


class ExplanationForm(forms.Form):
    reason = forms.CharField(
        label=_("Nguyên nhân chậm giải quyết"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    remedy = forms.CharField(
        label=_("Biện pháp khắc phục"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class DesignateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan để chậm"), queryset=Agency.objects.none())
    reason = forms.CharField(
        label=_("Căn cứ xác định"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class AssessmentForm(forms.Form):
    assessment = forms.CharField(
        label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    grade = forms.ModelChoiceField(
        label=_("Xếp loại"), queryset=EvaluationGrade.objects.filter(is_active=True)
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Ý kiến của cán bộ"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


def _desk_officers() -> Any:
    return (
        User.objects.filter(groups__name=GROUP_NAMES[Role.DESK_OFFICER], is_active=True)
        .distinct()
        .order_by("username")
    )


class DutyForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Cán bộ"), queryset=User.objects.none())
    desk = forms.ModelChoiceField(label=_("Bộ phận một cửa"), queryset=Agency.objects.all().order_by("code"))
    counter = forms.CharField(label=_("Quầy"), max_length=20)
    starts_at = forms.DateTimeField(
        label=_("Từ (ngày giờ)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Đến (ngày giờ)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Lĩnh vực tiếp nhận"), queryset=Field.objects.all(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _desk_officers()


class CorrectionForm(forms.Form):
    indicator = forms.TypedChoiceField(
        label=_("Tiêu chí"), coerce=int, choices=[(i, str(i)) for i in range(1, 10)]
    )
    score = forms.TypedChoiceField(
        label=_("Điểm"), coerce=lambda v: None if v == "" else int(v), empty_value=None, required=False,
        choices=[("", _("Không đánh giá (N/A)")), ("0", "0"), ("1", "1"), ("2", "2")],
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReminderForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Cán bộ được nhắc nhở"), queryset=User.objects.none())
    text = forms.CharField(
        label=_("Nội dung nhắc nhở"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _desk_officers()


class InspectionForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Đơn vị được kiểm tra"), queryset=Agency.objects.all().order_by("code")
    )
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=forms.DateInput(attrs={"type": "date"}))
    findings = forms.CharField(
        label=_("Kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )


class ViolationForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Cán bộ vi phạm"), queryset=User.objects.filter(is_active=True).order_by("username")
    )
    kind = forms.ChoiceField(label=_("Loại vi phạm"), choices=Violation.Kind.choices)
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class FollowUpForm(forms.Form):
    action = forms.CharField(
        label=_("Việc phải làm"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    agency = forms.ModelChoiceField(
        label=_("Đơn vị thực hiện"), queryset=Agency.objects.all().order_by("code")
    )
    deadline = forms.DateField(label=_("Thời hạn"), widget=forms.DateInput(attrs={"type": "date"}))


class DeskReviewForm(forms.Form):
    """One checkbox, finding and fix per item of the reception checklist."""

    desk = forms.ModelChoiceField(label=_("Bộ phận một cửa"), queryset=Agency.objects.all().order_by("code"))
    reviewed_on = forms.DateField(label=_("Ngày kiểm tra"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST.items():
            self.fields[f"{key}_ok"] = forms.BooleanField(
                label=format_lazy("{}: {}", label, _("đạt")), required=False
            )
            self.fields[f"{key}_finding"] = forms.CharField(
                label=format_lazy("{}: {}", label, _("tồn tại")), required=False, max_length=500
            )
            self.fields[f"{key}_fix"] = forms.CharField(
                label=format_lazy("{}: {}", label, _("khắc phục")), required=False, max_length=500
            )

    def items(self) -> dict[str, dict[str, object]]:
        data = self.cleaned_data
        return {
            key: {
                "ok": data[f"{key}_ok"],
                "finding": data[f"{key}_finding"].strip(),
                "fix": data[f"{key}_fix"].strip(),
            }
            for key in CHECKLIST
        }


class DeskMeetingForm(forms.Form):
    desk = forms.ModelChoiceField(label=_("Bộ phận một cửa"), queryset=Agency.objects.all().order_by("code"))
    held_on = forms.DateField(label=_("Ngày họp"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.ModelMultipleChoiceField(label=_("Thành phần dự họp"), queryset=User.objects.none())
    topics = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000)
    decisions = forms.CharField(
        label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            User.objects.filter(is_active=True).exclude(agency=None).order_by("username")
        )
