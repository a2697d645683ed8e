"""Use cases for staff accounts: API tokens, the TOTP second factor and the administrator's password reset."""

from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts.models import ApiToken, User


@transaction.atomic
def api_token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token and return the key once; only its hash is kept."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device (made on first visit), so reloading the page keeps the same QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="MotCua", confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


# Letters and digits that cannot be mistaken for one another when read out or copied by hand.
UNAMBIGUOUS_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def user_password_reset(*, user: User, by: User) -> str:
    """An administrator sets a new temporary password for `user` and hands it over in person; the
    old password and the user's open sessions stop working. Logged in the Django admin's history of
    the account (who, when), never the password itself. Returns the temporary password (shown once)."""
    temporary = "-".join(get_random_string(4, UNAMBIGUOUS_CHARS) for _ in range(3))
    user.set_password(temporary)
    user.save(update_fields=["password"])
    LogEntry.objects.create(
        user=by,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user)[:200],
        action_flag=CHANGE,
        change_message="Đặt lại mật khẩu tạm thời (trang quản trị nghiệp vụ)",
    )
    return temporary
