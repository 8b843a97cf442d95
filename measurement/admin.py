from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from measurement.models import (
    Category,
    Cell,
    ComputationRun,
    ComputedResult,
    DataValue,
    Dimension,
    Indicator,
    ReportingPeriod,
    Submission,
)
from measurement.services.definitions import INDICATOR_BASELINE_FIELDS, INDICATOR_DEFINITION_FIELDS


class CategoryInline(TranslationTabularInline):
    model = Category
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(TranslationAdmin):
    list_display = ["name", "code", "initiative", "overlapping"]
    # In reading order (the model lists code and order first).
    fields = ["initiative", "code", "name", "description", "overlapping", "order"]
    list_filter = ["initiative"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "code", "dimension", "is_reference", "is_unknown"]
    list_filter = ["dimension__initiative", "dimension"]


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["code", "name", "initiative", "kind", "direction", "is_active"]
    # As the indicator form has them (the model lists code and order first).
    fields = ["initiative", *INDICATOR_DEFINITION_FIELDS, "dimensions", *INDICATOR_BASELINE_FIELDS]
    list_filter = ["initiative", "kind", "rba_type"]
    search_fields = ["code", "name"]
    filter_horizontal = ["dimensions"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "initiative", "kind", "start", "end", "due_date"]
    list_filter = ["initiative", "kind"]


@admin.register(Cell)
class CellAdmin(admin.ModelAdmin):
    list_display = ["key", "dimension_set", "initiative"]
    list_filter = ["initiative"]
    search_fields = ["key"]


class DataValueInline(admin.TabularInline):
    model = DataValue
    extra = 0
    raw_id_fields = ["cell"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["organization", "period", "initiative", "status", "submitted_at"]
    list_filter = ["initiative", "status"]
    inlines = [DataValueInline]


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    list_display = ["submission", "indicator", "cell", "numerator", "denominator", "value"]
    list_filter = ["indicator__initiative"]
    raw_id_fields = ["submission", "cell"]


@admin.register(ComputationRun)
class ComputationRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "initiative", "period", "status", "rows_in", "rows_out", "created_at"]
    list_filter = ["initiative", "status"]


@admin.register(ComputedResult)
class ComputedResultAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "cell", "organization", "value", "suppression"]
    list_filter = ["initiative", "suppression"]
    raw_id_fields = ["cell", "run"]
