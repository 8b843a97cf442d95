"""Writes of the community app: feedback (given online or heard in person) and its answers,
community members and their consent, engagement events, and what residents saw in the data."""

import re
from collections import deque
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from community.choices import ConsentPurpose, EventKind, FeedbackStatus
from community.models import (
    WITHDRAWN_NAME,
    CommunityMember,
    Compensation,
    ConsentRecord,
    EngagementEvent,
    FeedbackItem,
    Interpretation,
    ParticipantCount,
    WithdrawnAccount,
)
from core.services import model_update
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm
from measurement.models import Dimension

# What each service lets its callers set (core.services.model_update); many-to-many fields are
# set after saving.
ANSWER_FIELDS = ("status", "public_response", "decision", "activity", "public_summary")
EVENT_FIELDS = ("kind", "title", "held_on", "place", "languages", "participants", "summary")


@transaction.atomic
def feedback_create(*, actor, initiative: Initiative, body: str, theme: str = "") -> FeedbackItem:
    """A community member tells the initiative something; it is kept in the language they
    wrote it in, so the answer can come back in that language."""
    roles.require(actor, initiative, Perm.GIVE_FEEDBACK)
    item = FeedbackItem(
        initiative=initiative,
        submitted_by=actor,
        member=CommunityMember.objects.filter(initiative=initiative, user=actor).first(),
        body=body.strip(),
        theme=theme.strip(),
        language=get_language() or "en",
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def feedback_enter(
    *, actor, initiative: Initiative, body: str, language: str, theme: str = ""
) -> FeedbackItem:
    """Feedback heard in person — at a listening session, on a paper form, on the phone —
    written down by the backbone in the language it was given in. Nobody is named as its
    writer: the words are the community's, not the account of whoever typed them."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    item = FeedbackItem(
        initiative=initiative, body=body.strip(), theme=theme.strip(), language=language
    )
    item.full_clean()
    item.save()
    return item


ANSWERED_STATUSES = (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED)


@transaction.atomic
def feedback_answer(
    *, actor, item: FeedbackItem, fields: dict, publish: bool = False
) -> FeedbackItem:
    """Give (or correct) the answer to a piece of feedback and link it to the decision or
    activity that answered it. The writer reads the answer on their feedback page at once; the
    first answer's date is when the loop closed, and corrections do not move it.

    "You said, we did" is a separate, explicit step: ``publish`` confirms that what staff
    wrote for every member — ``public_summary`` ("you said", never the writer's words) and the
    answer — is fit to publish; who confirmed it and when is recorded, again whenever the
    published text changes. Saving without ``publish`` takes the item off the page."""
    roles.require(actor, item.initiative, Perm.MANAGE_CONTENT)
    item.initiative.check_owns(fields.get("decision"), fields.get("activity"))
    published_text = (item.public_summary, item.public_response)
    model_update(instance=item, fields=ANSWER_FIELDS, data=fields, save=False)
    item.public_summary = item.public_summary.strip()
    item.public_response = item.public_response.strip()
    if item.status in ANSWERED_STATUSES and not item.public_response:
        raise ValidationError(
            {"public_response": _("Write the answer people will read before marking it answered.")}
        )
    if item.public_response and item.responded_at is None:
        item.responded_at = timezone.now()
        item.responded_by = actor
        if item.status not in ANSWERED_STATUSES:
            item.status = FeedbackStatus.ANSWERED
    if publish:
        _check_publishable(item)
        if not item.is_published or published_text != (item.public_summary, item.public_response):
            item.published_at = timezone.now()
            item.published_by = actor
    else:
        item.published_at = item.published_by = None
    item.full_clean()
    item.save()
    return item


def _check_publishable(item: FeedbackItem) -> None:
    errors = {}
    if not item.public_summary:
        errors["public_summary"] = _(
            "Write what the community told us, in your own words, before publishing it."
        )
    if not item.public_response:
        errors["public_response"] = _("Write the answer before publishing it.")
    elif item.status not in ANSWERED_STATUSES:
        errors["status"] = _("Only an answered item is published.")
    if errors:
        raise ValidationError(errors)


# ---- Community members and consent ----


@transaction.atomic
def community_member_create(
    *, actor, initiative: Initiative, fields: dict, purposes: list[str], language: str
) -> CommunityMember:
    """Record a community member with the consent they gave: each purpose's wording is kept
    in the language they agreed in, as it read that day."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    if not purposes:
        raise ValidationError(_("Record at least one thing the person agreed to."))
    member = CommunityMember(initiative=initiative, **fields)
    member.full_clean()
    member.save()
    if member.user_id is not None:
        # They consent again: their account may be named again.
        WithdrawnAccount.objects.filter(initiative=initiative, user=member.user).delete()
    now = timezone.now()
    with translation.override(language):
        for purpose in purposes:
            ConsentRecord.objects.create(
                member=member,
                purpose=purpose,
                wording=str(ConsentPurpose(purpose).label),
                language=language,
                given_at=now,
                recorded_by=actor,
            )
    return member


@transaction.atomic
def consent_withdraw(*, actor, member: CommunityMember) -> CommunityMember:
    """Withdraw all of a member's consent and anonymize them, everywhere at once.

    The record loses name, contact details and the link to their account; their neighbourhood
    and lived experience stay, so aggregate counts do not change; their feedback stays, no
    longer tied to them; the consent records stay too, withdrawn, as the proof of what was
    allowed when. Their account, if any, is remembered as withdrawn (``WithdrawnAccount``), so
    no page names it in the initiative again. Every copy of their name and e-mail address in
    the initiative's records — a seat, a working group, other attendees, minutes — becomes
    ``WITHDRAWN_NAME``, shown as "Community member".

    The backbone records a withdrawal; a member may also withdraw their own consent."""
    own = member.user_id is not None and member.user_id == actor.pk
    if not own:
        roles.require(actor, member.initiative, Perm.MANAGE_CONTENT)
    member = (
        CommunityMember.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=member.pk)
    )
    initiative = member.initiative
    now = timezone.now()
    member.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    names, addresses = {member.name}, {member.email}
    if member.user is not None:
        names.add(member.user.full_name)
        addresses.add(member.user.email)
        FeedbackItem.objects.filter(initiative=initiative, submitted_by=member.user).update(
            submitted_by=None
        )
        WithdrawnAccount.objects.update_or_create(
            initiative=initiative, user=member.user, defaults={"withdrawn_at": now}
        )
    FeedbackItem.objects.filter(member=member).update(submitted_by=None)
    member.name = member.email = member.phone = ""
    member.user = None
    member.anonymized_at = now
    member.save()
    _remove_copies(initiative, names=names - {""}, addresses=addresses - {""})
    return member


# Where people are written down: an initiative's records in these apps. (Measurement holds
# organizations' numbers; the sign-in account is the person's own and stays theirs.)
_APPS_NAMING_PEOPLE = ("accounts", "initiatives", "conditions", "equity", "community")


@cache
def _initiative_text_columns() -> list[tuple[type[models.Model], str, list[str], list[str]]]:
    """Every free-text and JSON column of an initiative's records, with the lookup from the
    record to its initiative. Found, not listed, so that a field added later is covered too."""
    skip = {get_user_model(), CommunityMember}
    columns = []
    for label in _APPS_NAMING_PEOPLE:
        for model in apps.get_app_config(label).get_models():
            texts = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, (models.CharField, models.TextField)) and not field.choices
            ]
            documents = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.JSONField)
            ]
            path = _path_to_initiative(model)
            if model not in skip and (texts or documents) and path is not None:
                columns.append((model, path, texts, documents))
    return columns


