import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Initiative, Organization, Result
from measurement.choices import (
    CommentKind,
    Direction,
    Frequency,
    IndicatorKind,
    PeriodKind,
    RbaType,
    ReminderKind,
    RunStatus,
    SubmissionStatus,
    Suppression,
    Trend,
    UploadStatus,
)
from measurement.periods import parse_period

# ---- Dimensions and categories ----


class Dimension(models.Model):
    """A way of breaking a number down by group: race/ethnicity, gender, neighbourhood,
    income, language. Disaggregating every headline number is how an initiative sees whom it
    is failing.

    Categories of a dimension are exclusive unless it is marked overlapping (a person may
    belong to several, as the 2024 US race/ethnicity standard allows); an overlapping
    dimension's categories do not add up to its total."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    overlapping = models.BooleanField(
        _("overlapping categories"),
        default=False,
        help_text=_("A person may belong to several categories, so they do not sum to a total."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["initiative", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "code"], name="dimension_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """One group within a dimension, such as "Female" in gender. One category per dimension
    is the reference group that gaps are measured against, and one stands for
    "unknown / not reported"."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="categories")
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
            models.UniqueConstraint(fields=["dimension", "code"], name="category_code_unique"),
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


class Indicator(models.Model):
    """A measure that quantifies a result, defined once so that every partner collects and
    reports it the same way (shared measurement).

    A count is reported as a value; a rate as numerator and denominator (the rate is always
    computed from the summed parts, never by averaging rates); an average as a value with its
    n in the denominator, so averages combine weighted by n."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("result"),
    )
    code = models.SlugField(_("code"), max_length=60)
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
    baseline_period = models.ForeignKey(
        "ReportingPeriod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["initiative", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.kind == IndicatorKind.RATE

    @property
    def is_average(self) -> bool:
        return self.kind == IndicatorKind.AVERAGE

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


# ---- Reporting periods ----


class ReportingPeriod(models.Model):
    """A period partners report for: a year, a quarter, a month or a school year, named by
    its interchange code (2024, 2024-Q3, 2024-09, 2024-25)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("code"), max_length=10)
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices, editable=False)
    start = models.DateField(_("start"), editable=False)
    end = models.DateField(_("end"), editable=False)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["initiative", "start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "code"], name="period_code_unique")
        ]

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


# ---- Disaggregation cells ----


