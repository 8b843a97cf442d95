"""The figures of the five conditions, as pure functions of plain records: who works on which
indicator, what each respondent group thinks of the collaboration, how healthy the network of
partners is. Selectors fetch the records; these functions do the arithmetic, so it is tested
without a database."""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from statistics import fmean

from core.figures import share

# A group's answers are shown only when at least this many people gave them, so that no one's
# answer can be read off a mean. The same rule as small-cell suppression, at assessment scale.
MIN_RESPONDENTS_SHOWN = 3


# ---- Coverage of indicators by activities ----


@dataclass(frozen=True)
class ActivityLink:
    """One live activity aimed at one indicator (or result)."""

    target_id: int
    activity_id: int
    organization_id: int
    kind: str


@dataclass
class Coverage:
    activity_ids: list[int] = field(default_factory=list)
    organizations_by_kind: dict[str, set[int]] = field(default_factory=dict)

    @property
    def is_covered(self) -> bool:
        return bool(self.activity_ids)

    @property
    def organization_ids(self) -> set[int]:
        return set().union(*self.organizations_by_kind.values())

    @property
    def overlapping_kinds(self) -> list[str]:
        """Kinds of work two or more organizations do toward the same target: where partners
        should check that they reinforce rather than duplicate each other."""
        return sorted(k for k, orgs in self.organizations_by_kind.items() if len(orgs) >= 2)


def coverage(target_ids, links) -> dict[int, Coverage]:
    """For each target (indicator or result), the live activities aimed at it, by kind and
    organization. Targets nobody works on are present, uncovered."""
    table = {target_id: Coverage() for target_id in target_ids}
    for link in links:
        item = table.get(link.target_id)
        if item is None:
            continue
        if link.activity_id not in item.activity_ids:
            item.activity_ids.append(link.activity_id)
        item.organizations_by_kind.setdefault(link.kind, set()).add(link.organization_id)
    return table


# ---- Assessments: results by respondent group ----


@dataclass(frozen=True)
class Answer:
    response_id: int
    group: str
    question: str
    score: int


@dataclass(frozen=True)
class GroupScore:
    respondents: int
    mean: float | None  # None when too few answered to show it

    @property
    def shown(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class ScoreRow:
    key: str  # a topic or a question code
    by_group: dict[str, GroupScore]

    @property
    def gap(self) -> float | None:
        """How far apart the groups that can be shown see this: the highest mean minus the
        lowest. Large gaps are where the conversation should start."""
        means = [s.mean for s in self.by_group.values() if s.shown and s.mean is not None]
        return max(means) - min(means) if len(means) >= 2 else None


def _score_row(key: str, answers: list[Answer], groups) -> ScoreRow:
    by_group = {}
    for group in groups:
        scores_by_response = defaultdict(list)
        for answer in answers:
            if answer.group == group:
                scores_by_response[answer.response_id].append(answer.score)
        respondents = len(scores_by_response)
        # Each person counts once per row, however many of its questions they answered.
        mean = (
            fmean(fmean(scores) for scores in scores_by_response.values())
            if respondents >= MIN_RESPONDENTS_SHOWN
            else None
        )
        by_group[group] = GroupScore(respondents=respondents, mean=mean)
    return ScoreRow(key=key, by_group=by_group)


def scores_by_group(answers, questions, groups) -> dict[str, list[ScoreRow]]:
    """Mean scores per topic and per question, for each respondent group.

    ``questions`` are objects with ``code`` and ``topic``; answers to questions no longer
    asked are ignored. Returns {"topics": [...], "questions": [...]}, in question order."""
    topic_of = {question.code: question.topic for question in questions}
    answers = [answer for answer in answers if answer.question in topic_of]
    topics = list(dict.fromkeys(question.topic for question in questions))
    return {
        "topics": [
            _score_row(topic, [a for a in answers if topic_of[a.question] == topic], groups)
            for topic in topics
        ],
        "questions": [
            _score_row(question.code, [a for a in answers if a.question == question.code], groups)
            for question in questions
        ],
    }


def respondents_by_group(answers) -> dict[str, int]:
    responses = defaultdict(set)
    for answer in answers:
        responses[answer.group].add(answer.response_id)
    return {group: len(ids) for group, ids in responses.items()}


# ---- Collaborative health: the network of partners ----


@dataclass(frozen=True)
class Rating:
    rater: int
    rated: int
    works_together: bool
    trust: int | None
    value: int | None


@dataclass(frozen=True)
class Tie:
    """Two partners that work together, as either of them reports it, with the mean of what
    each says of the other."""

    first: int
    second: int
    trust: float | None
    value: float | None
    mutual: bool  # both said they work together


@dataclass(frozen=True)
class OrganizationHealth:
    organization_id: int
    answered: bool
    ties: int
    trust_received: float | None
    value_received: float | None


@dataclass(frozen=True)
class NetworkHealth:
    organizations: int
    respondents: int
    ties: list[Tie]
    by_organization: dict[int, OrganizationHealth]
    density: float | None
    mean_trust: float | None
    mean_value: float | None

    @property
    def response_rate(self) -> float | None:
        return share(self.respondents, self.organizations)


def _mean(numbers) -> float | None:
    numbers = [n for n in numbers if n is not None]
    return fmean(numbers) if numbers else None


def network_health(organization_ids, ratings) -> NetworkHealth:
    """Density (ties present among all possible pairs), mean trust and value (1–4) over the
    ratings of partners who work together, and each organization's ties and the trust and
    value others see in it — the measures network-health assessments such as PARTNER report."""
    members = sorted(set(organization_ids))
    inside = set(members)
    ratings = [r for r in ratings if r.rater in inside and r.rated in inside and r.rater != r.rated]
    working = [r for r in ratings if r.works_together]
    said = {(r.rater, r.rated): r for r in working}
    ties = []
    for first, second in combinations(members, 2):
        pair = [said.get((first, second)), said.get((second, first))]
        present = [r for r in pair if r is not None]
        if present:
            ties.append(
                Tie(
                    first=first,
                    second=second,
                    trust=_mean(r.trust for r in present),
                    value=_mean(r.value for r in present),
                    mutual=len(present) == 2,
                )
            )
    tie_count: defaultdict[int, int] = defaultdict(int)
    for tie in ties:
        tie_count[tie.first] += 1
        tie_count[tie.second] += 1
    raters = {r.rater for r in ratings}
    by_organization = {
        org: OrganizationHealth(
            organization_id=org,
            answered=org in raters,
            ties=tie_count[org],
            trust_received=_mean(r.trust for r in working if r.rated == org),
            value_received=_mean(r.value for r in working if r.rated == org),
        )
        for org in members
    }
    possible = len(members) * (len(members) - 1) // 2
    return NetworkHealth(
        organizations=len(members),
        respondents=len(raters),
        ties=ties,
        by_organization=by_organization,
        density=share(len(ties), possible),
        mean_trust=_mean(r.trust for r in working),
        mean_value=_mean(r.value for r in working),
    )
