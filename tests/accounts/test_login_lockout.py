"""Guessing passwords: after LOGIN_FAILURE_LIMIT wrong passwords an account is locked for
LOGIN_LOCKOUT_MINUTES whichever address they came from, and an address that fails
LOGIN_FAILURE_LIMIT_PER_IP times is locked for every account. The Django admin has no password
form of its own, so the same lockout guards it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

ATTACKER = "198.51.100.66"
OFFICE = "192.0.2.10"


def _sign_in(client, email, password, ip=OFFICE, **extra):
    data = {"username": email, "password": password}
    return client.post(reverse("accounts:login"), data, REMOTE_ADDR=ip, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client, email, times, ip=OFFICE):
    for _ in range(times):
        _sign_in(client, email, "not-the-password", ip=ip)


@pytest.fixture
def dana(db):
    return UserFactory(email="dana@example.org")


def test_it_refuses_the_right_password_after_too_many_wrong_ones(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT)
    response = _sign_in(client, dana.email, PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_it_still_signs_in_one_failure_short_of_the_limit(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT - 1)
    assert _sign_in(client, dana.email, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_the_failure_that_reaches_the_limit_already_shows_the_lockout(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT - 1)
    response = _sign_in(client, dana.email, "not-the-password")
    assert response.status_code == 429
    assert b"Too many failed attempts to sign in" in response.content


def test_the_lockout_follows_the_account_to_every_address(client, dana):
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        _sign_in(client, dana.email, "not-the-password", ip=f"203.0.113.{n + 1}")
    assert _sign_in(client, dana.email, PASSWORD, ip="203.0.113.200").status_code == 429
    assert not _signed_in(client)


def test_the_address_counts_the_account_in_any_case(client, dana):
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        email = "Dana@Example.org" if n % 2 else " DANA@example.org "
        _sign_in(client, email, "not-the-password", ip=f"203.0.113.{n + 1}")
    assert _sign_in(client, dana.email, PASSWORD).status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(client, dana):
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_IP):
        _sign_in(client, f"guess{n}@example.org", "not-the-password", ip=ATTACKER)
    assert _sign_in(client, dana.email, PASSWORD, ip=ATTACKER).status_code == 429
    assert not _signed_in(client)
    # Dana herself, at her own desk, is not affected.
    assert _sign_in(client, dana.email, PASSWORD, ip=OFFICE).status_code == 302


def test_colleagues_behind_one_address_sign_in_while_one_account_is_locked(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT)
    colleague = UserFactory()
    assert _sign_in(client, colleague.email, PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_accounts_failures(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT - 1)
    assert _sign_in(client, dana.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT - 1)
    assert _sign_in(client, dana.email, PASSWORD).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_failures(client, dana):
    """An attacker with an account of their own cannot reset the count of their guesses."""
    attacker = UserFactory()
    for n in range(settings.LOGIN_FAILURE_LIMIT_PER_IP - 1):
        _sign_in(client, f"guess{n}@example.org", "not-the-password", ip=ATTACKER)
    assert _sign_in(client, attacker.email, PASSWORD, ip=ATTACKER).status_code == 302
    client.post(reverse("accounts:logout"))
    _sign_in(client, "one-more@example.org", "not-the-password", ip=ATTACKER)
    assert _sign_in(client, dana.email, PASSWORD, ip=ATTACKER).status_code == 429


def test_the_lockout_ends_after_the_wait(client, dana):
    from axes.models import AccessAttempt

    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT)
    waited = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - waited
        )
    assert _sign_in(client, dana.email, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_the_lockout_page_is_the_sign_in_page_in_the_visitors_language(client, dana):
    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT)
    response = _sign_in(client, dana.email, PASSWORD, HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 429
    assert "accounts/login_locked.html" in [t.name for t in response.templates]
    assert b'<html lang="he" dir="rtl">' in response.content
    assert "ההתחברות מושהית" in response.content.decode()  # "Signing in is paused"
    assert b'class="site-header"' in response.content
    assert reverse("accounts:password-reset").encode() in response.content
    assert str(settings.LOGIN_LOCKOUT_MINUTES).encode() in response.content


def test_the_admin_login_takes_no_password_of_its_own(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": admin.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/"
    assert not _signed_in(client)


def test_the_admin_is_reached_through_the_same_lockout(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    login_page = client.get("/admin/", follow=True).redirect_chain[-1][0]
    assert login_page == reverse("accounts:login") + "?next=/admin/"
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(login_page, {"username": admin.email, "password": "guess"}, REMOTE_ADDR=OFFICE)
    response = client.post(
        login_page, {"username": admin.email, "password": PASSWORD}, REMOTE_ADDR=OFFICE
    )
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_the_admin_opens_after_signing_in(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    response = client.post(
        reverse("accounts:login") + "?next=/admin/",
        {"username": admin.email, "password": PASSWORD},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_page_turns_away_signed_in_people_without_admin_rights(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:login") + "?next=/admin/").status_code == 403


def test_choosing_a_new_password_lifts_the_accounts_lockout(client, dana):
    import re

    from django.core import mail

    _fail(client, dana.email, settings.LOGIN_FAILURE_LIMIT)
    client.post(reverse("accounts:password-reset"), {"email": dana.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_page, {"new_password1": "a-new-long-pass", "new_password2": "a-new-long-pass"})
    assert _sign_in(client, dana.email, "a-new-long-pass").status_code == 302
