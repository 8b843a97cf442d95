"""Two-factor authentication: people enrol an authenticator app (TOTP) and get backup codes
once; then signing in asks for a code after the password, wrong codes count towards the
lockout, and turning it off needs the password or a code."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import PASSWORD, TOTPDeviceFactory, UserFactory, code_for

LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login-code")
TWO_FACTOR = reverse("accounts:two-factor")
SETUP = reverse("accounts:two-factor-setup")


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _verified(client) -> bool:
    return "otp_device_id" in client.session


@pytest.fixture
def dana(db):
    return UserFactory(email="dana@example.org")


@pytest.fixture
def dana_with_app(dana):
    return TOTPDeviceFactory(user=dana)


def _backup_codes(user, count=3) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticToken

    device = StaticDevice.objects.create(user=user, name="Backup codes")
    codes = [StaticToken.random_token() for _ in range(count)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


# ---- Enrolment ----


def test_setup_shows_a_qr_code_and_the_secret_to_type(client, dana):
    client.force_login(dana)
    response = client.get(SETUP)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=dana, confirmed=False)
    content = response.content.decode()
    assert "<svg" in content
    assert "data:" not in content
    secret = re.search(r'class="secret ltr">([A-Z2-7 ]+)<', content)[1]
    assert b32decode(secret.replace(" ", "")) == device.bin_key


def test_setup_keeps_the_same_secret_when_reloaded(client, dana):
    client.force_login(dana)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=dana).count() == 1


def test_a_wrong_code_does_not_turn_it_on(client, dana):
    client.force_login(dana)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=dana, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=dana).exists()


def test_the_right_code_turns_it_on_and_shows_backup_codes_once(client, dana):
    client.force_login(dana)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dana)
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    device.refresh_from_db()
    assert device.confirmed
    assert _verified(client)
    backup = StaticDevice.objects.get(user=dana)
    tokens = list(backup.token_set.values_list("token", flat=True))
    assert len(tokens) == 10
    page = client.get(TWO_FACTOR).content.decode()
    assert all(token in page for token in tokens)
    again = client.get(TWO_FACTOR).content.decode()
    assert not any(token in again for token in tokens)


def test_setup_sends_someone_with_an_app_to_the_status_page(client, dana_with_app):
    client.force_login(dana_with_app.user)
    assert client.get(SETUP)["Location"] == TWO_FACTOR


def test_setup_returns_to_where_the_person_was_going(client, dana):
    client.force_login(dana)
    client.get(SETUP + "?next=/i/river/")
    device = TOTPDevice.objects.get(user=dana)
    response = client.post(SETUP + "?next=/i/river/", {"code": code_for(device)})
    assert response["Location"] == TWO_FACTOR + "?next=%2Fi%2Friver%2F"
    assert b'href="/i/river/"' in client.get(response["Location"]).content


def test_setup_ignores_a_next_address_on_another_site(client, dana):
    client.force_login(dana)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=dana)
    response = client.post(SETUP + "?next=https://evil.example/", {"code": code_for(device)})
    assert "evil" not in response["Location"]


# ---- Signing in ----


def test_with_an_app_the_password_alone_does_not_sign_in(client, dana_with_app):
    response = client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_CODE)
    assert not _signed_in(client)
    assert client.get(reverse("initiatives:home"))["Location"].startswith(LOGIN)


def test_the_code_completes_signing_in(client, dana_with_app):
    client.post(
        LOGIN + "?next=/api-tokens/",
        {"username": "dana@example.org", "password": PASSWORD},
    )
    page = client.get(LOGIN_CODE + "?next=/api-tokens/")
    assert page.status_code == 200
    response = client.post(LOGIN_CODE + "?next=/api-tokens/", {"code": code_for(dana_with_app)})
    assert response["Location"] == "/api-tokens/"
    assert _signed_in(client)
    assert _verified(client)


def test_a_backup_code_signs_in_once(client, dana_with_app):
    (code,) = _backup_codes(dana_with_app.user, count=1)
    client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    assert client.post(LOGIN_CODE, {"code": code.upper()}).status_code == 302
    assert _verified(client)
    client.post(reverse("accounts:logout"))
    client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    assert client.post(LOGIN_CODE, {"code": code}).status_code == 400
    assert not _signed_in(client)


def test_the_code_page_without_a_password_first_sends_to_sign_in(client, dana_with_app):
    response = client.post(LOGIN_CODE, {"code": code_for(dana_with_app)})
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in(client)


def test_the_code_step_expires(client, dana_with_app):
    client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    session = client.session
    pending = session["pending_login"]
    pending["since"] = (timezone.now() - timedelta(minutes=11)).isoformat()
    session["pending_login"] = pending
    session.save()
    response = client.post(LOGIN_CODE, {"code": code_for(dana_with_app)})
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in(client)


def test_wrong_codes_count_towards_the_lockout(client, dana_with_app):
    client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert client.post(LOGIN_CODE, {"code": "123456"}).status_code == 400
    assert client.post(LOGIN_CODE, {"code": "654321"}).status_code == 429
    response = client.post(LOGIN_CODE, {"code": code_for(dana_with_app)})
    assert response.status_code == 429
    assert not _signed_in(client)
    # The password step is closed too.
    assert (
        client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD}).status_code
        == 429
    )


def test_a_signed_in_session_without_a_code_is_confirmed_on_the_code_page(client, dana_with_app):
    client.force_login(dana_with_app.user)
    assert not _verified(client)
    response = client.post(
        LOGIN_CODE + "?next=/accounts/two-factor/", {"code": code_for(dana_with_app)}
    )
    assert response["Location"] == "/accounts/two-factor/"
    assert _verified(client)


def test_people_without_an_app_sign_in_with_the_password_alone(client, dana):
    response = client.post(LOGIN, {"username": "dana@example.org", "password": PASSWORD})
    assert response["Location"] == reverse("initiatives:home")
    assert _signed_in(client)


# ---- Status, new backup codes, turning it off ----


def test_the_status_page_says_whether_it_is_on(client, dana):
    client.force_login(dana)
    assert b'href="' + SETUP.encode() in client.get(TWO_FACTOR).content
    TOTPDeviceFactory(user=dana)
    assert b"is on" in client.get(TWO_FACTOR).content


def test_new_backup_codes_replace_the_old_ones(client, dana_with_app):
    old = _backup_codes(dana_with_app.user)
    client.force_login(dana_with_app.user)
    client.post(LOGIN_CODE, {"code": code_for(dana_with_app)})
    response = client.post(reverse("accounts:two-factor-backup-codes"))
    assert response["Location"] == TWO_FACTOR
    tokens = set(
        StaticDevice.objects.get(user=dana_with_app.user).token_set.values_list("token", flat=True)
    )
    assert len(tokens) == 10
    assert not tokens & set(old)


def test_new_backup_codes_need_a_confirmed_session(client, dana_with_app):
    old = _backup_codes(dana_with_app.user)
    client.force_login(dana_with_app.user)
    response = client.post(reverse("accounts:two-factor-backup-codes"))
    assert response["Location"].startswith(LOGIN_CODE)
    assert set(StaticDevice.objects.get().token_set.values_list("token", flat=True)) == set(old)


@pytest.mark.parametrize("proof", ["password", "code"])
def test_turning_it_off_takes_the_password_or_a_code(client, dana_with_app, proof):
    _backup_codes(dana_with_app.user)
    client.force_login(dana_with_app.user)
    value = PASSWORD if proof == "password" else code_for(dana_with_app)
    response = client.post(reverse("accounts:two-factor-disable"), {"proof": value})
    assert response["Location"] == TWO_FACTOR
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()


def test_turning_it_off_refuses_a_wrong_proof(client, dana_with_app):
    client.force_login(dana_with_app.user)
    response = client.post(reverse("accounts:two-factor-disable"), {"proof": "guess"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=dana_with_app.user).exists()


def test_the_header_links_to_two_factor_settings(client, dana):
    client.force_login(dana)
    assert (
        b'href="' + TWO_FACTOR.encode() in client.get(reverse("initiatives:api-token-list")).content
    )


# ---- The Django admin ----


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_the_admin_sends_a_superuser_without_an_app_to_set_one_up(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == SETUP + "?next=%2Fadmin%2F"


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_the_admin_asks_a_superuser_with_an_app_for_the_code(client, db):
    device = TOTPDeviceFactory(user__is_staff=True, user__is_superuser=True)
    client.force_login(device.user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == LOGIN_CODE + "?next=%2Fadmin%2F"
    client.post(LOGIN_CODE + "?next=%2Fadmin%2F", {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=False)
def test_the_admin_can_be_opened_without_a_second_factor_when_not_required(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_the_admin_helps_someone_who_lost_their_phone_without_seeing_secrets(client, dana_with_app):
    (code,) = _backup_codes(dana_with_app.user, count=1)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    device_page = client.get(
        reverse("admin:otp_totp_totpdevice_change", args=[dana_with_app.pk])
    ).content.decode()
    assert dana_with_app.key not in device_page
    backup = StaticDevice.objects.get(user=dana_with_app.user)
    codes_page = client.get(
        reverse("admin:otp_static_staticdevice_change", args=[backup.pk])
    ).content.decode()
    assert code not in codes_page
    assert "delete" in device_page
