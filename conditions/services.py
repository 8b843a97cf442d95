"""Writes of the five conditions' tools: working groups and the plan of action, meetings,
updates and the weekly digest, the backbone's work, assessments and partner ratings (answered
online, or collected on paper and entered by the backbone), and the versions of each
indicator's Turn the Curve record."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from conditions import questions, selectors
from conditions.choices import GroupRole, Interaction
from conditions.models import (
    Activity,
    Assessment,
    AssessmentAnswer,
    AssessmentResponse,
    BackboneWork,
    CurveAction,
    CurveCause,
    CurveIdea,
    CurvePartner,
    DigestLog,
    FeedPost,
    Meeting,
    PartnerRating,
    TurnTheCurve,
    TurnTheCurveVersion,
    WorkingGroup,
    WorkingGroupMember,
)
from core import formats
from core.services import inline_rows, model_update
from initiatives import roles
from initiatives.choices import AssessmentKind, RespondentGroup
from initiatives.models import Initiative, Organization
from initiatives.roles import Perm
from initiatives.selectors import network_organizations
from measurement.models import Indicator

# What each service lets its callers set (core.services.model_update); many-to-many fields are
# set after saving.
WORKING_GROUP_FIELDS = ("name", "purpose", "result")
ACTIVITY_FIELDS = (
    "organization",
    "title",
    "description",
    "kind",
    "status",
    "working_group",
    "starts_on",
    "ends_on",
)
MEETING_FIELDS = (
    "kind",
    "working_group",
    "title",
    "held_on",
    "agenda",
    "guests",
    "minutes",
    "decisions",
)


# ---- Mutually reinforcing activities ----


@transaction.atomic
def working_group_save(
    *, actor, initiative: Initiative, group: WorkingGroup | None, fields: dict, members: list[dict]
) -> WorkingGroup:
    """Create or change a working group and its members. Each member row is a person with an
    account or a name, an organization and a role; rows marked DELETE leave the group.

    People whose role in the initiative is community member, and names of people in the
    community members' register, are marked as community, so a community co-chair cannot be
    forgotten as one — and their names reach the backbone only."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    initiative.check_owns(fields.get("result"))
    group = model_update(
        instance=group or WorkingGroup(initiative=initiative),
        fields=WORKING_GROUP_FIELDS,
        data=fields,
    )
    in_register = {
        " ".join(name.split()).casefold()
        for name in initiative.community_members.filter(anonymized_at__isnull=True).values_list(
            "name", flat=True
        )
    }
    for member, row in inline_rows(
        members,
        WorkingGroupMember,
        group=group,
        elsewhere=_("That member belongs to another working group."),
    ):
        member.user = row.get("user")
        member.name = row.get("name") or ""
        member.organization = row.get("organization")
        member.role = row.get("role") or GroupRole.MEMBER
        member.is_community = bool(row.get("is_community"))
        if member.user is not None:
            if not roles.is_member(member.user, initiative):
                raise ValidationError(
                    _("%(user)s is not a member of the initiative.") % {"user": member.user}
                )
            if roles.role_of(member.user, initiative) == Role.COMMUNITY_MEMBER:
                member.is_community = True
        elif " ".join(member.name.split()).casefold() in in_register:
            member.is_community = True
        member.full_clean()
        member.save()
    return group


def _require_activity_editor(actor, initiative: Initiative, organization) -> None:
    roles.require(actor, initiative, Perm.EDIT_ACTIVITIES, organization=organization)


@transaction.atomic
def activity_save(
    *, actor, initiative: Initiative, activity: Activity | None, fields: dict
) -> Activity:
    """Add or change a line of the plan of action. Partner editors add and change their own
    organization's activities only; backbone staff any."""
    fields = dict(fields)
    results = list(fields.pop("results", []))
    indicators = list(fields.pop("indicators", []))
    if activity is not None:
        _require_activity_editor(actor, initiative, activity.organization)
    _require_activity_editor(actor, initiative, fields["organization"])
    if not initiative.partnerships.filter(organization=fields["organization"]).exists():
        raise ValidationError(
            {"organization": _("This organization is not a partner of the initiative.")}
        )
    initiative.check_owns(fields.get("working_group"), *results, *indicators)
    activity = model_update(
        instance=activity or Activity(initiative=initiative), fields=ACTIVITY_FIELDS, data=fields
    )
    activity.results.set(results)
    activity.indicators.set(indicators)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    _require_activity_editor(actor, activity.initiative, activity.organization)
    activity.delete()


# ---- Continuous communication ----


