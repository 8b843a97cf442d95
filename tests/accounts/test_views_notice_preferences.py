"""Choosing one's language and which notices come by e-mail and in the list; the interface
speaks the language chosen, and the language switcher saves it."""

from django.urls import reverse

from accounts import selectors
from accounts.choices import NoticeKind
from tests.factories.accounts import UserFactory

PREFERENCES = reverse("accounts:notice-preferences")


def _everything_on(**changes):
    data = {"language": ""}
    for kind in NoticeKind:
        data[f"email_{kind}"] = "on"
        data[f"app_{kind}"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_shows_everything_on_at_first(client, db):
    client.force_login(UserFactory())
    page = client.get(PREFERENCES).content.decode()
    assert page.count("checked") == 2 * len(NoticeKind)


def test_a_person_chooses_their_language_and_what_they_receive(client, db):
    dana = UserFactory()
    client.force_login(dana)
    response = client.post(
        PREFERENCES, _everything_on(language="he", email_approved=None, app_due_soon=None)
    )
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.language == "he"
    chosen = selectors.notice_preferences(user=dana)
    assert chosen[NoticeKind.APPROVED] == (False, True)
    assert chosen[NoticeKind.DUE_SOON] == (True, False)
    assert chosen[NoticeKind.OVERDUE] == (True, True)


def test_a_refused_form_keeps_what_was_typed(client, db):
    dana = UserFactory()
    client.force_login(dana)
    response = client.post(PREFERENCES, _everything_on(language="xx", email_approved=None))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="email_{NoticeKind.APPROVED}"' in page
    assert page.count("checked") == 2 * len(NoticeKind) - 1
    dana.refresh_from_db()
    assert dana.language == ""


def test_it_requires_login(client, db):
    response = client.get(PREFERENCES)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_interface_speaks_the_language_a_person_chose(client, db):
    client.force_login(UserFactory(language="he"))
    page = client.get(reverse("accounts:notice-list")).content.decode()
    assert '<html lang="he" dir="rtl">' in page


def test_without_a_chosen_language_the_browser_decides(client, db):
    client.force_login(UserFactory(language=""))
    page = client.get(reverse("accounts:notice-list"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_the_language_switcher_saves_the_choice_of_a_signed_in_person(client, db):
    dana = UserFactory(language="he")
    client.force_login(dana)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    dana.refresh_from_db()
    assert dana.language == "ar"
    page = client.get(reverse("accounts:notice-list")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_the_language_switcher_still_works_for_visitors(client, db):
    response = client.post(reverse("set_language"), {"language": "he", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="he" dir="rtl">' in page
