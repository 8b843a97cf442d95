"""Password-reset e-mails are limited: PASSWORD_RESET_LIMIT_PER_EMAIL links an hour to one
address, whoever asks, and PASSWORD_RESET_LIMIT_PER_IP requests an hour from one client. The
page never says whether an account exists, throttled or not."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import UserFactory

DONE = reverse("accounts:password-reset-done")


def _ask(client, email, ip="192.0.2.10", **extra):
    url = reverse("accounts:password-reset")
    return client.post(url, {"email": email}, REMOTE_ADDR=ip, **extra)


@pytest.fixture
def dana(db):
    return UserFactory(email="dana@example.org")


def test_it_sends_one_address_a_limited_number_of_links(client, dana):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 2):
        response = _ask(client, dana.email, ip=f"203.0.113.{n + 1}")
        assert response.status_code == 302
        assert response["Location"] == DONE
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_the_address_is_one_in_any_case(client, dana):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 1):
        _ask(client, "Dana@Example.org" if n % 2 else dana.email, ip=f"203.0.113.{n + 1}")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_a_throttled_address_gets_the_same_answer_as_an_unknown_one(client, dana):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        _ask(client, dana.email)
    throttled = _ask(client, dana.email)
    unknown = _ask(client, "nobody@example.org")
    assert (throttled.status_code, throttled["Location"]) == (unknown.status_code, DONE)
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_other_addresses_still_get_their_link(client, dana):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL + 1):
        _ask(client, dana.email)
    colleague = UserFactory()
    _ask(client, colleague.email)
    assert mail.outbox[-1].to == [colleague.email]


def test_one_client_asking_too_often_is_told_to_wait(client, db):
    people = UserFactory.create_batch(settings.PASSWORD_RESET_LIMIT_PER_IP + 1)
    for person in people[:-1]:
        assert _ask(client, person.email, ip="198.51.100.66").status_code == 302
    response = _ask(client, people[-1].email, ip="198.51.100.66", HTTP_ACCEPT_LANGUAGE="he")
    assert response.status_code == 429
    page = response.content.decode()
    assert "יותר מדי בקשות לסיסמה חדשה הגיעו מהרשת שלך" in page  # "Too many requests …"
    assert '<html lang="he" dir="rtl">' in page
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_IP
    # Someone elsewhere is not affected.
    assert _ask(client, people[-1].email, ip="192.0.2.10").status_code == 302
    assert mail.outbox[-1].to == [people[-1].email]


def test_unknown_addresses_count_towards_the_clients_limit(client, dana):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_IP):
        _ask(client, f"nobody{n}@example.org", ip="198.51.100.66")
    assert _ask(client, dana.email, ip="198.51.100.66").status_code == 429
    assert mail.outbox == []