@transaction.atomic
def meeting_save(
    *, actor, initiative: Initiative, meeting: Meeting | None, fields: dict
) -> Meeting:
    """Record a meeting — before it (agenda) or after it (attendees, minutes, decisions)."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    fields = dict(fields)
    attendees = list(fields.pop("attendees", []))
    initiative.check_owns(fields.get("working_group"))
    outsiders = [person for person in attendees if not roles.is_member(person, initiative)]
    if outsiders:
        raise ValidationError(
            {
                "attendees": _(
                    "Only members of the initiative can be listed as attendees; add "
                    "others under other attendees."
                )
            }
        )
    meeting = model_update(
        instance=meeting or Meeting(initiative=initiative), fields=MEETING_FIELDS, data=fields
    )
    meeting.attendees.set(attendees)
    return meeting


def feed_post_create(*, actor, initiative: Initiative, title: str, body: str) -> FeedPost:
    roles.require(actor, initiative, Perm.POST_UPDATES)
    update = FeedPost(initiative=initiative, author=actor, title=title, body=body)
    update.full_clean()
    update.save()
    return update


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def digests_send(*, today: date | None = None) -> int:
    """Send every initiative's weekly digest for the week that ended before ``today``.
    Returns how many e-mails went out; a week's digest goes once however often this runs."""
    today = today or timezone.localdate()
    return sum(
        digest_send(initiative=initiative, today=today) for initiative in Initiative.objects.all()
    )


@transaction.atomic
def digest_send(*, initiative: Initiative, today: date) -> int:
    """The digest of the past week: updates, meetings with their decisions, new activities,
    open assessments, to every member with an active account. Nothing happened, nothing
    sent — but the week is marked done either way."""
    week_of = _week_start(today) - timedelta(days=7)
    log, created = DigestLog.objects.select_for_update().get_or_create(
        initiative=initiative, week_of=week_of
    )
    if not created:
        return 0
    digest = selectors.weekly_digest(initiative=initiative, week_of=week_of)
    recipients = selectors.digest_recipients(initiative=initiative)
    if digest["is_empty"] or not recipients:
        return 0
    context = {
        **digest,
        "initiative": initiative,
        "url": settings.SITE_URL.rstrip("/")
        + reverse("initiatives:initiative-home", args=[initiative.slug]),
    }
    with formats.conventions_of(initiative):
        subject = _("%(initiative)s: the week of %(date)s") % {
            "initiative": initiative.name,
            "date": formats.local_date(week_of),
        }
        body = render_to_string("conditions/email/digest.txt", context)
    # One message each, so no one sees the others' addresses.
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients]
    get_connection().send_messages(messages)
    log.recipients = len(recipients)
    log.save(update_fields=["recipients"])
    return len(recipients)


# ---- Backbone support ----


def backbone_work_create(*, actor, initiative: Initiative, fields: dict) -> BackboneWork:
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    work = BackboneWork(initiative=initiative, recorded_by=actor, **fields)
    work.full_clean()
    work.save()
    return work


# ---- Assessments ----


@transaction.atomic
def assessment_create(*, actor, initiative: Initiative, fields: dict) -> Assessment:
    """Open a round of an assessment. Rounds of one kind do not overlap, so each answer
    belongs to exactly one round."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    assessment = Assessment(initiative=initiative, **fields)
    assessment.full_clean()
    overlapping = initiative.assessments.filter(
        kind=assessment.kind, opens_on__lte=assessment.closes_on, closes_on__gte=assessment.opens_on
    ).first()
    if overlapping is not None:
        raise ValidationError(
            _("“%(title)s” is open over some of those days; choose dates after it closes.")
            % {"title": overlapping.title}
        )
    assessment.save()
    return assessment


def _require_open_for(actor, assessment: Assessment) -> None:
    if not roles.is_member(actor, assessment.initiative):
        raise Http404
    if not roles.may_answer_assessment(actor, assessment.initiative, assessment.kind):
        raise PermissionDenied
    if not assessment.is_open:
        raise ValidationError(_("This assessment is closed; answers can no longer change."))


@transaction.atomic
def assessment_answer(
    *, actor, assessment: Assessment, answers: dict[str, dict]
) -> AssessmentResponse:
    """Save the actor's answers ({question code: {"score", "comment"}}), replacing any they
    gave to this round before. Their respondent group is kept as it is today."""
    _require_open_for(actor, assessment)
    _check_questions(assessment, answers)
    response, _created = AssessmentResponse.objects.update_or_create(
        assessment=assessment,
        respondent=actor,
        defaults={
            "group": roles.respondent_group(actor, assessment.initiative),
            "organization": roles.organization_of(actor, assessment.initiative),
        },
    )
    response.answers.all().delete()
    _answers_add([(response, answers)])
    return response


@transaction.atomic
def assessment_answers_enter(
    *, actor, assessment: Assessment, responses: list[dict]
) -> list[AssessmentResponse]:
    """Enter answers collected on paper: each response is one person's answers
    ({"group": respondent group, "answers": {question code: {"score", "comment"}}}), kept
    without a respondent, so no name is attached to them. Paper forms come back after a round
    closes, so they are entered whether it is open or not; they add to the round's answers."""
    roles.require(actor, assessment.initiative, Perm.MANAGE_CONTENT)
    groups = roles.ASSESSMENT_RESPONDENT_GROUPS[AssessmentKind(assessment.kind)]
    for entry in responses:
        if entry["group"] not in groups:
            raise ValidationError(
                _("%(group)s do not answer this assessment.")
                % {"group": RespondentGroup(entry["group"]).label}
            )
        _check_questions(assessment, entry["answers"])
    recorded = [
        AssessmentResponse(assessment=assessment, respondent=None, group=entry["group"])
        for entry in responses
    ]
    for response in recorded:
        response.full_clean(exclude=["assessment", "respondent"])
    AssessmentResponse.objects.bulk_create(recorded)
    _answers_add(
        [(response, entry["answers"]) for response, entry in zip(recorded, responses, strict=True)]
    )
    return recorded


