"""Notices (accounts.services.notify): one message to each person, in the list of notices on
the site and by e-mail, as each chose, in each one's language."""

import pytest
from django.core import mail
from django.utils.translation import gettext as _

from accounts import selectors, services
from accounts.choices import NoticeKind
from accounts.models import Notice, NoticePreference
from tests.factories.accounts import UserFactory


def _notify(*users, kind=NoticeKind.APPROVED, initiative=None):
    return services.notify(
        users=users,
        kind=kind,
        # A string Hebrew and Arabic already have: the subject shows the language it was made in.
        subject=lambda: (
            _("Overdue: %(initiative)s data for %(period)s")
            % {"initiative": "River City", "period": "2024-Q1"}
        ),
        template="accounts/email/test_notice.txt",
        context={"what": "the numbers"},
        url="/accounts/notices/",
        initiative=initiative,
    )


@pytest.fixture(autouse=True)
def _test_template(settings, tmp_path):
    """A kind's message as a template: here one that says which language it was made in."""
    folder = tmp_path / "accounts" / "email"
    folder.mkdir(parents=True)
    (folder / "test_notice.txt").write_text(
        "{% load i18n %}{% get_current_language as language %}About {{ what }} [{{ language }}]"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]


def test_everyone_gets_every_kind_by_email_and_in_the_list_by_default(db):
    dana, omar = UserFactory(), UserFactory()
    assert _notify(dana, omar) == 2

    assert sorted(m.to[0] for m in mail.outbox) == sorted([dana.email, omar.email])
    notice = Notice.objects.get(recipient=dana)
    assert (notice.kind, notice.url, notice.read_at) == (
        NoticeKind.APPROVED,
        "/accounts/notices/",
        None,
    )
    assert notice.subject == "Overdue: River City data for 2024-Q1"
    assert notice.body == "About the numbers [en]"


def test_the_email_links_to_the_page_and_to_the_preferences(db, settings):
    settings.SITE_URL = "https://yachad.example.org"
    _notify(UserFactory())
    body = mail.outbox[0].body
    assert "About the numbers" in body
    assert "https://yachad.example.org/accounts/notices/" in body
    assert "https://yachad.example.org/accounts/notices/preferences/" in body


def test_nobody_sees_anyone_elses_address(db):
    _notify(UserFactory(), UserFactory())
    assert all(len(message.to) == 1 for message in mail.outbox)


@pytest.mark.parametrize(
    ("by_email", "in_app", "emails", "notices"),
    [(False, True, 0, 1), (True, False, 1, 0), (False, False, 0, 0)],
)
def test_a_person_receives_a_kind_only_the_ways_they_chose(db, by_email, in_app, emails, notices):
    dana = UserFactory()
    services.notice_preferences_set(
        user=dana,
        language="",
        choices={NoticeKind.APPROVED: (by_email, in_app)},
    )
    _notify(dana)
    assert len(mail.outbox) == emails
    assert Notice.objects.filter(recipient=dana).count() == notices


def test_turning_off_one_kind_leaves_the_others_on(db):
    dana = UserFactory()
    services.notice_preferences_set(
        user=dana, language="", choices={NoticeKind.RETURNED: (False, False)}
    )
    _notify(dana, kind=NoticeKind.APPROVED)
    assert len(mail.outbox) == 1
    assert selectors.notice_preferences(user=dana)[NoticeKind.APPROVED] == (True, True)
    assert selectors.notice_preferences(user=dana)[NoticeKind.RETURNED] == (False, False)


def test_a_message_is_written_in_each_persons_language(db):
    dana, omar = UserFactory(language="he"), UserFactory(language="")
    _notify(dana, omar)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[dana.email].startswith("באיחור")
    assert subjects[omar.email].startswith("Overdue:")
    assert Notice.objects.get(recipient=dana).body == "About the numbers [he]"
    assert Notice.objects.get(recipient=omar).body == "About the numbers [en]"


def test_inactive_accounts_get_nothing(db):
    _notify(UserFactory(is_active=False))
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_saving_preferences_twice_keeps_one_row_per_kind(db):
    dana = UserFactory()
    for _n in range(2):
        services.notice_preferences_set(
            user=dana, language="ar", choices={NoticeKind.OVERDUE: (True, False)}
        )
    assert NoticePreference.objects.filter(user=dana).count() == 1
    dana.refresh_from_db()
    assert dana.language == "ar"
