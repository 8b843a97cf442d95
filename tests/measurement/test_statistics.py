"""The statistics of a computed result are declared once (measurement/statistics.py): the
stored results hold exactly the declared columns, and masking is an allow-list."""

from measurement import statistics
from measurement.models import ComputedResult, DimensionDisparity

IDENTITY = {"id", "initiative", "indicator", "period", "cell", "organization", "run", "dimension"}


def _stored(model) -> set[str]:
    return {field.name for field in model._meta.concrete_fields} - IDENTITY


def test_every_declared_statistic_is_stored_and_every_stored_one_is_declared():
    assert set(statistics.names()) == _stored(ComputedResult)
    assert set(statistics.names(statistics.DISPARITY_COLUMNS)) == _stored(DimensionDisparity)


def test_a_statistic_is_hidden_from_restricted_audiences_unless_its_declaration_allows_it():
    undecided = statistics.Column("new_figure", float, statistics.Stage.AGGREGATE)
    assert statistics.hidden_from_restricted(undecided, raised=set())


def test_a_declared_protection_hides_a_figure_only_when_it_is_raised():
    ratio = next(c for c in statistics.RESULT_COLUMNS if c.name == "ratio_to_reference")
    assert not statistics.hidden_from_restricted(ratio, raised=set())
    assert statistics.hidden_from_restricted(ratio, raised={statistics.Protection.REFERENCE})
    assert statistics.hidden_from_restricted(ratio, raised={statistics.Protection.CELL})
    assert not statistics.hidden_from_restricted(ratio, raised={statistics.Protection.TREND})


def test_every_figure_of_a_suppressed_cell_is_hidden_except_targets_and_groups_compared_with():
    shown = {
        c.name
        for c in statistics.PUBLISHED
        if not statistics.hidden_from_restricted(c, raised={statistics.Protection.CELL})
    }
    assert shown == {"reference_key", "best_key", "target", "group_target"}


def test_the_results_file_keeps_the_interchange_columns_first():
    assert [c.exported for c in statistics.EXPORTED][:9] == [
        "numerator",
        "denominator",
        "value",
        "suppressed",
        "reference_category",
        "ratio_to_reference",
        "difference_from_reference",
        "ci_low",
        "ci_high",
    ]
