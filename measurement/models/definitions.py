"""What an initiative measures and how it breaks numbers down: dimensions and their
categories, indicators, reporting periods, disaggregation cells and targets.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import belongs_to, optional_link, person_on_record
from core.models import Named, one_per
from initiatives.models import CodedDefinition, Initiative, Result
from measurement.cells import parse_cell_key
from measurement.choices import (
    Direction,
    Frequency,
    IndicatorKind,
    PeriodKind,
    RbaType,
    RuleKind,
    RuleSeverity,
)
from measurement.periods import parse_period

# ---- Dimensions and categories ----


class Dimension(Named, CodedDefinition):
    """A way of breaking a number down by group: race/ethnicity, gender, neighbourhood,
    income, language. Disaggregating every headline number is how an initiative sees whom it
    is failing.

    Categories of a dimension are exclusive unless it is marked overlapping (a person may
    belong to several, as the 2024 US race/ethnicity standard allows); an overlapping
    dimension's categories do not add up to its total."""

    initiative = belongs_to(Initiative, "dimensions")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    overlapping = models.BooleanField(
        _("overlapping categories"),
        default=False,
        help_text=_("A person may belong to several categories, so they do not sum to a total."),
    )

    # Its library is /definitions/dimensions/library/, where a dimension's page would be.
    reserved_codes = CodedDefinition.reserved_codes | {"library"}

    class Meta(CodedDefinition.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")


class Category(models.Model):
    """One group within a dimension, such as "Female" in gender. One category per dimension
    is the reference group that gaps are measured against, and one stands for
    "unknown / not reported"."""

    dimension = belongs_to(Dimension, "categories")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_reference = models.BooleanField(_("reference group"), default=False)
    is_unknown = models.BooleanField(_("unknown / not reported"), default=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["dimension", "order", "code"]
        constraints = [
            one_per("dimension", "code", name="category_code_unique"),
            models.UniqueConstraint(
                fields=["dimension"],
                condition=Q(is_reference=True),
                name="category_one_reference_per_dimension",
            ),
            models.UniqueConstraint(
                fields=["dimension"],
                condition=Q(is_unknown=True),
                name="category_one_unknown_per_dimension",
            ),
            models.CheckConstraint(
                condition=~Q(is_reference=True, is_unknown=True),
                name="category_unknown_is_not_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name}: {self.name}"


# ---- Indicators ----


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        """Indicators in use. An inactive (retired) one keeps its definition and data for the
        backbone's definitions page, and is absent everywhere else: dashboards, exports, share
        links, the API, data entry."""
        return self.filter(is_active=True)

    def inactive(self):
        return self.filter(is_active=False)


# More decimal places than this would show noise, not precision, in any published figure.
MAX_DECIMALS = 6


class Indicator(Named, CodedDefinition):
    """A measure that quantifies a result, defined once so that every partner collects and
    reports it the same way (shared measurement).

    A count is reported as a value; a rate as numerator and denominator (the rate is always
    computed from the summed parts, never by averaging rates); an average as a value with its
    n in the denominator, so averages combine weighted by n."""

    # The words people read, kept once per language (measurement/translation.py): the unit
    # ("families") stands beside every figure, so it is one of them.
    TRANSLATED = ("name", "definition", "unit")

    initiative = belongs_to(Initiative, "indicators")
    result = optional_link(Result, related_name="indicators", verbose_name=_("result"))
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=IndicatorKind.choices, default=IndicatorKind.RATE
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    scale = models.PositiveIntegerField(
        _("scale"),
        default=100,
        help_text=_("Rates are shown per this many: 1, 100 (percent), 1,000 or 100,000."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimal places"),
        default=1,
        validators=[MaxValueValidator(MAX_DECIMALS)],
        help_text=_("How many decimal places its figures are shown and exported with."),
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    rba_type = models.CharField(
        _("RBA type"), max_length=16, choices=RbaType.choices, default=RbaType.POPULATION
    )
    dimensions = models.ManyToManyField(
        Dimension, blank=True, related_name="indicators", verbose_name=_("dimensions")
    )
    baseline_period = optional_link(
        "ReportingPeriod",
        verbose_name=_("baseline period"),
        help_text=_("Progress and change are measured from this period."),
    )
    baseline_value = models.FloatField(
        _("baseline value"),
        null=True,
        blank=True,
        help_text=_(
            "The whole population's value in the baseline period, when it comes from outside "
            "Yachad. Leave empty to use the value computed for that period."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta(CodedDefinition.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    @property
    def is_rate(self) -> bool:
        return self.kind == IndicatorKind.RATE

    @property
    def is_average(self) -> bool:
        return self.kind == IndicatorKind.AVERAGE

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


def indicators_to_move(related_name: str = "+") -> Any:
    """The indicators a piece of work — an activity, a systems change effort — should move:
    what coverage and the equity pages read to tie the work to the numbers."""
    return models.ManyToManyField(
        Indicator,
        blank=True,
        related_name=related_name,
        verbose_name=_("indicators it should move"),
    )


# ---- Reporting periods ----


class ReportingPeriod(models.Model):
    """A period partners report for: a year, a quarter, a month or a school year, named by
    its interchange code (2024, 2024-Q3, 2024-09, 2024-25)."""

    initiative = belongs_to(Initiative, "periods")
    code = models.CharField(_("code"), max_length=10)
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices, editable=False)
    start = models.DateField(_("start"), editable=False)
    end = models.DateField(_("end"), editable=False)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Backbone staff may declare a period's figures final before the completeness rule does.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = person_on_record(verbose_name=_("closed by"), editable=False)
    closing_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["initiative", "start", "end"]
        constraints = [one_per("initiative", "code", name="period_code_unique")]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        # kind, start and end always follow the code, however the row was created.
        parsed = parse_period(self.code)
        self.kind, self.start, self.end = parsed.kind, parsed.start, parsed.end
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            parsed = parse_period(self.code)
        except ValueError as error:
            raise ValidationError({"code": str(error)}) from None
        self.kind, self.start, self.end = parsed.kind, parsed.start, parsed.end

    @property
    def deadline(self):
        """When its data is due: the due date, or the end of the period when none is set."""
        return self.due_date or self.end

    def is_past_due(self, today) -> bool:
        return self.deadline < today


# ---- Disaggregation cells ----


class Cell(models.Model):
    """A disaggregation cell: one category from each of some dimensions, such as
    (gender = female, sector = Arab). The cell with no categories is the total.

    Cells are shared by every indicator of the initiative that is broken down the same way.
    ``key`` names the cell canonically ("gender=f;sector=arab", sorted by dimension code;
    "" for the total) and ``dimension_set`` names which dimensions it fixes ("gender;sector")."""

    initiative = belongs_to(Initiative, "cells")
    key = models.CharField(max_length=500, blank=True)
    dimension_set = models.CharField(max_length=500, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="cells")

    class Meta:
        verbose_name = _("disaggregation cell")
        verbose_name_plural = _("disaggregation cells")
        ordering = ["initiative", "dimension_set", "key"]
        constraints = [one_per("initiative", "key", name="cell_key_unique")]

    def __str__(self) -> str:
        return self.key or "total"

    @property
    def is_total(self) -> bool:
        return self.key == ""

    def parts(self) -> dict[str, str]:
        """{dimension code: category code}."""
        return parse_cell_key(self.key)


# ---- Targets ----


class ValueRule(models.Model):
    """A check the backbone sets on an indicator's numbers, run as partners type, on save, on
    upload, on submission and on review (``validation.rule_issues``): the figure within a
    range (``low``–``high``, in the indicator's units: percent for a rate in percent), the
    total within a ratio to another indicator's total in the same submission, or the figure
    changing by at most ``high`` percent from the organization's previous period. An error
    blocks submission; a warning must be explained by the partner in a comment."""

    indicator = belongs_to(Indicator, "rules")
    kind = models.CharField(_("rule"), max_length=16, choices=RuleKind.choices)
    severity = models.CharField(
        _("severity"), max_length=8, choices=RuleSeverity.choices, default=RuleSeverity.WARNING
    )
    low = models.FloatField(_("lowest"), null=True, blank=True)
    high = models.FloatField(_("highest"), null=True, blank=True)
    other = optional_link(
        Indicator, related_name="+", verbose_name=_("other indicator (for a ratio)")
    )

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["indicator", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.kind} {self.low}–{self.high}"

    def clean(self):
        super().clean()
        if self.low is None and self.high is None:
            raise ValidationError(_("Give a lowest value, a highest value or both."))
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValidationError({"high": _("The highest value is below the lowest.")})
        if self.kind == RuleKind.RATIO and self.other_id is None:
            raise ValidationError({"other": _("Choose the indicator to compare with.")})
        if self.kind == RuleKind.MAX_CHANGE and (self.high is None or self.high < 0):
            raise ValidationError({"high": _("Give the largest change allowed, in percent.")})


class Target(models.Model):
    """A value the initiative aims to reach by a period, kept apart from the indicator.

    A target on the total is the universal goal for everyone; a target on a group's cell is a
    group-specific target (targeted universalism: one goal for all, with strategies — and
    milestones — that differ by how each group is situated)."""

    indicator = belongs_to(Indicator, "targets")
    period = belongs_to(ReportingPeriod, "targets", verbose_name=_("by period"))
    cell = belongs_to(Cell, "targets", verbose_name=_("group"))
    value = models.FloatField(_("target value"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period__start", "cell__key"]
        constraints = [one_per("indicator", "period", "cell", name="target_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.cell} {self.period}: {self.value}"

    @property
    def is_universal(self) -> bool:
        return self.cell.is_total
