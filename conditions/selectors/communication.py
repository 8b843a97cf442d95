"""Reads of continuous communication: meetings, the updates feed and the weekly digest."""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from community.selectors import PeopleShown, people_shown_to
from conditions.models import (
    FeedPost,
    Meeting,
)
from initiatives.models import Initiative
from initiatives.selectors import member_users


def meeting_list(*, initiative: Initiative, kind: str | None = None) -> QuerySet[Meeting]:
    meetings = initiative.meetings.select_related("working_group").annotate(
        attendee_count=Count("attendees")
    )
    return meetings.filter(kind=kind) if kind else meetings


def meeting_get(*, user, initiative: Initiative, pk: int) -> Meeting:
    """A meeting, with who came as ``user`` may read it (``attendee_names``)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("working_group").prefetch_related("attendees"),
        initiative=initiative,
        pk=pk,
    )
    people = people_shown_to(user=user, initiative=initiative)
    meeting.attendee_names = [people.user(person) for person in meeting.attendees.all()]
    meeting.attendee_names += people.guests(meeting.guests)
    return meeting


def meetings_without_minutes(*, initiative: Initiative, today: date | None = None):
    today = today or timezone.localdate()
    return initiative.meetings.filter(held_on__lte=today, minutes="").order_by("held_on")


def _name_authors(posts: list[FeedPost], people: PeopleShown) -> list[FeedPost]:
    for post in posts:
        post.author_name = people.user(post.author)
    return posts


def feed_post_list(*, user, initiative: Initiative, limit: int = 50) -> list[FeedPost]:
    posts = list(initiative.feed_posts.select_related("author")[:limit])
    return _name_authors(posts, people_shown_to(user=user, initiative=initiative))


def weekly_digest(*, initiative: Initiative, week_of: date) -> dict:
    """What the weekly digest of the week starting ``week_of`` tells the members."""
    week_end = week_of + timedelta(days=7)
    in_week = Q(created_at__date__gte=week_of, created_at__date__lt=week_end)
    digest = {
        "week_of": week_of,
        # Sent to every member alike: named as someone without an account would see them.
        "posts": _name_authors(
            list(initiative.feed_posts.filter(in_week).select_related("author")),
            people_shown_to(user=None, initiative=initiative),
        ),
        "meetings": list(initiative.meetings.filter(held_on__gte=week_of, held_on__lt=week_end)),
        "activities": list(initiative.activities.filter(in_week).select_related("organization")),
        "assessments": list(initiative.assessments.open(today=week_end)),
    }
    digest["is_empty"] = not any(
        digest[key] for key in ("posts", "meetings", "activities", "assessments")
    )
    return digest


def digest_recipients(*, initiative: Initiative) -> list[str]:
    return list(
        member_users(initiative=initiative).exclude(email="").values_list("email", flat=True)
    )
