from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.access import public, roles_required
from motcua.accounts.forms import StaffLoginForm, TotpConfirmForm
from motcua.accounts.models import User
from motcua.accounts.services import totp_device_confirm, totp_device_for_setup


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = StaffLoginForm
    redirect_authenticated_user = True


login_view = public(LoginView.as_view())
logout_view = public(auth_views.LogoutView.as_view())


@login_required
@roles_required()
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or, for an administrator already enrolled, pass) the TOTP second factor."""
    user = request.user
    assert isinstance(user, User)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed or totp_device_for_setup(user=user)
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        ok = (
            device.verify_token(token.strip())
            if confirmed
            else totp_device_confirm(device=device, token=token)
        )
        if ok:
            otp_login(request, device)
            messages.success(request, _("Xác thực hai bước đã được kích hoạt cho phiên làm việc này."))
            return redirect(next_url or "backoffice:home")
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    qr_svg = (
        None
        if confirmed
        else segno.make(device.config_url, micro=False).svg_inline(scale=4, title=_("Mã QR cài đặt"))
    )
    return render(
        request,
        "accounts/totp_setup.html",
        {"form": form, "confirmed": bool(confirmed), "qr_svg": qr_svg, "device": device, "next": next_url},
        status=422 if form.errors else 200,
    )
