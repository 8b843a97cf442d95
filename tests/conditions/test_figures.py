"""The arithmetic of the five conditions, without a database."""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conditions import figures
from conditions.figures import ActivityLink, Answer, Rating

# ---- Coverage ----


def test_indicator_nobody_works_on_is_uncovered():
    table = figures.coverage([1, 2], [ActivityLink(1, 10, 100, "program")])
    assert table[1].is_covered
    assert not table[2].is_covered
    assert table[2].organization_ids == set()


def test_two_organizations_doing_the_same_kind_of_work_overlap():
    table = figures.coverage(
        [1],
        [
            ActivityLink(1, 10, 100, "program"),
            ActivityLink(1, 11, 101, "program"),
            ActivityLink(1, 12, 102, "systems"),
        ],
    )
    assert table[1].overlapping_kinds == ["program"]
    assert table[1].organization_ids == {100, 101, 102}


def test_one_organization_with_two_activities_is_not_an_overlap():
    table = figures.coverage(
        [1], [ActivityLink(1, 10, 100, "program"), ActivityLink(1, 11, 100, "program")]
    )
    assert table[1].activity_ids == [10, 11]
    assert table[1].overlapping_kinds == []


def test_program_and_systems_change_by_different_organizations_complement_each_other():
    table = figures.coverage(
        [1], [ActivityLink(1, 10, 100, "program"), ActivityLink(1, 11, 101, "systems")]
    )
    assert table[1].overlapping_kinds == []


def test_links_to_targets_outside_the_list_are_ignored():
    table = figures.coverage([1], [ActivityLink(9, 10, 100, "program")])
    assert set(table) == {1}
    assert not table[1].is_covered


def test_share_of_nothing_is_unknown_not_zero():
    assert figures.share(0, 0) is None
    assert figures.share(1, 4) == 0.25


# ---- Assessment scores by respondent group ----


@dataclass(frozen=True)
class Question:
    code: str
    topic: str


QUESTIONS = [Question("a1", "agenda"), Question("a2", "agenda"), Question("c1", "communication")]
GROUPS = ["backbone", "partner", "community"]


def _answers(group, first_id, scores_per_person):
    answers = []
    for offset, scores in enumerate(scores_per_person):
        for code, score in scores.items():
            answers.append(Answer(first_id + offset, group, code, score))
    return answers


def test_group_mean_counts_each_person_once_per_topic():
    # One person answers both agenda questions (5 and 3 → 4), two answer one (2 and 2).
    answers = _answers("partner", 1, [{"a1": 5, "a2": 3}, {"a1": 2}, {"a2": 2}])
    table = figures.scores_by_group(answers, QUESTIONS, GROUPS)
    agenda = table["topics"][0]
    assert agenda.key == "agenda"
    assert agenda.by_group["partner"].respondents == 3
    assert agenda.by_group["partner"].mean == pytest.approx((4 + 2 + 2) / 3)


def test_group_with_too_few_respondents_is_not_shown():
    answers = _answers("community", 1, [{"a1": 1}, {"a1": 2}]) + _answers(
        "partner", 10, [{"a1": 4}, {"a1": 4}, {"a1": 5}]
    )
    agenda = figures.scores_by_group(answers, QUESTIONS, GROUPS)["topics"][0]
    assert agenda.by_group["community"].respondents == 2
    assert agenda.by_group["community"].mean is None
    assert not agenda.by_group["community"].shown
    assert agenda.by_group["partner"].shown
    assert agenda.by_group["backbone"].respondents == 0


def test_gap_is_between_the_groups_that_can_be_shown():
    answers = (
        _answers("backbone", 1, [{"c1": 5}] * 3)
        + _answers("partner", 10, [{"c1": 4}] * 3)
        + _answers("community", 20, [{"c1": 2}] * 3)
    )
    # The same response ids repeat above; give each person their own.
    answers = [Answer(index, a.group, a.question, a.score) for index, a in enumerate(answers)]
    communication = figures.scores_by_group(answers, QUESTIONS, GROUPS)["topics"][1]
    assert communication.gap == pytest.approx(3.0)


def test_gap_needs_two_groups():
    answers = _answers("partner", 1, [{"c1": 4}, {"c1": 4}, {"c1": 5}])
    assert figures.scores_by_group(answers, QUESTIONS, GROUPS)["topics"][1].gap is None


