"""The feedback loop's figures: pure functions, tested without a database."""

from datetime import datetime, timedelta

import pytest

from community import figures
from community.figures import FeedbackRecord

NOW = datetime(2026, 11, 27, 12, 0)


def test_feedback_loop_share_answered_and_median_days():
    items = [
        FeedbackRecord(NOW - timedelta(days=30), NOW - timedelta(days=20)),  # 10 days
        FeedbackRecord(NOW - timedelta(days=30), NOW - timedelta(days=28)),  # 2 days
        FeedbackRecord(NOW - timedelta(days=40), NOW - timedelta(days=10)),  # 30 days
        FeedbackRecord(NOW - timedelta(days=15), None),
    ]
    loop = figures.feedback_loop(items, NOW)
    assert (loop.answered, loop.items) == (3, 4)
    assert loop.answered_share == 0.75
    assert loop.median_days == pytest.approx(10)
    assert loop.waiting_longest_days == 15


def test_feedback_loop_with_nothing_answered_has_no_median():
    loop = figures.feedback_loop([FeedbackRecord(NOW - timedelta(days=3), None)], NOW)
    assert loop.median_days is None
    assert loop.answered_share == 0
    assert figures.feedback_loop([], NOW).answered_share is None
