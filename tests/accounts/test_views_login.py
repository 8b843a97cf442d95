import re

from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory


def test_it_signs_in_with_email_in_any_case(client, db):
    UserFactory(email="dana@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "Dana@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:home")


def test_it_keeps_the_typed_email_after_a_wrong_password(client, db):
    UserFactory(email="dana@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "dana@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert b'value="dana@example.org"' in response.content
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, db):
    user = UserFactory(email="dana@example.org")
    client.post(reverse("accounts:password-reset"), {"email": "dana@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")


def test_password_reset_says_nothing_about_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
