"""What the engine computed: a result per indicator, period and cell, and the index of
disparity per dimension. Derived data, replaced by every run.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to
from core.models import one_per
from initiatives.models import Initiative, Organization
from measurement.choices import (
    Suppression,
    Trend,
)
from measurement.models.computations import ComputationRun
from measurement.models.definitions import Cell, Dimension, Indicator, ReportingPeriod


class ComputedResultQuerySet(models.QuerySet):
    def initiative_wide(self):
        return self.filter(organization__isnull=True)

    def of_active_indicators(self):
        return self.filter(indicator__in=Indicator.objects.active())

    def totals(self):
        return self.filter(cell__key="")


class ComputedResult(models.Model):
    """A computed figure for one indicator, period and cell — across all organizations
    (``organization`` empty) or for one organization's part.

    Results are derived data, replaced as a whole by each computation run (with COPY, tens of
    thousands of rows at a time). So that writing them stays fast, their foreign keys carry
    no database constraints or single-column indexes: Django still deletes them with their
    initiative, indicator or period, and the unique indexes below serve every lookup.
    ``suppression`` records whether the cell must be hidden from restricted roles; hiding
    it is the selectors' job."""

    initiative = belongs_to(Initiative, "computed_results", db_constraint=False)
    indicator = belongs_to(Indicator, "computed_results", db_constraint=False, db_index=False)
    period = belongs_to(ReportingPeriod, "computed_results", db_constraint=False, db_index=False)
    cell = belongs_to(Cell, "computed_results", db_constraint=False, db_index=False)
    organization = belongs_to(
        Organization, "computed_results", null=True, blank=True, db_constraint=False, db_index=False
    )
    # What was counted. ``value`` is what people read: a rate per the indicator's scale, an
    # average, or a count; ``n`` is the number of people (or events) behind it.
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)
    n = models.FloatField(null=True, blank=True)
    suppression = models.CharField(
        max_length=16, choices=Suppression.choices, blank=True, default=Suppression.NONE
    )
    # A rate with few people counted (or not counted) may be published to restricted roles as a
    # coded range, in the indicator's unit ("≤ 10%": 0 to 10), with its group size but
    # without its exact value.
    range_low = models.FloatField(null=True, blank=True)
    range_high = models.FloatField(null=True, blank=True)
    ranged = models.BooleanField(default=False)
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    # Gaps against the reference group (every fixed dimension at its reference category)...
    reference_key = models.CharField(max_length=500, blank=True)
    ratio_to_reference = models.FloatField(null=True, blank=True)
    difference_from_reference = models.FloatField(null=True, blank=True)
    gap_significant = models.BooleanField(null=True, blank=True)
    reference_suppressed = models.BooleanField(default=False)
    # ...and against the best-performing published group of the same breakdown.
    best_key = models.CharField(max_length=500, blank=True)
    ratio_to_best = models.FloatField(null=True, blank=True)
    difference_from_best = models.FloatField(null=True, blank=True)
    # Over time: from the baseline, toward the targets, and the recent trend.
    baseline = models.FloatField(null=True, blank=True)
    change_since_baseline = models.FloatField(null=True, blank=True)
    baseline_suppressed = models.BooleanField(default=False)
    target = models.FloatField(null=True, blank=True)
    progress_to_target = models.FloatField(null=True, blank=True)
    group_target = models.FloatField(null=True, blank=True)
    progress_to_group_target = models.FloatField(null=True, blank=True)
    trend_slope = models.FloatField(null=True, blank=True)
    trend = models.CharField(max_length=12, choices=Trend.choices, blank=True)
    trend_suppressed = models.BooleanField(default=False)
    run = models.ForeignKey(
        ComputationRun,
        on_delete=models.SET_NULL,
        null=True,
        related_name="computed_results",
        db_constraint=False,
        db_index=False,
    )

    objects = ComputedResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["indicator", "period__start", "cell__key"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "cell"],
                condition=Q(organization__isnull=True),
                name="result_unique_initiative_wide",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "cell", "organization"],
                condition=Q(organization__isnull=False),
                name="result_unique_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.cell}"

    @property
    def is_suppressed(self) -> bool:
        return self.suppression != Suppression.NONE


class DimensionDisparity(models.Model):
    """The index of disparity of one indicator along one dimension in one period: the mean
    absolute gap between each published group and the reference, as a percentage of the
    reference (Pearcy & Keppel). One number that says how unequal the picture is."""

    initiative = belongs_to(Initiative, "+")
    indicator = belongs_to(Indicator, "disparities")
    period = belongs_to(ReportingPeriod, "+")
    dimension = belongs_to(Dimension, "+")
    index_vs_reference = models.FloatField(null=True, blank=True)
    index_vs_best = models.FloatField(null=True, blank=True)
    groups_compared = models.PositiveSmallIntegerField(default=0)
    run = models.ForeignKey(ComputationRun, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("index of disparity")
        verbose_name_plural = _("indexes of disparity")
        ordering = ["indicator", "period__start", "dimension__order"]
        constraints = [one_per("indicator", "period", "dimension", name="disparity_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.dimension.code}"