def test_answers_to_questions_no_longer_asked_are_ignored():
    answers = _answers("partner", 1, [{"old": 1, "a1": 5}, {"a1": 5}, {"a1": 5}])
    table = figures.scores_by_group(answers, QUESTIONS, GROUPS)
    assert table["topics"][0].by_group["partner"].mean == 5
    assert [row.key for row in table["questions"]] == ["a1", "a2", "c1"]


def test_question_rows_follow_the_questions():
    answers = _answers("partner", 1, [{"a2": 1}, {"a2": 3}, {"a2": 5}])
    rows = figures.scores_by_group(answers, QUESTIONS, GROUPS)["questions"]
    assert rows[1].by_group["partner"].mean == 3
    assert rows[0].by_group["partner"].respondents == 0


@given(
    st.lists(
        st.tuples(
            st.integers(1, 30),
            st.sampled_from(GROUPS),
            st.sampled_from(["a1", "a2", "c1"]),
            st.integers(1, 5),
        ),
        max_size=80,
    )
)
def test_every_shown_mean_is_on_the_answer_scale(rows):
    answers = [Answer(*row) for row in rows]
    table = figures.scores_by_group(answers, QUESTIONS, GROUPS)
    for row in table["topics"] + table["questions"]:
        for score in row.by_group.values():
            assert score.mean is None or 1 <= score.mean <= 5
            assert score.shown == (score.respondents >= figures.MIN_RESPONDENTS_SHOWN)


# ---- Collaborative health ----


def test_density_counts_a_tie_once_whoever_reports_it():
    ratings = [
        Rating(1, 2, True, 4, 3),
        Rating(2, 1, True, 2, 3),  # the same pair, seen from the other side
        Rating(1, 3, True, 3, 2),  # only 1 says so
        Rating(2, 3, False, None, None),
    ]
    health = figures.network_health([1, 2, 3, 4], ratings)
    assert len(health.ties) == 2
    assert health.density == pytest.approx(2 / 6)
    first = health.ties[0]
    assert (first.first, first.second, first.mutual) == (1, 2, True)
    assert first.trust == pytest.approx(3.0)
    assert health.ties[1].mutual is False


def test_trust_and_value_are_averaged_over_partners_who_work_together():
    ratings = [Rating(1, 2, True, 4, 4), Rating(2, 1, True, 2, 1), Rating(3, 1, False, None, None)]
    health = figures.network_health([1, 2, 3], ratings)
    assert health.mean_trust == pytest.approx(3.0)
    assert health.mean_value == pytest.approx(2.5)


def test_each_organization_has_its_ties_and_what_others_see_in_it():
    ratings = [Rating(1, 2, True, 4, 3), Rating(3, 2, True, 2, 1), Rating(1, 3, True, 3, 3)]
    health = figures.network_health([1, 2, 3, 4], ratings)
    two = health.by_organization[2]
    assert two.ties == 2
    assert two.trust_received == pytest.approx(3.0)
    assert two.value_received == pytest.approx(2.0)
    assert not two.answered
    assert health.by_organization[4].ties == 0
    assert health.by_organization[4].trust_received is None


def test_response_rate_is_organizations_that_answered():
    ratings = [Rating(1, 2, False, None, None), Rating(3, 1, True, 3, 3)]
    health = figures.network_health([1, 2, 3, 4], ratings)
    assert health.respondents == 2
    assert health.response_rate == 0.5


def test_ratings_of_organizations_outside_the_network_and_of_oneself_are_ignored():
    ratings = [Rating(1, 9, True, 1, 1), Rating(9, 1, True, 1, 1), Rating(1, 1, True, 1, 1)]
    health = figures.network_health([1, 2], ratings)
    assert health.ties == []
    assert health.mean_trust is None
    assert health.respondents == 0


def test_a_network_of_one_has_no_density():
    assert figures.network_health([1], []).density is None
    assert figures.network_health([], []).response_rate is None


@given(
    st.lists(
        st.builds(
            Rating,
            st.integers(1, 6),
            st.integers(1, 6),
            st.booleans(),
            st.one_of(st.none(), st.integers(1, 4)),
            st.one_of(st.none(), st.integers(1, 4)),
        ),
        max_size=60,
    )
)
def test_density_is_a_share_of_possible_pairs(ratings):
    health = figures.network_health(range(1, 7), ratings)
    assert 0 <= health.density <= 1
    assert sum(row.ties for row in health.by_organization.values()) == 2 * len(health.ties)
    for tie in health.ties:
        assert tie.first < tie.second
        assert tie.trust is None or 1 <= tie.trust <= 4
