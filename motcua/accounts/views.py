from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.access import agencies_visible_to, check_page_role, public, roles_required
from motcua.accounts.forms import StaffLoginForm, TotpConfirmForm
from motcua.accounts.models import User
from motcua.accounts.roles import Role
from motcua.accounts.services import totp_device_confirm, totp_device_for_setup, user_password_reset


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = StaffLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """A desk's kiosk goes to its rating screen, the one page it may use (surveys)."""
        user = self.request.user
        if isinstance(user, User) and Role.KIOSK in user.roles:
            return resolve_url("backoffice:kiosk")
        return super().get_default_redirect_url()


login_view = public(LoginView.as_view())
logout_view = public(auth_views.LogoutView.as_view())


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every member of staff changes their own password (old one, then the new one twice, checked by
    AUTH_PASSWORD_VALIDATORS); the session stays signed in, other sessions are signed out."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("backoffice:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 422
        return response


password_change = roles_required()(PasswordChangeView.as_view())


@roles_required(Role.ADMIN)
def password_reset_by_admin(request: HttpRequest, user_id: int) -> HttpResponse:
    """The administrator gives a member of staff a new temporary password (POST), shown once on
    this page, for the user to replace at once on the password change page."""
    viewer = request.user
    assert isinstance(viewer, User)
    people = (
        User.objects.all()
        if viewer.is_locality_wide
        else User.objects.filter(agency__in=agencies_visible_to(viewer))
    )
    person = get_object_or_404(people.select_related("agency"), pk=user_id)
    check_page_role(request)
    temporary = ""
    if request.method == "POST":
        temporary = user_password_reset(user=person, by=viewer)
    response = render(
        request, "accounts/password_reset_by_admin.html", {"person": person, "temporary": temporary}
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
