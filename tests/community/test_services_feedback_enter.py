"""Feedback heard in person and written down by the backbone: kept in the language it was
given in, with nobody named as its writer."""

import pytest
from django.core.exceptions import ValidationError

from community import services
from community.choices import FeedbackStatus
from community.models import FeedbackItem
from tests.conftest import refused

pytestmark = pytest.mark.django_db


def test_it_keeps_the_words_in_their_language_and_names_no_writer(world, backbone_staff):
    item = services.feedback_enter(
        actor=backbone_staff,
        initiative=world.initiative,
        body="  الحضانات مكلفة جدًا للعائلات الكبيرة. ",
        language="ar",
        theme="Early childhood",
    )
    item.refresh_from_db()
    assert (item.body, item.language, item.theme, item.status) == (
        "الحضانات مكلفة جدًا للعائلات الكبيرة.",
        "ar",
        "Early childhood",
        FeedbackStatus.RECEIVED,
    )
    assert (item.submitted_by, item.member) == (None, None)


def test_it_refuses_empty_words_and_unknown_languages(world, backbone_staff):
    for body, language in (("", "he"), ("Too far to walk", "xx")):
        with pytest.raises(ValidationError):
            services.feedback_enter(
                actor=backbone_staff, initiative=world.initiative, body=body, language=language
            )
    assert not FeedbackItem.objects.exists()


@refused("partner_a", "community_member", "outsider")
def test_it_refuses_everyone_but_the_backbone(world, persona, refusal):
    with pytest.raises(refusal):
        services.feedback_enter(
            actor=persona, initiative=world.initiative, body="Too far", language="en"
        )
    assert not FeedbackItem.objects.exists()
