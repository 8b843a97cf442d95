from django.urls import reverse
from django.utils import translation

from community.models import FeedbackItem
from tests.factories.community import FeedbackItemFactory


def _url(world):
    return reverse("community:feedback-list", args=[world.initiative.slug])


def test_community_member_gives_feedback_in_their_language(client, world, community_member):
    client.force_login(community_member)
    client.cookies["django_language"] = "he"
    response = client.post(_url(world), {"body": "הגנים רחוקים מדי", "theme": ""})
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert (item.language, item.submitted_by) == ("he", community_member)
    translation.activate("en")


def test_community_member_sees_only_their_own_feedback(client, world, community_member):
    FeedbackItemFactory(initiative=world.initiative, body="Someone else's")
    FeedbackItemFactory(
        initiative=world.initiative,
        body="Mine",
        submitted_by=community_member,
        public_response="We did it.",
    )
    client.force_login(community_member)
    page = client.get(_url(world)).content.decode()
    assert "Mine" in page
    assert "We did it." in page
    assert "Someone else" not in page


def test_empty_feedback_is_refused(client, world, community_member):
    client.force_login(community_member)
    response = client.post(_url(world), {"body": ""})
    assert response.status_code == 400
    assert not FeedbackItem.objects.exists()


def test_funder_cannot_give_feedback(client, world, funder):
    client.force_login(funder)
    assert client.post(_url(world), {"body": "x"}).status_code == 403
    assert not FeedbackItem.objects.exists()