def _path_to_initiative(model) -> str | None:
    """The shortest chain of foreign keys from ``model`` to its initiative, as a lookup."""
    if model is Initiative:
        return "pk"
    queue = deque([(model, "")])
    seen = {model}
    while queue:
        current, prefix = queue.popleft()
        for field in current._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model
            if target is Initiative:
                return prefix + field.name
            if target not in seen and prefix.count("__") < 3:
                seen.add(target)
                queue.append((target, f"{prefix}{field.name}__"))
    return None


def _patterns(names: set[str], addresses: set[str]) -> list[tuple[re.Pattern, str]]:
    """A full name wherever it appears (in any spacing or case); a one-word name only where it
    stands alone on a line or in a field, lest an ordinary word be mistaken for it."""
    patterns = [(re.compile(re.escape(address), re.IGNORECASE), address) for address in addresses]
    for name in names:
        words = name.split()
        if len(words) > 1:
            body = r"\s+".join(re.escape(word) for word in words)
            patterns.append((re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE), words[0]))
        elif words:
            body = re.escape(words[0])
            patterns.append((re.compile(rf"^[ \t]*{body}[ \t]*$", re.IGNORECASE | re.M), words[0]))
    return patterns


def _without(value, patterns):
    if isinstance(value, str):
        for pattern, _needle in patterns:
            value = pattern.sub(WITHDRAWN_NAME, value)
        return value
    if isinstance(value, list):
        return [_without(item, patterns) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, patterns) for key, item in value.items()}
    return value


