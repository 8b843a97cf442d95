"""The list of one's notices: unread first, each linking to its page, marked read one by one
or all at once; the header counts what is unread. Nobody sees anyone else's."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice
from tests.factories.accounts import NoticeFactory, UserFactory

NOTICES = reverse("accounts:notice-list")


def test_it_lists_only_the_signed_in_persons_notices_unread_first(client, db):
    dana = UserFactory()
    NoticeFactory(recipient=dana, subject="Read one", read_at=timezone.now())
    NoticeFactory(recipient=dana, subject="Unread one", url="/i/river/submissions/7/")
    NoticeFactory(subject="Someone else's")
    client.force_login(dana)

    page = client.get(NOTICES).content.decode()

    assert "Someone else" not in page
    assert page.index("Unread one") < page.index("Read one")
    assert 'href="/i/river/submissions/7/"' in page


def test_it_requires_login(client, db):
    response = client.get(NOTICES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_marking_one_read(client, db):
    notice = NoticeFactory()
    client.force_login(notice.recipient)
    response = client.post(reverse("accounts:notice-read", args=[notice.pk]))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_marks_someone_elses_notice(client, db):
    notice = NoticeFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:notice-read", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_all_read_leaves_other_peoples_unread(client, db):
    dana = UserFactory()
    NoticeFactory.create_batch(2, recipient=dana)
    other = NoticeFactory()
    client.force_login(dana)
    client.post(reverse("accounts:notice-read-all"))
    assert not Notice.objects.filter(recipient=dana, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_header_counts_unread_notices(client, db):
    dana = UserFactory()
    NoticeFactory.create_batch(3, recipient=dana)
    NoticeFactory(recipient=dana, read_at=timezone.now())
    client.force_login(dana)
    page = client.get(reverse("accounts:two-factor")).content.decode()
    assert 'class="notice-count"' in page
    assert ">3<" in page


def test_the_count_follows_new_and_read_notices(client, world, partner_a):
    from accounts.choices import NoticeKind
    from accounts.services import notify

    client.force_login(partner_a)
    assert 'class="notice-count"' not in client.get(NOTICES).content.decode()
    notify(
        users=[partner_a],
        kind=NoticeKind.APPROVED,
        subject=lambda: "Approved",
        template="accounts/email/notice.txt",
        context={"body": "Approved."},
        url="/",
    )
    assert ">1<" in client.get(NOTICES).content.decode()
    client.post(reverse("accounts:notice-read-all"))
    assert 'class="notice-count"' not in client.get(NOTICES).content.decode()


def test_no_count_when_all_is_read(client, db):
    dana = UserFactory()
    NoticeFactory(recipient=dana, read_at=timezone.now())
    client.force_login(dana)
    assert 'class="notice-count"' not in client.get(NOTICES).content.decode()


def test_it_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    dana = UserFactory()
    NoticeFactory.create_batch(20, recipient=dana)
    client.force_login(dana)
    with django_assert_max_num_queries(6):
        assert client.get(NOTICES).status_code == 200
