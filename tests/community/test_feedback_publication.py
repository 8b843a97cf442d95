"""What "You said, we did" publishes: only what staff wrote for it — "you said" in their own
words and the answer — once someone confirmed it fit to publish; never the words or the theme
a community member wrote, whichever role reads it, and however the answer form is filled in."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community import selectors, services
from community.choices import FeedbackStatus
from community.models import FeedbackItem
from measurement.models import ShareLink
from tests.conftest import EACH_ROLE
from tests.factories.community import FeedbackItemFactory
from tests.migrations import migrated_back_to

pytestmark = pytest.mark.django_db

WORDS = "Noor in grade 2 at Al-Nahda cannot read"
THEME = "Noor at Al-Nahda"
# What staff write to publish an answer: "you said" in their own words, and what was done.
STAFF_ANSWER = {
    "public_summary": "Reading.",
    "public_response": "A mentor comes.",
    "status": "answered",
}


def _give(client, world, member) -> FeedbackItem:
    client.force_login(member)
    client.post(
        reverse("community:feedback-list", args=[world.initiative.slug]),
        {"body": WORDS, "theme": THEME},
    )
    return FeedbackItem.objects.get()


def _answer_url(world, item) -> str:
    return reverse("community:feedback-answer", args=[world.initiative.slug, item.pk])


def _form_as_it_comes(client, url) -> dict:
    """What the answer form posts back if staff change nothing."""
    form = client.get(url).context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.name] = value
    return data


def _public_pages(client, world) -> list[str]:
    slug = world.initiative.slug
    pages = [
        client.get(reverse(name, args=[slug])).content.decode()
        for name in ("community:answers", "equity:dashboard", "initiatives:initiative-home")
    ]
    return pages


def _share_pages(client, world) -> list[str]:
    link = ShareLink.objects.create(
        initiative=world.initiative, label="Board", expires_at=timezone.now() + timedelta(days=3)
    )
    client.logout()
    return [
        client.get(reverse(name, args=[link.token])).content.decode()
        for name in ("share:indicator-list", "share:equity-gaps")
    ]


def test_the_answer_form_starts_with_none_of_the_writers_words(
    client, world, community_member, backbone_staff
):
    item = _give(client, world, community_member)
    client.force_login(backbone_staff)
    data = _form_as_it_comes(client, _answer_url(world, item))
    assert data.get("public_summary", "") == ""
    assert not [name for name, value in data.items() if WORDS in str(value) or THEME in str(value)]


def test_answering_with_the_form_as_it_comes_publishes_none_of_the_writers_words(
    client, world, community_member, backbone_staff, request
):
    item = _give(client, world, community_member)
    client.force_login(backbone_staff)
    url = _answer_url(world, item)
    data = _form_as_it_comes(client, url) | {
        "status": FeedbackStatus.ANSWERED,
        "public_response": "A reading mentor comes to Al-Nahda twice a week.",
    }
    assert client.post(url, data).status_code == 302
    for persona in EACH_ROLE:
        client.force_login(request.getfixturevalue(persona))
        for page in _public_pages(client, world):
            assert WORDS not in page, persona
            assert THEME not in page, persona
    for page in _share_pages(client, world):
        assert WORDS not in page
        assert THEME not in page


def test_an_answer_reaches_you_said_we_did_only_once_confirmed(
    client, world, community_member, backbone_staff, funder
):
    item = _give(client, world, community_member)
    client.force_login(backbone_staff)
    answer = {
        "status": FeedbackStatus.ANSWERED,
        "public_summary": "Parents told us some children in the early grades cannot read yet.",
        "public_response": "A reading mentor comes to the school twice a week.",
    }
    client.post(_answer_url(world, item), answer)
    client.force_login(funder)
    assert "reading mentor" not in _public_pages(client, world)[0]
    client.force_login(community_member)
    own = client.get(reverse("community:feedback-list", args=[world.initiative.slug]))
    assert "reading mentor" in own.content.decode()  # the writer reads the answer at once

    client.force_login(backbone_staff)
    client.post(_answer_url(world, item), answer | {"publish": "on"})
    item.refresh_from_db()
    assert item.published_by == backbone_staff
    assert item.published_at is not None
    client.force_login(funder)
    page = _public_pages(client, world)[0]
    assert "some children in the early grades cannot read yet" in page
    assert "reading mentor" in page
    assert WORDS not in page
    assert THEME not in page


def test_publishing_needs_you_said_in_staff_words(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative, body=WORDS, theme=THEME)
    with pytest.raises(ValidationError) as error:
        services.feedback_answer(
            actor=backbone_staff,
            item=item,
            fields={"status": FeedbackStatus.ANSWERED, "public_response": "A mentor comes."},
            publish=True,
        )
    assert "public_summary" in error.value.message_dict
    assert not FeedbackItem.objects.filter(published_at__isnull=False).exists()


def test_changing_published_text_records_who_published_it_again(
    world, backbone_staff, backbone_admin
):
    item = FeedbackItemFactory(initiative=world.initiative)
    services.feedback_answer(actor=backbone_staff, item=item, fields=STAFF_ANSWER, publish=True)
    first = item.published_at
    services.feedback_answer(actor=backbone_admin, item=item, fields=STAFF_ANSWER, publish=True)
    assert (item.published_at, item.published_by) == (first, backbone_staff)
    services.feedback_answer(
        actor=backbone_admin,
        item=item,
        fields=STAFF_ANSWER | {"public_response": "Two mentors come."},
        publish=True,
    )
    assert item.published_by == backbone_admin
    assert item.published_at > first


def test_saving_without_publish_takes_an_answer_off_the_page(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative)
    services.feedback_answer(actor=backbone_staff, item=item, fields=STAFF_ANSWER, publish=True)
    assert list(selectors.published_feedback(initiative=world.initiative)) == [item]
    services.feedback_answer(actor=backbone_staff, item=item, fields=STAFF_ANSWER)
    assert list(selectors.published_feedback(initiative=world.initiative)) == []
    assert (item.published_at, item.published_by) == (None, None)


def test_published_answers_load_nothing_the_writer_wrote(world, backbone_staff):
    item = FeedbackItemFactory(initiative=world.initiative, body=WORDS, theme=THEME)
    services.feedback_answer(
        actor=backbone_staff,
        item=item,
        fields={"public_summary": "Reading.", "public_response": "A mentor.", "status": "answered"},
        publish=True,
    )
    [published] = selectors.published_feedback(initiative=world.initiative)
    assert {"body", "theme", "submitted_by_id", "member_id"} <= published.get_deferred_fields()


@pytest.mark.django_db(transaction=True)
def test_existing_answers_stay_published_without_the_writers_theme(world):
    """The data migration: an answer staff wrote before stays on the page, published by whoever
    answered it, when they did; the theme the member wrote is not carried over, and nothing
    unanswered is published."""
    before = [("community", "0003_equity_and_community"), ("equity", "0002_equity_and_community")]
    with migrated_back_to(before) as old:
        Item = old.get_model("community", "FeedbackItem")
        User = old.get_model("accounts", "User")
        staff = User.objects.create(email="answerer@example.org")
        answered_at = timezone.now() - timedelta(days=30)
        answered = Item.objects.create(
            initiative_id=world.initiative.pk,
            body=WORDS,
            theme=THEME,
            language="en",
            status="answered",
            public_response="A mentor comes twice a week.",
            responded_at=answered_at,
            responded_by=staff,
        )
        waiting = Item.objects.create(
            initiative_id=world.initiative.pk,
            body="Another",
            theme="Parks",
            language="en",
            status="in_review",
            public_response="Draft answer",
        )
    answered = FeedbackItem.objects.get(pk=answered.pk)
    assert answered.published_at == answered_at
    assert answered.published_by_id == staff.pk
    assert answered.public_summary == ""
    assert not FeedbackItem.objects.get(pk=waiting.pk).is_published
    [published] = selectors.published_feedback(initiative=world.initiative)
    assert published.pk == answered.pk
