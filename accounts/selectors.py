"""Reads of the accounts app: a person's second factor."""

from dataclasses import dataclass

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_app_of(*, user) -> TOTPDevice | None:
    """The person's confirmed authenticator app (a TOTP device), if they set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_second_factor(*, user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


@dataclass(frozen=True)
class TwoFactorStatus:
    app: TOTPDevice | None
    backup_codes_left: int

    @property
    def enabled(self) -> bool:
        return self.app is not None


def two_factor_status(*, user) -> TwoFactorStatus:
    return TwoFactorStatus(
        app=authenticator_app_of(user=user),
        backup_codes_left=StaticToken.objects.filter(
            device__user=user, device__confirmed=True
        ).count(),
    )


def session_is_verified(user) -> bool:
    """Whether this browser session confirmed a second factor. django-otp's OTPMiddleware
    gives the request's user ``is_verified``; a user from elsewhere (a token, a task) has none."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
