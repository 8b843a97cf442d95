"""Two-factor authentication in a real browser: a backbone admin of an initiative that asks for
it is sent to set up an authenticator app when they sign in, types the key shown on the page
into their "app", keeps the backup codes, lands where they were going, and next time signs in
with password and code. Nothing on the way is blocked by the Content Security Policy."""

import time
from base64 import b32decode

import pytest

from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _app_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app given ``secret`` shows."""
    from django_otp.oath import TOTP

    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_backbone_admin_sets_up_two_factor_and_signs_in_with_a_code(visitor, world, backbone_admin):
    world.initiative.require_two_factor = True
    world.initiative.save()

    admin = visitor(signed_in=backbone_admin)
    page = admin.page
    assert "/accounts/two-factor/setup/" in page.url
    assert page.locator(".qr-code svg").is_visible()
    secret = page.locator("code.secret").inner_text()
    admin.screenshot("two-factor-setup")
    page.fill("#id_code", _app_code(secret))
    page.click("button:has-text('Turn on two-factor authentication')")
    assert page.locator(".backup-codes li").count() == 10
    admin.screenshot("two-factor-backup-codes")
    page.click("text=I have saved them: continue")
    assert page.url.endswith(f"/i/{world.initiative.slug}/")
    admin.assert_clean()

    page.click("button:has-text('Sign out')")
    admin.sign_in(backbone_admin)
    assert "/accounts/login/code/" in page.url
    admin.screenshot("two-factor-code")
    # A code is accepted once: the next sign-in types the app's next one.
    page.fill("#id_code", _app_code(secret, steps_ahead=1))
    page.click("button:has-text('Continue')")
    assert page.url.endswith(f"/i/{world.initiative.slug}/")
    admin.assert_clean()


def test_the_lockout_page_explains_what_to_do(visitor, world, backbone_admin):
    from django.conf import settings

    tab = visitor()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        tab.sign_in(backbone_admin, password="not-" + PASSWORD)
    assert tab.page.locator(".login-box h1").inner_text() == "Too many failed attempts to sign in"
    tab.screenshot("login-locked")
    tab.page.click("text=Choose a new password")
    assert "/accounts/password-reset/" in tab.page.url
