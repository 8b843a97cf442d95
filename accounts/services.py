"""Writes of the accounts app: finding an invitation or an API token by its secret, the
password-reset throttle, two-factor authentication, notices and what people choose to receive.
Inviting people into an initiative and
making tokens for it are the tenancy's (``initiatives.services``)."""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import selectors
from accounts.models import ApiToken, Invitation, Notice, NoticeLog, NoticePreference
from core import formats

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


# ---- Notices ----


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def notify(
    *,
    users: Iterable,
    kind: str,
    subject: Callable[[], str],
    template: str,
    context: Mapping,
    url: str,
    initiative=None,
) -> int:
    """Tell each of ``users`` something: a notice in their list and an e-mail, each as they
    chose for this ``kind`` (``NoticePreference``; both when they did not choose).

    The message is made for each person in their language (``selectors.language_of``):
    ``subject()`` and ``template`` (rendered with ``context``, plus ``recipient`` and ``url``
    as a full address) run with that language active. ``url`` is the address of the page the
    notice is about, on this site. Inactive accounts get nothing. Returns how many e-mails
    went out: one each, so no one sees the others' addresses."""
    people = [user for user in users if user.is_active]
    chosen = selectors.notice_preferences_of(users=people, kind=kind)
    notices, messages = [], []
    for user in people:
        # Dates and amounts as in the initiative's country, in each person's language.
        with formats.conventions_of(initiative), translation.override(selectors.language_of(user)):
            text_subject = " ".join(str(subject()).split())[:300]
            body = render_to_string(
                template, {**context, "recipient": user, "url": _absolute(url)}
            ).strip()
            if chosen[user.pk].in_app:
                notices.append(
                    Notice(
                        recipient=user,
                        initiative=initiative,
                        kind=kind,
                        subject=text_subject,
                        body=body,
                        url=url,
                    )
                )
            if chosen[user.pk].by_email and user.email:
                email_body = render_to_string(
                    "accounts/email/notice.txt",
                    {
                        "body": body,
                        "url": _absolute(url),
                        "preferences_url": _absolute(reverse("accounts:notice-preferences")),
                    },
                )
                messages.append(EmailMessage(text_subject, email_body, None, [user.email]))
    Notice.objects.bulk_create(notices)
    _forget_unread_counts(notice.recipient_id for notice in notices)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


@transaction.atomic
def notice_log_claim(*, initiative, kind: str, occasion: str) -> NoticeLog | None:
    """Claim the right to send a scheduled notice: the log of this initiative, kind and
    occasion if it is the first to ask, None if it was sent already. Call it inside the
    transaction that sends, so a failed send leaves the occasion unclaimed."""
    log, created = NoticeLog.objects.select_for_update().get_or_create(
        initiative=initiative, kind=kind, occasion=occasion
    )
    return log if created else None


def _forget_unread_counts(user_ids: Iterable[int]) -> None:
    """The header counts again. Now, and once the transaction commits: a page counting in
    between would cache the count without what this transaction adds."""
    keys = [selectors.unread_count_key(user_id) for user_id in set(user_ids)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def notice_read(*, user, notice: Notice) -> None:
    """Mark one of the person's notices read (only their own: others' are left alone)."""
    Notice.objects.filter(pk=notice.pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _forget_unread_counts([user.pk])


def notices_read_all(*, user) -> int:
    """Mark every notice of the person read; how many were unread."""
    read = Notice.objects.filter(recipient=user).unread().update(read_at=timezone.now())
    _forget_unread_counts([user.pk])
    return read


def _check_language(language: str) -> None:
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})


def user_language_set(*, user, language: str) -> None:
    """The language of the person's pages and messages; empty for the browser's and the
    site's."""
    _check_language(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def notice_preferences_set(
    *, user, language: str, choices: Mapping[str, tuple[bool, bool]]
) -> None:
    """Save the person's language and, for each kind in ``choices``, whether it comes by
    e-mail and whether in their list of notices (``(by_email, in_app)``). Kinds not named
    stay as they were."""
    user_language_set(user=user, language=language)
    for kind, (by_email, in_app) in choices.items():
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"by_email": by_email, "in_app": in_app}
        )
