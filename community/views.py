"""The community's side: feedback and its answers, engagement events and data walks,
community members and their consent."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import selectors, services
from community.forms import (
    CompensationFormSet,
    EventForm,
    FeedbackAnswerForm,
    FeedbackForm,
    InterpretationForm,
    MemberForm,
    ParticipantCountFormSet,
)
from community.models import EngagementEvent
from core.views import RecordForm, Section, form_flow, form_page
from initiatives.models import Initiative
from initiatives.pages import initiative_page
from initiatives.roles import Perm

# ---- Feedback ----


@initiative_page(post_perm=Perm.GIVE_FEEDBACK)
def feedback_list(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """Community members give feedback and read the answers to theirs; backbone staff read
    all of it and answer."""
    form = FeedbackForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.feedback_create(
            actor=request.user, initiative=initiative, **form.cleaned_data
        ),
        message=lambda _item: _("Thank you. We will answer you here."),
        success_url=reverse("community:feedback-list", args=[initiative.slug]),
        template="community/feedback_list.html",
        context=lambda: {
            "initiative": initiative,
            "items": selectors.feedback_list(user=request.user, initiative=initiative),
            "own_record": selectors.own_member_record(user=request.user, initiative=initiative),
            "loop": selectors.feedback_loop(initiative=initiative),
        },
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def feedback_answer(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    item = selectors.feedback_get(initiative=initiative, pk=pk)
    form = FeedbackAnswerForm(request.POST or None, instance=item, initiative=initiative)
    return form_flow(
        request,
        form,
        save=lambda: services.feedback_answer(
            actor=request.user,
            item=item,
            fields={k: v for k, v in form.cleaned_data.items() if k != "publish"},
            publish=form.cleaned_data["publish"],
        ),
        message=lambda saved: (
            _("Answer saved and published on “You said, we did”.")
            if saved.is_published
            else _("Answer saved. The person who wrote in reads it on their feedback page.")
        ),
        success_url=reverse("community:feedback-list", args=[initiative.slug]),
        template="community/feedback_answer.html",
        context=lambda: {"initiative": initiative, "item": item},
    )


@initiative_page("community/answers.html")
def answers(request: HttpRequest, initiative: Initiative) -> dict:
    """ "You said, we did": what staff published, for every member."""
    return {
        "published": selectors.published_feedback(initiative=initiative),
        "loop": selectors.feedback_loop(initiative=initiative),
    }


# ---- Engagement events and data walks ----


@initiative_page("community/event_list.html")
def event_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        "events": selectors.event_list(initiative=initiative),
        "summary": selectors.engagement_summary(initiative=initiative),
    }


@initiative_page(post_perm=Perm.MANAGE_CONTENT)
def event_detail(request: HttpRequest, initiative: Initiative, pk: int) -> HttpResponse:
    event = selectors.event_get(initiative=initiative, pk=pk)
    form = InterpretationForm(request.POST or None, event=event)
    return form_flow(
        request,
        form,
        save=lambda: services.interpretation_create(
            actor=request.user, event=event, **form.cleaned_data
        ),
        message=lambda saved: (
            _("Recorded. It appears beside %(indicator)s's chart.")
            % {"indicator": saved.indicator.name}
        ),
        success_url=reverse("community:event-detail", args=[initiative.slug, pk]),
        template="community/event_detail.html",
        context=lambda: {"initiative": initiative, "event": event},
    )


@initiative_page(perm=Perm.MANAGE_CONTENT)
def event_edit(request: HttpRequest, initiative: Initiative, pk: int | None = None) -> HttpResponse:
    event = selectors.event_get(initiative=initiative, pk=pk) if pk else None
    instance = event or EngagementEvent(initiative=initiative)
    form = EventForm(request.POST or None, instance=instance, initiative=initiative)
    rows = _event_formsets(request, initiative, instance)
    return EVENTS.page(request, initiative, form, event, services.event_save, rows)


def _event_formsets(request, initiative, event):
    """Who took part (counts by group) and who was paid for their time."""
    counts = ParticipantCountFormSet(
        request.POST or None,
        instance=event,
        prefix="counts",
        form_kwargs={"initiative": initiative},
    )
    paid = CompensationFormSet(request.POST or None, instance=event, prefix="paid")
    return {"counts": counts, "compensations": paid}


EVENTS = RecordForm(
    "event",
    new_heading=gettext_lazy("Record an engagement event"),
    back=("community:event-list", gettext_lazy("Engagement")),
    detail="community:event-detail",
    # Who took part in an event and who was paid for their time.
    sections=(
        Section(
            "counts",
            gettext_lazy("Who took part"),
            gettext_lazy(
                "How many people came from each group: neighbourhood, "
                "population group or any other of the initiative's "
                "dimensions. Counts only — never names."
            ),
        ),
        Section(
            "compensations",
            gettext_lazy("Paid for their time"),
            gettext_lazy("Stipends, vouchers or other payment to participants."),
        ),
    ),
)


# ---- Community members (personal data: backbone only) ----


@initiative_page("community/community_member_list.html", perm=Perm.VIEW_PERSONAL_DATA)
def community_member_list(request: HttpRequest, initiative: Initiative) -> dict:
    return {
        "members": selectors.community_member_list(user=request.user, initiative=initiative),
    }


@initiative_page(perm=Perm.MANAGE_CONTENT)
def community_member_create(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    form = MemberForm(
        request.POST or None,
        initiative=initiative,
        people=selectors.people_shown_to(user=request.user, initiative=initiative),
    )
    return form_page(
        request,
        form,
        save=lambda: services.community_member_create(
            actor=request.user,
            initiative=initiative,
            fields={name: form.cleaned_data[name] for name in MemberForm.Meta.fields},
            purposes=form.cleaned_data["purposes"],
            language=form.cleaned_data["language"],
        ),
        message=lambda member: _("Recorded %(name)s with their consent.") % {"name": member},
        initiative=initiative,
        heading=_("Record a community member"),
        back_url=reverse("community:community-member-list", args=[initiative.slug]),
        back_label=_("Community members"),
        intro=_(
            "Record only what the person agreed to, and only with their consent. They can "
            "withdraw it at any time; their personal data is then removed and only "
            "counts remain."
        ),
    )


@initiative_page(perm=Perm.MANAGE_CONTENT, post_only=True)
def community_member_withdraw(
    request: HttpRequest, initiative: Initiative, pk: int
) -> HttpResponse:
    member = selectors.community_member_get(initiative=initiative, pk=pk)
    services.consent_withdraw(actor=request.user, member=member)
    messages.success(request, _("Consent withdrawn; the personal data is removed."))
    return redirect("community:community-member-list", slug=initiative.slug)


@initiative_page(perm=Perm.GIVE_FEEDBACK, post_only=True)
def consent_withdraw_own(request: HttpRequest, initiative: Initiative) -> HttpResponse:
    """A community member withdraws their own consent."""
    record = selectors.own_member_record(user=request.user, initiative=initiative)
    if record is not None:
        services.consent_withdraw(actor=request.user, member=record)
        messages.success(
            request,
            _(
                "Your consent is withdrawn and your personal data removed. "
                "Thank you for taking part."
            ),
        )
    return redirect("community:feedback-list", slug=initiative.slug)
