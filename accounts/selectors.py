"""Reads of the accounts app: a person's second factor, their notices and what they chose to
receive."""

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import NoticeKind
from accounts.models import Notice, NoticePreference


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


# ---- Notices ----


class NoticeChoice(NamedTuple):
    """How a person wants one kind of notice."""

    by_email: bool
    in_app: bool


EVERYTHING = NoticeChoice(by_email=True, in_app=True)


def notice_preferences(*, user) -> dict[str, NoticeChoice]:
    """For every kind of notice, how the person wants it: as they chose, or both ways."""
    chosen = {
        p.kind: NoticeChoice(p.by_email, p.in_app)
        for p in NoticePreference.objects.filter(user=user)
    }
    return {kind: chosen.get(kind, EVERYTHING) for kind in NoticeKind}


def notice_preferences_of(*, users, kind: str) -> dict[int, NoticeChoice]:
    """How each of ``users`` (by id) wants notices of ``kind``, in one query."""
    chosen = {
        p.user_id: NoticeChoice(p.by_email, p.in_app)
        for p in NoticePreference.objects.filter(user__in=[u.pk for u in users], kind=kind)
    }
    return {user.pk: chosen.get(user.pk, EVERYTHING) for user in users}


NOTICES_SHOWN = 100


def notice_list(*, user) -> QuerySet[Notice]:
    """The person's latest notices, unread first, then newest first."""
    return Notice.objects.filter(recipient=user)[:NOTICES_SHOWN]


# The header shows it on every page, cached ones too: kept in the cache until a notice comes or
# is read (accounts.services forgets it then), so a page costs no query for it.
UNREAD_COUNT_SECONDS = 15 * 60


def unread_count_key(user_id: int) -> str:
    return f"notices:unread:{user_id}"


def unread_notice_count(*, user) -> int:
    count = cache.get_or_set(
        unread_count_key(user.pk),
        lambda: Notice.objects.filter(recipient=user).unread().count(),
        UNREAD_COUNT_SECONDS,
    )
    return int(count or 0)


def language_of(user) -> str:
    """The language to write to the person in: the one they chose, else the site's."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE
