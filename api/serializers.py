"""What the API reads and writes. Output serializers describe records; input serializers
check what a client sends before a service acts on it."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from initiatives.choices import DisclosureSmallCount
from initiatives.models import Initiative, Partnership, Result
from measurement import statistics
from measurement.cells import parse_cell_key
from measurement.choices import Suppression
from measurement.models import (
    ComputationRun,
    DataValue,
    Dimension,
    Indicator,
    ReportingPeriod,
    Submission,
)
from measurement.selectors import disclosure_policy
from measurement.services.definitions import INDICATOR_MEASURE_FIELDS


class Answer(serializers.ModelSerializer):
    # A record as the API sends it. Every field is read-only and always present, so the schema
    # marks each required (nullable where it may be null): a generated client gets plain
    # types, not "value or unset". (A comment, not a docstring: the schema would describe every
    # record by it.)

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(required=False, child=serializers.JSONField())
    rows = serializers.ListField(required=False, child=serializers.CharField())
    request_id = serializers.CharField(help_text="What our logs know the request by.")


class ErrorSerializer(serializers.Serializer):
    """Every error the API returns has this shape."""

    error = ErrorBodySerializer()


# ---- Definitions ----


class DisclosureRulesSerializer(serializers.Serializer):
    """A disclosure policy, as the definitions file writes it: what restricted audiences
    (partners, funders, share links, API tokens) may read about small groups."""

    min_group_size = serializers.IntegerField(
        read_only=True, help_text="Groups of more than none and fewer people are hidden."
    )
    min_count = serializers.IntegerField(
        read_only=True,
        help_text="In a rate, the fewest people counted, and not counted, that are published.",
    )
    small_count = serializers.ChoiceField(
        choices=DisclosureSmallCount.choices,
        read_only=True,
        help_text="What a rate with too small a count shows: a coded range, or nothing.",
    )
    min_contributors = serializers.IntegerField(
        read_only=True, help_text="The fewest organizations behind a published figure."
    )
    protection_level = serializers.IntegerField(
        read_only=True,
        help_text="How far (percent) a reader's best guess of a hidden number stays from it.",
    )


class DisclosurePolicySerializer(DisclosureRulesSerializer):
    """The initiative's disclosure policy now."""

    def to_representation(self, instance: Initiative) -> dict:
        return disclosure_policy(initiative=instance).as_dict()


class InitiativeSerializer(Answer):
    disclosure = DisclosurePolicySerializer(source="*", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "name",
            "vision",
            "problem_statement",
            "population_focus",
            "geography",
            "phase",
            "suppression_threshold",
            "country",
            "currency",
            "disclosure",
        ]


class ResultSerializer(Answer):
    indicators = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Result
        fields = ["code", "title", "description", "order", "indicators"]


class OrganizationSerializer(Answer):
    code = serializers.CharField(source="organization.code")
    name = serializers.CharField(source="organization.name")
    sector = serializers.CharField(source="organization.sector")

    class Meta:
        model = Partnership
        fields = ["code", "name", "sector", "role", "is_active"]


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    is_reference = serializers.BooleanField()
    is_unknown = serializers.BooleanField()


class DimensionSerializer(Answer):
    categories = CategorySerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["code", "name", "overlapping", "order", "categories"]


class IndicatorSerializer(Answer):
    result = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    dimensions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    baseline_period = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Indicator
        # What an indicator measures, as its definition service names it.
        fields = [
            "code",
            "name",
            "definition",
            *INDICATOR_MEASURE_FIELDS,
            "dimensions",
            "baseline_period",
            "baseline_value",
            "is_active",
        ]


class PeriodSerializer(Answer):
    class Meta:
        model = ReportingPeriod
        fields = ["code", "kind", "start", "end", "due_date"]


# ---- Submissions and values ----


def categories_field():
    return serializers.DictField(
        child=serializers.CharField(),
        help_text="The category of each dimension it is broken down by; empty for the total.",
    )


class ValueSerializer(Answer):
    indicator = serializers.CharField(source="indicator.code")
    categories = serializers.SerializerMethodField()

    class Meta:
        model = DataValue
        fields = ["indicator", "categories", "numerator", "denominator", "value"]

    @extend_schema_field(categories_field())
    def get_categories(self, value) -> dict:
        return parse_cell_key(value.cell.key)


class SubmissionSerializer(Answer):
    organization = serializers.CharField(source="organization.code")
    period = serializers.CharField(source="period.code")

    class Meta:
        model = Submission
        fields = [
            "id",
            "organization",
            "period",
            "status",
            "review_comment",
            "created_at",
            "submitted_at",
            "reviewed_at",
        ]


class SubmissionDetailSerializer(SubmissionSerializer):
    values = ValueSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "values"]


class SubmissionCreateSerializer(serializers.Serializer):
    organization = serializers.CharField(
        required=False,
        help_text="The organization's code; partner tokens may leave it out (their own).",
    )
    period = serializers.CharField(
        max_length=ReportingPeriod._meta.get_field("code").max_length,
        help_text="A period code such as 2024-Q3.",
    )


def row_field():
    return serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text=(
            "One row of the values interchange format: indicator, period, organization, one "
            "column per dimension (blank for the total), numerator, denominator, value."
        ),
    )


class ValuesSerializer(serializers.Serializer):
    rows = serializers.ListField(
        child=row_field(),
        allow_empty=False,
        min_length=1,
        help_text="At most API_MAX_ROWS rows (200,000 unless configured otherwise).",
    )


class SubmissionValuesSerializer(serializers.Serializer):
    values = serializers.ListField(
        child=row_field(),
        allow_empty=False,
        min_length=1,
        help_text="Rows as for /values/, without organization and period: the submission's.",
    )


class ChangeCountsSerializer(serializers.Serializer):
    organization = serializers.CharField(help_text="The organization's code.")
    period = serializers.CharField(help_text="The period's code.")
    new = serializers.IntegerField(help_text="Values the submission does not hold yet.")
    changed = serializers.IntegerField(help_text="Values that would replace different ones.")
    unchanged = serializers.IntegerField(help_text="Values the submission holds already.")


class ImportChangesSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    organizations = ChangeCountsSerializer(many=True, help_text="Per organization and period.")


class DryRunSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        default=False,
        help_text="Check the values and say what they would change, without writing anything.",
    )


class ImportSerializer(serializers.Serializer):
    rows = serializers.IntegerField(help_text="Rows read.")
    changed = serializers.IntegerField(
        help_text="Values added or changed (a dry run: that would be added or changed)."
    )
    submissions = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Ids of the draft submissions written to (a dry run: those that exist).",
    )
    dry_run = serializers.BooleanField(help_text="Whether nothing was written.")
    changes = ImportChangesSerializer(
        allow_null=True,
        help_text="A dry run's values new, changed and unchanged; null when written.",
    )


# ---- Computed results ----


def _statistic_field(export: statistics.Export) -> serializers.Field:
    column = export.column
    if export.reason:
        # Only callers who may see small cells get it; for the others the key is absent.
        return serializers.ChoiceField(
            choices=[(c.value, c.value) for c in Suppression],
            allow_blank=True,
            required=False,
            help_text='Why the cell is hidden from restricted audiences ("" when published): '
            "group_size, small_count, contributors or secondary. Only for tokens that see "
            "small cells; absent for every other caller.",
        )
    if column.kind == statistics.ColumnKind.FLAG:
        return serializers.BooleanField()
    if column.kind == statistics.ColumnKind.KEY:
        return serializers.CharField(allow_blank=True)
    return serializers.FloatField(allow_null=True)


class ComputedResultSerializer(serializers.Serializer):
    """One computed figure as the caller may see it: for a suppressed cell every number is
    null and ``suppressed`` is true; a true zero is 0. A cell published as a coded range has
    a null ``value`` and its range in ``range_low`` and ``range_high``."""

    indicator = serializers.CharField()
    period = serializers.CharField()
    categories = categories_field()

    organizations_expected = serializers.IntegerField(
        allow_null=True,
        help_text="Organizations expected to report the indicator for the period: the "
        "reporting plan, or without one those who reported it then or the period before.",
    )
    organizations_reported = serializers.IntegerField(
        allow_null=True, help_text="Of them, those who submitted (approved or awaiting review)."
    )
    organizations_approved = serializers.IntegerField(
        allow_null=True, help_text="Of them, those approved: only approved data is computed."
    )
    provisional = serializers.BooleanField(
        help_text="True while the period's figure may still change: not every expected "
        "organization is approved, and neither the grace period nor backbone staff closed it."
    )

    def get_fields(self):
        # The statistics are those of the results file, declared in measurement.statistics.
        exported = {e.name: _statistic_field(e) for e in statistics.ALL_EXPORTS}
        fields = super().get_fields()
        completeness = {name: fields.pop(name) for name in statistics.COMPLETENESS_EXPORTS}
        return {**fields, **exported, **completeness}


class CellsAndPeopleSerializer(serializers.Serializer):
    cells = serializers.IntegerField(read_only=True)
    people = serializers.FloatField(read_only=True)


class DisclosureTablesSerializer(serializers.Serializer):
    total = serializers.IntegerField(read_only=True, help_text="Tables (indicator × period).")
    optimal = serializers.IntegerField(
        read_only=True, help_text="Tables whose pattern is proven to hide the fewest people."
    )
    time_limited = serializers.IntegerField(
        read_only=True, help_text="Safe patterns the time budget did not let the solver prove."
    )
    fallback = serializers.IntegerField(
        read_only=True, help_text="Tables protected by the greedy repair when time ran out."
    )


class DisclosureRestrictedSerializer(CellsAndPeopleSerializer):
    hidden = serializers.DictField(
        child=CellsAndPeopleSerializer(),
        read_only=True,
        help_text="By rule: group_size, small_count, contributors, secondary.",
    )
    ranged = CellsAndPeopleSerializer(read_only=True, help_text="Shown as coded ranges.")


class DisclosureSummarySerializer(serializers.Serializer):
    """What the run's disclosure control hid from restricted audiences (null until the run
    has succeeded)."""

    policy = DisclosureRulesSerializer(read_only=True, help_text="The policy the run applied.")
    tables = DisclosureTablesSerializer(read_only=True)
    restricted = DisclosureRestrictedSerializer(read_only=True)
    seconds = serializers.FloatField(read_only=True, help_text="Time spent protecting tables.")

    def to_representation(self, instance: dict) -> dict | None:
        return super().to_representation(instance) if instance else None


class ComputationRunSerializer(Answer):
    period = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    disclosure = DisclosureSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ComputationRun
        fields = [
            "id",
            "status",
            "period",
            "reason",
            "progress",
            "stage",
            "rows_in",
            "rows_out",
            "error",
            "disclosure",
            "created_at",
            "started_at",
            "finished_at",
        ]


class ComputationRunCreateSerializer(serializers.Serializer):
    period = serializers.CharField(
        required=False, help_text="Recompute one period only; leave out for everything."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200)
