from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice


class StaffLoginForm(AuthenticationForm):
    """Username and password (throttled by django-axes), plus the TOTP code once a device is set up."""

    otp_token = forms.CharField(
        label=_("Mã xác thực 6 số (nếu đã bật xác thực hai bước)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "otp_required": _("Tài khoản này đã bật xác thực hai bước: hãy nhập mã 6 số từ ứng dụng xác thực."),
        "otp_invalid": _("Mã xác thực không đúng hoặc đã hết hạn."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
            device = match_token(user, token)
            if device is None:
                raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
            # django-otp's user_logged_in receiver stores the verified device in the session.
            user.otp_device = device
        return cleaned


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Mã 6 số từ ứng dụng xác thực"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