def _check_questions(assessment: Assessment, answers: dict[str, dict]) -> None:
    codes = {question.code for question in questions.questions_for(assessment.kind)}
    unknown = set(answers) - codes
    if unknown:
        raise ValidationError(
            _("Unknown questions: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
        )
    if not answers:
        raise ValidationError(_("Answer at least one question."))


def _answers_add(responses: list[tuple[AssessmentResponse, dict[str, dict]]]) -> None:
    """Each response's answers, checked (the questions were checked before) and added."""
    rows = [
        AssessmentAnswer(
            response=response,
            question=code,
            score=answer["score"],
            comment=answer.get("comment", ""),
        )
        for response, answers in responses
        for code, answer in answers.items()
    ]
    for row in rows:
        row.full_clean(exclude=["response"])
    AssessmentAnswer.objects.bulk_create(rows)


@transaction.atomic
def partner_ratings_save(
    *, actor, assessment: Assessment, ratings: list[dict]
) -> list[PartnerRating]:
    """Save how the actor's organization sees each other partner, replacing its earlier
    answers to this round. Trust and value are asked only of partners it works with."""
    _require_open_for(actor, assessment)
    rater = roles.organization_of(actor, assessment.initiative)
    return _ratings_replace(assessment, rater=rater, respondent=actor, ratings=ratings)


@transaction.atomic
def partner_ratings_enter(
    *, actor, assessment: Assessment, rater: Organization, ratings: list[dict]
) -> list[PartnerRating]:
    """Enter how one organization sees each other partner, as it answered on paper or by
    phone: the backbone types it in, with no respondent, and it replaces the organization's
    earlier answers to this round whether the round is open or not."""
    roles.require(actor, assessment.initiative, Perm.MANAGE_CONTENT)
    if assessment.kind != AssessmentKind.COLLABORATIVE_HEALTH:
        raise ValidationError(_("Partners rate each other in collaborative-health rounds only."))
    if not network_organizations(initiative=assessment.initiative).contains(rater):
        raise ValidationError(_("This organization is not a partner of the initiative."))
    return _ratings_replace(assessment, rater=rater, respondent=None, ratings=ratings)


def _ratings_replace(
    assessment: Assessment, *, rater: Organization, respondent, ratings: list[dict]
) -> list[PartnerRating]:
    partners = set(
        network_organizations(initiative=assessment.initiative).values_list("pk", flat=True)
    )
    saved = []
    errors = []
    for row in ratings:
        rated = row["rated"]
        if rated.pk == rater.pk or rated.pk not in partners:
            errors.append(_("%(organization)s cannot be rated here.") % {"organization": rated})
            continue
        works_together = row["interaction"] != Interaction.NONE
        if works_together and (row.get("trust") is None or row.get("value") is None):
            errors.append(
                _("Rate trust and value for %(organization)s, or say you do not work together.")
                % {"organization": rated}
            )
        saved.append(
            PartnerRating(
                assessment=assessment,
                respondent=respondent,
                rater=rater,
                rated=rated,
                interaction=row["interaction"],
                trust=row.get("trust") if works_together else None,
                value=row.get("value") if works_together else None,
            )
        )
    if errors:
        raise ValidationError(errors)
    PartnerRating.objects.filter(assessment=assessment, rater=rater).delete()
    for rating in saved:
        # The round and both organizations were checked above, as were the constraints (one
        # rating of each other partner, none of oneself), and the respondent is the actor or
        # nobody (answers given on paper): checking them again would cost a query or a query
        # plan for every rating.
        rating.full_clean(
            exclude=["assessment", "respondent", "rater", "rated"], validate_constraints=False
        )
    return PartnerRating.objects.bulk_create(saved)


# ---- Turn the Curve ----

# What the version's own form sets (beside its four sections' rows).
TURN_THE_CURVE_FIELDS = ("based_on", "save_anyway", "meeting", "note")


@transaction.atomic
def turn_the_curve_save(
    *,
    actor,
    initiative: Initiative,
    indicator: Indicator,
    fields: dict,
    causes: list[dict],
    partners: list[dict],
    ideas: list[dict],
    actions: list[dict],
) -> TurnTheCurveVersion:
    """Save the indicator's Turn the Curve record as a new version: every section's rows as the
    form sent them (the form starts from the current version, so what nobody touched is copied
    forward), the meeting it was worked on at and a note of what changed. Earlier versions
    are never changed.

    ``fields["based_on"]`` is the version the form started from (0 for none). Someone else
    may have saved a newer one meanwhile — two people editing in one meeting — and saving
    over it unseen would drop their work from the current version: that is refused, unless
    the editor, told so, chose ``save_anyway`` (the newer version stays in the history)."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    if unknown := set(fields) - set(TURN_THE_CURVE_FIELDS):
        raise ValueError(f"turn_the_curve_save: not writable here: {sorted(unknown)}")
    initiative.check_owns(indicator, fields.get("meeting"))
    record, _created = TurnTheCurve.objects.get_or_create(
        initiative=initiative, indicator=indicator
    )
    # Lock the record so two saves in the same moment number their versions one after the
    # other and the second sees the first.
    record = TurnTheCurve.objects.select_for_update().get(pk=record.pk)
    latest = record.versions.aggregate(latest=Max("number"))["latest"] or 0
    if fields.get("based_on", 0) != latest and not fields.get("save_anyway"):
        raise ValidationError(
            _(
                "Someone saved version %(number)s of this record while you were editing it, so "
                "nothing was saved. What you typed is still here: compare it with version "
                "%(number)s in the history, then tick “Save mine anyway” to save yours after it."
            )
            % {"number": latest}
        )
    version = TurnTheCurveVersion(
        record=record,
        number=latest + 1,
        saved_by=actor,
        meeting=fields.get("meeting"),
        note=fields.get("note") or "",
    )
    version.full_clean()
    version.save()
    for row in _curve_rows(
        CurveCause, version, causes, lambda row: initiative.check_owns(row.get("data_indicator"))
    ):
        row.save()
    for row in _curve_rows(
        CurvePartner, version, partners, lambda row: _check_partnership(initiative, row)
    ):
        row.save()
    for row in _curve_rows(
        CurveIdea, version, ideas, lambda row: _check_evidence(initiative, indicator, row)
    ):
        row.save()
    for row in _curve_rows(
        CurveAction, version, actions, lambda row: _check_action(initiative, row)
    ):
        row.save()
    return version


def _curve_rows(model, version, rows: list[dict], check) -> list:
    """The rows of one section of ``version``, checked and in the order given; rows marked
    DELETE (and the form's ``id``) are left out."""
    made = []
    for order, row in enumerate(r for r in rows if not r.get("DELETE")):
        check(row)
        values = {name: value for name, value in row.items() if name not in ("DELETE", "id")}
        record = model(version=version, order=order, **values)
        record.full_clean()
        made.append(record)
    return made


def _check_partnership(initiative: Initiative, row: dict) -> None:
    partnership = row.get("partnership")
    if partnership is None:
        raise ValidationError(_("Choose the partner with a role to play."))
    if partnership.initiative_id != initiative.pk or not partnership.is_active:
        raise ValidationError(
            _("%(partner)s is not an active partner of the initiative.")
            % {"partner": partnership.organization}
        )


def _check_evidence(initiative: Initiative, indicator: Indicator, row: dict) -> None:
    """What the community said may point at what it said: feedback the initiative published
    ("you said, we did"; never an unpublished item, whose words are the writer's) or a data
    walk's reading of this indicator."""
    feedback, interpretation = row.get("feedback"), row.get("interpretation")
    if feedback is not None and (
        feedback.initiative_id != initiative.pk or feedback.published_at is None
    ):
        raise ValidationError(_("Only feedback published on “You said, we did” can be linked."))
    if interpretation is not None and interpretation.indicator_id != indicator.pk:
        raise ValidationError(_("Only a data walk's reading of this indicator can be linked."))


def _check_action(initiative: Initiative, row: dict) -> None:
    activity, owner = row.get("activity"), row.get("owner")
    if activity is None:
        raise ValidationError(_("Each action is an activity of the plan of action."))
    initiative.check_owns(activity)
    if owner is not None and not roles.is_member(owner, initiative):
        raise ValidationError(_("%(user)s is not a member of the initiative.") % {"user": owner})
