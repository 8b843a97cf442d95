"""Writes of the accounts app: finding an invitation or an API token by its secret, the
password-reset throttle, two-factor authentication. Inviting people into an initiative and
making tokens for it are the tenancy's (``initiatives.services``)."""

import hashlib
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, Invitation

User = get_user_model()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_get_usable(*, token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("initiative", "organization")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        return None
    return invitation


# ---- API tokens ----

TOKEN_PREFIX = "yachad_"


def api_token_authenticate(key: str) -> ApiToken | None:
    """The active token for this key, its use recorded; None when there is none."""
    token = (
        ApiToken.objects.active()
        .select_related("user", "initiative")
        .filter(token_hash=hash_token(key))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Recording every request would write on every read; a minute's precision is enough.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# ---- Password-reset throttle ----


class PasswordReset(StrEnum):
    """What to do with one request for a password-reset e-mail."""

    SEND = "send"
    SKIP = "skip"
    """The address had its links for now: answer as always, send nothing."""
    REFUSE = "refuse"
    """The client asked too often: tell them to wait."""


def _count_in_window(key: str, seconds: int) -> int:
    """Count one more event under ``key``; the count disappears ``seconds`` after the first."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the count expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def password_reset_throttle(*, email: str, ip_address: str) -> PasswordReset:
    """Count a request for a password-reset link to ``email`` from ``ip_address``.

    Addresses without an account count like any other, so the answer never tells whether an
    account exists. An address that had its links gets the usual "check your e-mail" page
    and nothing is sent: whoever asks again cannot tell, and its owner's mailbox is not
    flooded. Only a client that asked about too many addresses is told to wait."""
    seconds = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    if (
        _count_in_window(f"password-reset:ip:{ip_address}", seconds)
        > settings.PASSWORD_RESET_LIMIT_PER_IP
    ):
        return PasswordReset.REFUSE
    address = hash_token(User.objects.normalize_email(email).strip().lower())
    if _count_in_window(f"password-reset:email:{address}", seconds) > (
        settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    ):
        return PasswordReset.SKIP
    return PasswordReset.SEND


# ---- Two-factor authentication ----

BACKUP_CODE_COUNT = 10


def totp_device_start(*, user) -> TOTPDevice:
    """The authenticator app the person is setting up: a new secret, or the one already shown
    if they reload the page before confirming it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, code: str) -> list[str]:
    """Turn two-factor authentication on once the app shows the right code: the app becomes
    the person's second factor and they get a fresh set of backup codes, returned here (they
    are shown once)."""
    if not device.verify_token(code):
        raise ValidationError(
            _("That code is not right. Check that the app shows Yachad and try again.")
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return backup_codes_replace(user=device.user)


@transaction.atomic
def backup_codes_replace(*, user) -> list[str]:
    """New one-time backup codes for when the phone is not at hand; the old ones stop
    working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """Back to the password alone: the app and the backup codes are forgotten."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def normalize_code(code: str) -> str:
    return code.replace(" ", "").replace("-", "").lower()


def looks_like_code(value: str) -> bool:
    """Six digits (the app) or eight letters and digits (a backup code)."""
    code = normalize_code(value)
    return (len(code) == 6 and code.isdigit()) or (len(code) == 8 and code.isalnum())


def second_factor_verify(*, user, code: str) -> Device | None:
    """The device that accepts ``code``: the authenticator app for six digits, otherwise a
    backup code, used up by this. None when none does. After a wrong code each device waits
    longer before it checks another (django-otp's throttling); the callers also count wrong
    codes towards the sign-in lockout."""
    code = normalize_code(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None