def _remove_copies(initiative: Initiative, *, names: set[str], addresses: set[str]) -> None:
    """Replace every copy of a withdrawn person's name and e-mail address in the initiative's
    records — text columns, and the strings inside JSON ones (an agenda's past versions) —
    with ``WITHDRAWN_NAME``."""
    patterns = _patterns(names, addresses)
    if not patterns:
        return
    for model, path, texts, documents in _initiative_text_columns():
        rows = model._default_manager.filter(**{path: initiative.pk})
        if not documents:
            # Only rows that might hold a copy; JSON is read whole (its text form differs by
            # database, and those tables are small).
            candidates = models.Q()
            for field in texts:
                for _pattern, needle in patterns:
                    candidates |= models.Q(**{f"{field}__icontains": needle})
            rows = rows.filter(candidates)
        for row in rows.only("pk", *texts, *documents):
            changes = {}
            for field in (*texts, *documents):
                value = getattr(row, field)
                cleaned = _without(value, patterns)
                if cleaned != value:
                    changes[field] = cleaned
            if changes:
                model._default_manager.filter(pk=row.pk).update(**changes)


# ---- Engagement events ----


def _check_counts(event: EngagementEvent, counts: list[dict]) -> None:
    """Per dimension, the groups cannot hold more people than took part (unless a person may
    belong to several, as in an overlapping dimension)."""
    by_dimension: dict[Dimension, float] = {}
    for row in counts:
        dimension = row["category"].dimension
        if row["category"].dimension.initiative_id != event.initiative_id:
            raise ValidationError(_("That group belongs to another initiative."))
        if not dimension.overlapping:
            by_dimension[dimension] = by_dimension.get(dimension, 0) + row["count"]
    for dimension, total in by_dimension.items():
        if total > event.participants:
            raise ValidationError(
                _("%(total)s people counted by %(dimension)s, but %(participants)s took part.")
                % {"total": total, "dimension": dimension.name, "participants": event.participants}
            )


@transaction.atomic
def event_save(
    *,
    actor,
    initiative: Initiative,
    event: EngagementEvent | None,
    fields: dict,
    counts: list[dict],
    compensations: list[dict],
) -> EngagementEvent:
    """Record an event with its participants by group and what people were paid; rows marked
    DELETE go, the rest replace what was there."""
    roles.require(actor, initiative, Perm.MANAGE_CONTENT)
    fields = dict(fields)
    indicators = list(fields.pop("indicators", []))
    initiative.check_owns(*indicators)
    event = model_update(
        instance=event or EngagementEvent(initiative=initiative), fields=EVENT_FIELDS, data=fields
    )
    event.indicators.set(indicators)
    kept_counts = [row for row in counts if not row.get("DELETE")]
    _check_counts(event, kept_counts)
    event.participant_counts.all().delete()
    ParticipantCount.objects.bulk_create(
        ParticipantCount(event=event, category=row["category"], count=row["count"])
        for row in kept_counts
    )
    event.compensations.all().delete()
    for row in compensations:
        if row.get("DELETE"):
            continue
        compensation = Compensation(
            event=event,
            people=row["people"],
            amount=row["amount"],
            paid_on=row["paid_on"],
            note=row.get("note") or "",
        )
        compensation.full_clean()
        compensation.save()
    return event


@transaction.atomic
def interpretation_create(
    *, actor, event: EngagementEvent, indicator, period, text: str, language: str
) -> Interpretation:
    """What participants of a data walk saw in an indicator's data for a period; it appears
    beside that indicator's chart."""
    roles.require(actor, event.initiative, Perm.MANAGE_CONTENT)
    if event.kind != EventKind.DATA_WALK:
        raise ValidationError(_("Interpretations are recorded at data walks."))
    if (
        indicator.initiative_id != event.initiative_id
        or period.initiative_id != event.initiative_id
    ):
        raise ValidationError(_("Choose an indicator and period of this initiative."))
    interpretation = Interpretation(
        event=event,
        indicator=indicator,
        period=period,
        text=text.strip(),
        language=language,
        recorded_by=actor,
    )
    interpretation.full_clean()
    interpretation.save()
    return interpretation