class Cell(models.Model):
    """A disaggregation cell: one category from each of some dimensions, such as
    (gender = female, sector = Arab). The cell with no categories is the total.

    Cells are shared by every indicator of the initiative that is broken down the same way.
    ``key`` names the cell canonically ("gender=f;sector=arab", sorted by dimension code;
    "" for the total) and ``dimension_set`` names which dimensions it fixes ("gender;sector")."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="cells")
    key = models.CharField(max_length=500, blank=True)
    dimension_set = models.CharField(max_length=500, blank=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="cells")

    class Meta:
        verbose_name = _("disaggregation cell")
        verbose_name_plural = _("disaggregation cells")
        ordering = ["initiative", "dimension_set", "key"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "key"], name="cell_key_unique")
        ]

    def __str__(self) -> str:
        return self.key or "total"

    @property
    def is_total(self) -> bool:
        return self.key == ""

    def parts(self) -> dict[str, str]:
        """{dimension code: category code}."""
        return dict(part.split("=", 1) for part in self.key.split(";")) if self.key else {}


# ---- Targets ----


class Target(models.Model):
    """A value the initiative aims to reach by a period, kept apart from the indicator.

    A target on the total is the universal goal for everyone; a target on a group's cell is a
    group-specific target (targeted universalism: one goal for all, with strategies — and
    milestones — that differ by how each group is situated)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("by period"),
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.CASCADE, related_name="targets", verbose_name=_("group")
    )
    value = models.FloatField(_("target value"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period__start", "cell__key"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "cell"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.cell} {self.period}: {self.value}"

    @property
    def is_universal(self) -> bool:
        return self.cell.is_total


# ---- Submissions and data values ----


class SubmissionQuerySet(models.QuerySet):
    def for_initiative(self, initiative):
        return self.filter(initiative=initiative)

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def approved(self):
        return self.filter(status=SubmissionStatus.APPROVED)

    def awaiting_review(self):
        return self.filter(status=SubmissionStatus.SUBMITTED)


class Submission(models.Model):
    """One organization's data for one reporting period, moving draft → submitted →
    returned (with comments) or approved. Only approved data feeds the computed results;
    approval locks the values."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="submissions")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("organization"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.RESTRICT,
        related_name="submissions",
        verbose_name=_("period"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period__start", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization", "period"], name="submission_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)

    @property
    def can_be_submitted(self) -> bool:
        return self.is_editable

    @property
    def can_be_reviewed(self) -> bool:
        return self.status == SubmissionStatus.SUBMITTED


class DataValue(models.Model):
    """One reported number for one indicator and one disaggregation cell in a submission.

    Rates fill numerator and denominator; counts fill value; averages fill value and put n
    in the denominator. A missing row means "not reported", which is never the same as 0."""

    # The unique (submission, indicator, cell) index serves every lookup; single-column indexes
    # would only slow down the imports of a hundred thousand values.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="values", db_index=False)
    numerator = models.FloatField(
        _("numerator"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    denominator = models.FloatField(
        _("denominator"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    value = models.FloatField(_("value"), null=True, blank=True)

    # History is read by submission; it outlives the people who made it.
    history = HistoricalRecords(no_db_index=["id", "indicator", "cell"], user_db_constraint=False)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "cell"], name="datavalue_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.cell} = {self.value or self.numerator}"


class SubmissionComment(models.Model):
    """A message on a submission between the partner and the backbone team — about the
    whole submission, or about one indicator or one cell ("the boys' numbers look high")."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=CommentKind.choices, default=CommentKind.COMMENT)
    body = models.TextField(_("comment"))
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about indicator"),
    )
    cell = models.ForeignKey(
        Cell,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about group"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["submission", "created_at"]

    def __str__(self) -> str:
        return self.body[:60]


# ---- Reporting plan ----


class ReportingAssignment(models.Model):
    """Which organization reports which indicator, and how often. Together with the periods'
    due dates this is the reporting plan the matrix and the reminders follow."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="reporting_assignments"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reporting_assignments"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assignments")
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)

    class Meta:
        verbose_name = _("reporting assignment")
        verbose_name_plural = _("reporting assignments")
        ordering = ["organization__name", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "indicator"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization} reports {self.indicator.code} ({self.frequency})"


class ReminderLog(models.Model):
    """That a reminder about one period went to one organization, so it goes only once."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "period", "kind"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.period} {self.kind}"


# ---- Uploads ----


class CategoryCrosswalkQuerySet(models.QuerySet):
    def in_initiative(self, initiative):
        """An organization may partner in several initiatives whose dimensions share codes;
        a crosswalk belongs to the initiative of its dimension and is read only there."""
        return self.filter(dimension__initiative=initiative)


class CategoryCrosswalk(models.Model):
    """How one organization writes a category in its own files ("F", "נקבה", "Female")
    mapped once to one initiative's category, so every later upload to that initiative
    understands it. The initiative is the dimension's."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="crosswalks"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    source_code = models.CharField(_("their code"), max_length=120)
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="+", verbose_name=_("our category")
    )

    objects = CategoryCrosswalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("category crosswalk")
        verbose_name_plural = _("category crosswalks")
        ordering = ["organization", "dimension__order", "source_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "dimension", "source_code"], name="crosswalk_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.source_code} → {self.category}"


class Upload(models.Model):
    """A file a partner uploaded, checked in full first, so that nothing is written until the
    partner has seen every problem. The file itself is kept for a bounded time; its name,
    status, problems and summary stay."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField(default=0)
    """Bytes of ``content`` still kept; 0 once the file is removed (docs/security.md:
    kept UPLOAD_RETENTION_DAYS, within UPLOAD_QUOTA_MB per organization)."""
    status = models.CharField(max_length=16, choices=UploadStatus.choices)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


# ---- Computed results ----


class ComputationRun(models.Model):
    """One run of the measurement engine for an initiative — all of it, or only the
    indicators and period of an approved submission. Staff read these to know how fresh the
    numbers on the dashboards are."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="computation_runs"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a full recompute."),
    )
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=60, blank=True)
    rows_in = models.PositiveIntegerField(default=0)
    rows_out = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("computation run")
        verbose_name_plural = _("computation runs")
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.initiative} run {self.pk} ({self.status})"

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.SUCCEEDED, RunStatus.FAILED)


class IndicatorResultQuerySet(models.QuerySet):
    def initiative_wide(self):
        return self.filter(organization__isnull=True)

    def of_active_indicators(self):
        return self.filter(indicator__in=Indicator.objects.active())

    def totals(self):
        return self.filter(cell__key="")


class IndicatorResult(models.Model):
    """A computed figure for one indicator, period and cell — across all organizations
    (``organization`` empty) or for one organization's part.

    Results are derived data, replaced as a whole by each computation run (with COPY, tens of
    thousands of rows at a time). So that writing them stays fast, their foreign keys carry
    no database constraints or single-column indexes: Django still deletes them with their
    initiative, indicator or period, and the unique indexes below serve every lookup.
    ``suppression`` records whether the cell must be hidden from restricted roles; hiding
    it is the selectors' job."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="indicator_results",
        db_constraint=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    cell = models.ForeignKey(
        Cell, on_delete=models.CASCADE, related_name="results", db_constraint=False, db_index=False
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="results",
        db_constraint=False,
        db_index=False,
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
        related_name="results",
        db_constraint=False,
        db_index=False,
    )

    objects = IndicatorResultQuerySet.as_manager()

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

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="disparities")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    index_vs_reference = models.FloatField(null=True, blank=True)
    index_vs_best = models.FloatField(null=True, blank=True)
    groups_compared = models.PositiveSmallIntegerField(default=0)
    run = models.ForeignKey(ComputationRun, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("index of disparity")
        verbose_name_plural = _("indexes of disparity")
        ordering = ["indicator", "period__start", "dimension__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension"], name="disparity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.dimension.code}"


# ---- Share links ----


def new_share_token() -> str:
    return secrets.token_urlsafe(32)


class ShareLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A link a backbone admin gives to a funder, a board or the press: it shows the funder
    view of the dashboards — every small cell suppressed, no drafts, no personal data —
    without an account, until it expires or is revoked. Every use is logged."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(_("who it is for"), max_length=200)
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="+",
        verbose_name=_("indicators"),
        help_text=_("Leave empty to share every indicator."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    token = models.CharField(max_length=64, unique=True, editable=False, default=new_share_token)
    """The link's address: random, so it cannot be guessed or forged, and the same at every
    reading, so that everything keyed on a link stays one entry per link. Expiry and
    revocation are checked on the link itself."""

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ShareLinkUse(models.Model):
    """One page seen through a share link."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="uses")
    path = models.CharField(max_length=500)
    user_agent = models.CharField(max_length=300, blank=True)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.link} {self.used_at:%Y-%m-%d %H:%M}"
