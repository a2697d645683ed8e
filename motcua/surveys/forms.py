"""Forms of the survey pages: validation only (one field per question, 1–5, optional)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.core.exceptions import InvalidInput
from motcua.core.periods import Period, parse_month
from motcua.surveys.models import QuestionnaireVersion, QuickLevel

SCALE = [
    ("1", _("Rất không hài lòng")),
    ("2", _("Không hài lòng")),
    ("3", _("Bình thường")),
    ("4", _("Hài lòng")),
    ("5", _("Rất hài lòng")),
]
COMMENT_MAX = 2000


class SurveyForm(forms.Form):
    """The questionnaire of `version`: fields `q<question id>`, each optional, and a comment."""

    comment = forms.CharField(
        label=_("Ý kiến khác (không bắt buộc; không công khai)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, version: QuestionnaireVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[Any, list[Any]]] = []  # (criterion, its questions' bound fields)
        for criterion in version.criteria.prefetch_related("questions"):
            names = []
            for question in criterion.questions.all():
                name = f"q{question.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text, choices=SCALE, coerce=int, required=False, widget=forms.RadioSelect
                )
                self.fields[name].question = question  # type: ignore[attr-defined]
                names.append(name)
            self.groups.append((criterion, [self[name] for name in names]))

    def scores(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q") and value not in (None, "")
        }


class PaperForm(SurveyForm):
    """A paper form typed in by staff: the dossier's code comes first."""

    code = forms.CharField(label=_("Mã hồ sơ ghi trên phiếu"), max_length=60)

    field_order = ["code"]


class KioskDutyForm(AuthenticationForm):
    """The officer signs in at the kiosk with their own account (axes counts failures as at log-in)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập của cán bộ")


class QuickRatingForm(forms.Form):
    level = forms.ChoiceField(choices=QuickLevel.choices)
    code = forms.CharField(label=_("Mã hồ sơ (không bắt buộc)"), max_length=60, required=False)


class FollowUpCloseForm(forms.Form):
    note = forms.CharField(
        label=_("Đã xử lý thế nào"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do cần xem ý kiến của người dân"), max_length=500)


class ResultsForm(forms.Form):
    """The public results' choice: an agency (by code, with its sub-agencies) and a month."""

    agency = forms.ModelChoiceField(
        label=_("Cơ quan"), queryset=Agency.objects.all(), to_field_name="code", required=False,
        empty_label=_("Toàn địa phương"),
    )  # fmt: skip
    month = forms.RegexField(label=_("Tháng"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)

    def clean_month(self) -> Period | None:
        value = self.cleaned_data.get("month")
        if not value:
            return None
        try:
            return parse_month(value)
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from None
