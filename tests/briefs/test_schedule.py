"""Briefs by e-mail: each funder receives the latest final period's brief once, in their own
language, with its PDF; a failure is tried again; an initiative that did not ask sends none.

The PDF engine is replaced here by one that returns the HTML it was given (the engine itself
is tested in test_pdf.py), so the attachment shows which brief, in which language, went."""

import pytest
from django.core import mail

from accounts.choices import Role
from briefs import services
from briefs.models import BriefDelivery, BriefSchedule
from briefs.tasks import funder_briefs_send_task
from measurement.services import period_close
from tests.factories.accounts import UserFactory
from tests.factories.initiatives import InitiativeFactory, MembershipFactory
from tests.measurement.conftest import plan_quarterly


@pytest.fixture(autouse=True)
def printed(monkeypatch):
    """Every PDF made: the HTML Chromium would have printed."""
    made: list[str] = []

    def print_html(html: str) -> bytes:
        made.append(html)
        return b"%PDF-" + html.encode()

    monkeypatch.setattr("briefs.documents.html_to_pdf", print_html)
    return made


@pytest.fixture
def funders(world):
    """Two funders, one reading Hebrew and one Arabic, and one whose account is closed."""
    people = {
        "he": UserFactory(email="galilee@example.org", language="he"),
        "ar": UserFactory(email="nazareth@example.org", language="ar"),
        "closed": UserFactory(email="gone@example.org", is_active=False),
    }
    for person in people.values():
        MembershipFactory(user=person, initiative=world.initiative, role=Role.FUNDER)
    return people


@pytest.fixture
def sending(world):
    return BriefSchedule.objects.create(initiative=world.initiative, send_by_email=True)


def _attachment(message):
    (name, content, kind), *_rest = message.attachments
    return name, content, kind


def test_each_funder_receives_the_brief_once_in_their_language(
    world, figures, funders, sending, backbone_admin
):
    assert funder_briefs_send_task.delay().get() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"galilee@example.org", "nazareth@example.org"}
    name, content, kind = _attachment(by_address["galilee@example.org"])
    assert (name, kind) == ("river-2024-Q2-he.pdf", "application/pdf")
    assert b'<html lang="he" dir="rtl">' in content
    name, content, _kind = _attachment(by_address["nazareth@example.org"])
    assert name == "river-2024-Q2-ar.pdf"
    assert b'<html lang="ar" dir="rtl">' in content
    assert "2024-Q2" in by_address["galilee@example.org"].subject

    assert funder_briefs_send_task.delay().get() == 0
    assert len(mail.outbox) == 2
    assert BriefDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_it_makes_one_pdf_per_language(world, figures, funders, sending, printed):
    MembershipFactory(
        user=UserFactory(language="he"), initiative=world.initiative, role=Role.FUNDER
    )
    services.funder_briefs_send()
    assert len(mail.outbox) == 3
    assert len(printed) == 2


def test_only_funders_receive_it(world, figures, sending, backbone_admin, partner_a):
    assert services.funder_briefs_send() == 0
    assert mail.outbox == []


def test_a_provisional_period_is_not_sent(world, figures, funders, sending, backbone_admin):
    # Organization B is expected every quarter and never approved: nothing is final.
    plan_quarterly(world, [world.org_a, world.org_b], [world.indicator])
    assert services.funder_briefs_send() == 0
    assert mail.outbox == []
    assert not BriefDelivery.objects.exists()

    # The backbone closes the first quarter: it is final, and its brief goes.
    period_close(actor=backbone_admin, period=world.period, note="As final as it gets.")
    assert services.funder_briefs_send() == 2
    assert {_attachment(m)[0] for m in mail.outbox} == {
        "river-2024-Q1-he.pdf",
        "river-2024-Q1-ar.pdf",
    }


def test_a_failed_e_mail_is_tried_again_without_holding_up_the_others(
    world, figures, funders, sending, monkeypatch, caplog
):
    from django.core.mail import EmailMessage

    send = EmailMessage.send

    def refuse_galilee(message, *args, **kwargs):
        if message.to == ["galilee@example.org"]:
            raise ConnectionRefusedError("SMTP server down")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_galilee)
    assert services.funder_briefs_send() == 1
    assert [m.to for m in mail.outbox] == [["nazareth@example.org"]]
    failed = BriefDelivery.objects.get(recipient=funders["he"])
    assert failed.sent_at is None
    assert failed.attempts == 1
    assert "SMTP server down" in failed.error
    assert "could not go to member" in caplog.text

    monkeypatch.setattr(EmailMessage, "send", send)
    assert services.funder_briefs_send() == 1
    assert [m.to for m in mail.outbox] == [["nazareth@example.org"], ["galilee@example.org"]]
    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert failed.attempts == 2


def test_an_initiative_that_fails_does_not_hold_up_the_others(
    world, figures, funders, sending, monkeypatch, caplog
):
    broken = InitiativeFactory(slug="broken")
    BriefSchedule.objects.create(initiative=broken, send_by_email=True)
    send = services.funder_brief_send

    def fail_for_broken(*, initiative):
        if initiative == broken:
            raise ValueError("a fault in its data")
        return send(initiative=initiative)

    monkeypatch.setattr(services, "funder_brief_send", fail_for_broken)
    assert services.funder_briefs_send() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["galilee@example.org", "nazareth@example.org"]
    assert "The funder briefs of broken could not be sent" in caplog.text


def test_an_initiative_that_did_not_ask_sends_nothing(world, figures, funders):
    assert services.funder_briefs_send() == 0
    BriefSchedule.objects.create(initiative=world.initiative, send_by_email=False)
    assert services.funder_briefs_send() == 0
    assert mail.outbox == []


def test_the_schedule_runs_daily(world):
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "briefs.tasks.funder_briefs_send_task" in tasks
