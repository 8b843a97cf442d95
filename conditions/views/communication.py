"""Continuous communication: meetings of every body, and the updates feed."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.selectors import people_shown_to
from conditions import selectors, services
from conditions.choices import MeetingKind
from conditions.forms import FeedPostForm, MeetingForm
from core.views import RecordForm, form_flow
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm


@initiative_page("conditions/meeting_list.html")
def meeting_list(request: HttpRequest, initiative: Initiative) -> dict:
    kind = request.GET.get("kind") if request.GET.get("kind") in MeetingKind.values else None
    return {
        "meetings": selectors.meeting_list(initiative=initiative, kind=kind),
        "kind": kind,
        "kinds": MeetingKind.choices,
    }


@initiative_page("conditions/meeting_detail.html")
def meeting_detail(request: HttpRequest, initiative: Initiative, pk: int) -> dict:
    meeting = selectors.meeting_get(user=request.user, initiative=initiative, pk=pk)
    return {
        "meeting": meeting,
        "curve_versions": selectors.turn_the_curve_versions_at(meeting=meeting),
    }


MEETINGS = RecordForm(
    "meeting",
    new_heading=gettext_lazy("Record a meeting"),
    back=("conditions:meeting-list", gettext_lazy("Meetings")),
    detail="conditions:meeting-detail",
    intro=gettext_lazy(
        "Record a meeting ahead with its agenda, and come back after it for who came, the "
        "minutes and the decisions taken."
    ),
)


@initiative_page(perm=Perm.MANAGE_CONTENT)
def meeting_edit(
    request: HttpRequest, initiative: Initiative, pk: int | None = None
) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, initiative=initiative, pk=pk) if pk else None
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initiative=initiative,
        people=people_shown_to(user=request.user, initiative=initiative),
    )
    return MEETINGS.page(request, initiative, form, meeting, services.meeting_save)


@initiative_page(post_perm=Perm.POST_UPDATES)
def feed(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """The updates feed; those who may post write here too."""
    form = FeedPostForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.feed_post_create(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda _update: _("Posted. It will be in this week's digest too."),
        success_url=reverse("conditions:feed", args=[initiative.slug]),
        template="conditions/feed.html",
        context=lambda: {
            "initiative": initiative,
            "posts": selectors.feed_post_list(user=request.user, initiative=initiative),
        },
    )
