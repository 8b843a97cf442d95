from typing import cast

from django import forms
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.translation import translated_fields
from initiatives.models import Initiative
from initiatives.selectors import partner_organizations
from measurement.choices import Frequency, IndicatorKind, MatrixStatus, PeriodKind
from measurement.datafiles import MAX_BYTES
from measurement.definition_templates import TEMPLATES
from measurement.disclosure import Policy, SmallCount
from measurement.engine import MAX_DIMENSIONS
from measurement.models import (
    Category,
    Dimension,
    Indicator,
    ReportingPeriod,
    Target,
    ValueRule,
)
from measurement.models.share_links import parse_origins
from measurement.selectors import cell_label
from measurement.selectors.disclosure import policy_as_set
from measurement.services.definitions import (
    INDICATOR_BASELINE_FIELDS,
    INDICATOR_DEFINITION_FIELDS,
    MAX_DUE_DAYS,
    MAX_GENERATED_PERIODS,
)
from measurement.services.disclosure import MAX_PROTECTION_LEVEL, POLICY_FIELDS
from measurement.services.setup import (
    FROM_INITIATIVE,
    FROM_TEMPLATE,
    Definitions,
    definitions_from_file,
    definitions_from_source,
)
from measurement.validation import (
    ADDITIVE,
    consistency_errors,
    reported_fields,
    usable,
    value_errors,
)


class SubmissionStartForm(forms.Form):
    """Choose the period (and, for backbone staff entering on a partner's behalf, the
    organization) to report for."""

    period = forms.ModelChoiceField(label=_("Reporting period"), queryset=None)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)

    def __init__(self, *args, periods, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
            self.fields["organization"].widget = forms.HiddenInput()


FIELD_LABELS = {
    "numerator": _("Numerator"),
    "denominator": _("Denominator"),
    "value": _("Value"),
}


class IndicatorValuesForm(forms.Form):
    """One input per disaggregation cell and number, block by block (the total, each
    dimension, the full breakdown), with the same rules as every other way of reporting
    (measurement.validation). Blank cells are "not reported"."""

    def __init__(self, *args, indicator, sections, breakdown, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.sections = sections
        self.breakdown = breakdown
        self.number_fields = reported_fields(indicator.kind)
        for _section, rows in sections:
            for row in rows:
                for name in self.number_fields:
                    self.fields[self.field_name(row.cell.pk, name)] = forms.FloatField(
                        label=f"{row.label} — {FIELD_LABELS[name]}",
                        required=False,
                        initial=_whole(getattr(row, name)),
                        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                    )

    @staticmethod
    def field_name(cell_id: int, number: str) -> str:
        return f"cell_{cell_id}_{number}"

    def _rows(self):
        return [row for _section, rows in self.sections for row in rows]

    def clean(self):
        cleaned = super().clean()
        numbers = {}
        for row in self._rows():
            cell_numbers = {
                n: cleaned.get(self.field_name(row.cell.pk, n)) for n in self.number_fields
            }
            for name, message in value_errors(self.indicator.kind, **cell_numbers).items():
                self.add_error(self.field_name(row.cell.pk, name), message)
            if any(v is not None for v in cell_numbers.values()):
                numbers[row.cell.key] = cell_numbers
        if not self.errors:
            self._add_consistency_errors(numbers)
        return cleaned

    def _add_consistency_errors(self, numbers) -> None:
        by_key = {row.cell.key: row.cell.pk for row in self._rows()}
        dimensions, labels = self.breakdown
        for key, message in consistency_errors(
            self.indicator.kind, numbers, dimensions, labels
        ).items():
            self.add_error(self.field_name(by_key[key], self.number_fields[-1]), message)

    def values_by_cell(self) -> dict[int, dict[str, float | None]]:
        return {
            row.cell.pk: {
                n: self.cleaned_data.get(self.field_name(row.cell.pk, n))
                for n in self.number_fields
            }
            for row in self._rows()
        }

    def grid(self):
        """Blocks of rows of bound fields: (title, [(label, [bound field per number])])."""
        return [
            (
                section.title,
                [
                    (row.label, [self[self.field_name(row.cell.pk, n)] for n in self.number_fields])
                    for row in rows
                ],
            )
            for section, rows in self.sections
        ]

    def column_labels(self):
        return [FIELD_LABELS[n] for n in self.number_fields]

    def _shown(self, name: str) -> float | None:
        """The number in a field as the page shows it: what was typed, or on first load what
        was saved."""
        if self.is_bound:
            return _number_or_none(self.data.get(self.add_prefix(name)))
        initial = self.fields[name].initial
        return None if initial is None else float(initial)

    def running_totals(self, rule_check=None):
        """What the partner typed so far, block by block, without saving: the sums of the
        numbers that add up, any totals that disagree, and what the initiative's rules say
        (``rule_check(numbers)``: numbers by cell key → rule issues). Lenient — a cell that
        is not a number yet is skipped — because it runs as they type."""
        additive = ADDITIVE[IndicatorKind(self.indicator.kind)]
        numbers = {}
        for row in self._rows():
            typed = {n: self._shown(self.field_name(row.cell.pk, n)) for n in self.number_fields}
            if any(v is not None for v in typed.values()):
                numbers[row.cell.key] = typed
        blocks = []
        for section, rows in self.sections:
            filled = [numbers[r.cell.key] for r in rows if r.cell.key in numbers]
            blocks.append(
                {
                    "title": section.title,
                    "filled": len(filled),
                    "cells": len(rows),
                    "sums": [(FIELD_LABELS[f], sum(n[f] or 0 for n in filled)) for f in additive],
                }
            )
        dimensions, labels = self.breakdown
        problems = consistency_errors(self.indicator.kind, numbers, dimensions, labels)
        return {
            "blocks": blocks,
            "problems": list(problems.values()),
            "rules": rule_check(numbers) if rule_check else [],
        }


def _number_or_none(text):
    """What was typed as a number, or None while it is not one that can be stored: Python
    reads "inf", "nan" and "1e308" as floats, and running totals must not add them up."""
    try:
        number = float(text) if text not in (None, "") else None
    except ValueError:
        return None
    return number if usable(number) else None


def _whole(number: float | None):
    # Show 12 rather than 12.0 for counts that were stored as floats.
    if number is not None and float(number).is_integer():
        return int(number)
    return number


# ---- Definitions (backbone staff) ----


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["code", *translated_fields("name"), "overlapping", "order"]
        help_texts = {"code": _("Short and stable: files and the API use it.")}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["code", *translated_fields("name"), "is_reference", "is_unknown", "order"]


class BaseCategoryFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial_extra:
            # Rows filled in beforehand (a dimension from the library), with room for one more.
            self.extra = len(self.initial_extra) + 1

    def clean(self):
        super().clean()
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise forms.ValidationError(_("A dimension needs at least one category."))
        codes = [c["code"] for c in kept]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError(_("Two categories have the same code."))
        if sum(c["is_reference"] for c in kept) > 1:
            raise forms.ValidationError(_("Only one category can be the reference group."))
        if sum(c["is_unknown"] for c in kept) > 1:
            raise forms.ValidationError(_("Only one category can stand for unknown."))
        if any(c["is_reference"] and c["is_unknown"] for c in kept):
            raise forms.ValidationError(_("The unknown category cannot be the reference."))


CategoryFormSet = forms.inlineformset_factory(
    Dimension,
    Category,
    form=CategoryForm,
    formset=BaseCategoryFormSet,
    extra=3,
    can_delete=True,
)


SCALE_CHOICES = [
    (1, _("per 1")),
    (100, _("per 100 (percent)")),
    (1000, _("per 1,000")),
    (100000, _("per 100,000")),
]


class IndicatorForm(forms.ModelForm):
    scale = forms.TypedChoiceField(label=_("Scale"), choices=SCALE_CHOICES, coerce=int, initial=100)

    class Meta:
        model = Indicator
        # The dimensions (many-to-many, set after saving) between the definition and the baseline.
        fields = [*INDICATOR_DEFINITION_FIELDS, "dimensions", *INDICATOR_BASELINE_FIELDS]
        widgets = {
            "dimensions": forms.CheckboxSelectMultiple,
            **{f: forms.Textarea(attrs={"rows": 2}) for f in translated_fields("definition")},
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = initiative.results.all()
        self.fields["dimensions"].queryset = initiative.dimensions.all()
        self.fields["baseline_period"].queryset = ReportingPeriod.objects.filter(
            initiative=initiative
        ).order_by("start")

    def clean_dimensions(self):
        dimensions = self.cleaned_data["dimensions"]
        if len(dimensions) > MAX_DIMENSIONS:
            raise forms.ValidationError(
                _("At most %(count)s dimensions per indicator.") % {"count": MAX_DIMENSIONS}
            )
        return dimensions


class TargetForm(forms.ModelForm):
    """A target by a period for everyone (the group left empty) or for one group, named by its
    cell key: a new indicator's groups have no cells until it is saved
    (``selectors.target_groups``; the service finds the cell)."""

    group = forms.ChoiceField(label=_("Group"), required=False)
    field_order = ["period", "group", "value"]

    class Meta:
        model = Target
        fields = ["period", "value"]

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("Everyone (universal goal)")), *groups]
        if self.instance.pk:
            self.initial.setdefault("group", self.instance.cell.key)


class BaseTargetFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, initiative, groups, **kwargs):
        self.groups = groups
        kwargs.setdefault("queryset", Target.objects.select_related("cell"))
        super().__init__(*args, **kwargs)
        periods = ReportingPeriod.objects.filter(initiative=initiative).order_by("start")
        for form in [*self.forms, self.empty_form]:
            form.fields["period"].queryset = periods

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "groups": self.groups}

    def clean(self):
        super().clean()
        kept = [
            (f.cleaned_data["period"], f.cleaned_data.get("group") or "")
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(kept) != len(set(kept)):
            raise forms.ValidationError(_("Two targets are for the same group and period."))


TargetFormSet = forms.inlineformset_factory(
    Indicator,
    Target,
    form=TargetForm,
    formset=BaseTargetFormSet,
    extra=2,
    can_delete=True,
)


class ValueRuleForm(forms.ModelForm):
    class Meta:
        model = ValueRule
        fields = ["kind", "severity", "low", "high", "other"]


class BaseValueRuleFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Indicator.objects.filter(initiative=self.instance.initiative).exclude(
            pk=self.instance.pk
        )
        for form in [*self.forms, self.empty_form]:
            form.fields["other"].queryset = others


ValueRuleFormSet = forms.inlineformset_factory(
    Indicator,
    ValueRule,
    form=ValueRuleForm,
    formset=BaseValueRuleFormSet,
    fk_name="indicator",
    extra=1,
    can_delete=True,
)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["code", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"code": _("2024, 2024-Q3, 2024-09, or 2024-25 for a school year.")}


class PeriodGenerateForm(forms.Form):
    """A run of reporting periods: how often, from which one, how many, and when each one's
    data is due (``services.periods_generate``)."""

    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    first = forms.CharField(
        label=_("First period"),
        max_length=10,
        help_text=_(
            "Its code (2025, 2025-26, 2025-Q1, 2025-01), or a date in it such as 2025-01-15."
        ),
    )
    count = forms.IntegerField(
        label=_("How many periods"), min_value=1, max_value=MAX_GENERATED_PERIODS, initial=4
    )
    due_days = forms.IntegerField(
        label=_("Data due (days after each period ends)"),
        min_value=0,
        max_value=MAX_DUE_DAYS,
        required=False,
        initial=30,
        help_text=_("Leave empty for no due date: data is then due when the period ends."),
    )


# ---- Reporting workflow ----


class AssignmentForm(forms.Form):
    """For one organization: which indicators it reports, and how often."""

    def __init__(self, *args, indicators, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        current = {a.indicator_id: a.frequency for a in assignments}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"reports_{indicator.pk}"] = forms.BooleanField(
                label=indicator.name, required=False, initial=indicator.pk in current
            )
            self.fields[f"frequency_{indicator.pk}"] = forms.ChoiceField(
                label=_("How often"),
                choices=Frequency.choices,
                initial=current.get(indicator.pk, indicator.frequency),
            )

    def rows(self):
        return [
            (indicator, self[f"reports_{indicator.pk}"], self[f"frequency_{indicator.pk}"])
            for indicator in self.indicators
        ]

    def frequencies(self) -> dict:
        return {
            indicator: self.cleaned_data[f"frequency_{indicator.pk}"]
            for indicator in self.indicators
            if self.cleaned_data.get(f"reports_{indicator.pk}")
        }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, Windows-1255 or Windows-1256) or XLSX, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
            self.fields["organization"].widget = forms.HiddenInput()

    def clean_file(self):
        upload = refuse_too_large(self.cleaned_data["file"])
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Send a .csv or .xlsx file."))
        return upload


def refuse_too_large(upload):
    """The uploaded file, unless it is larger than uploads may be."""
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    return upload


def offer_categories(field: forms.ModelChoiceField, *, initiative) -> None:
    """Let ``field`` choose among the initiative's categories, each named with its dimension
    ("Gender: Female") and listed dimension by dimension."""
    field.queryset = (
        Category.objects.filter(dimension__initiative=initiative)
        .select_related("dimension")
        .order_by("dimension__order", "order")
    )
    field.label_from_instance = lambda c: f"{c.dimension.name}: {c.name}"


class CrosswalkForm(forms.Form):
    source_code = forms.CharField(label=_("How your files write it"), max_length=120)
    category = forms.ModelChoiceField(label=_("Means"), queryset=None)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        offer_categories(self.fields["category"], initiative=initiative)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    indicator = forms.ModelChoiceField(
        label=_("About"), queryset=None, required=False, empty_label=_("The whole submission")
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = initiative.indicators.filter(is_active=True)


class ValueCommentForm(CommentForm):
    """A comment on one group's numbers of an indicator, or on the indicator as a whole: how
    a partner explains a value a rule warns about, and how a reviewer asks about it."""

    cell = forms.ModelChoiceField(
        label=_("Group"), queryset=None, required=False, empty_label=_("The whole indicator")
    )

    def __init__(self, *args, initiative, cell_ids=None, **kwargs):
        super().__init__(*args, initiative=initiative, **kwargs)
        cells = initiative.cells.order_by("dimension_set", "key").prefetch_related(
            Prefetch("categories", queryset=Category.objects.select_related("dimension"))
        )
        self.fields["cell"].queryset = cells.filter(pk__in=cell_ids) if cell_ids else cells
        self.fields["cell"].label_from_instance = cell_label


class ReturnForm(CommentForm):
    """Returning a submission takes a comment that says what to fix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("What needs to change")


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must the approved data change?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CompletenessRuleForm(forms.ModelForm):
    """When a period's figures become final without being closed."""

    class Meta:
        model = Initiative
        fields = ["final_grace_days", "final_min_share"]


class PeriodCloseForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is final"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown with the figures, e.g. “South Clinic closed for the quarter”."),
    )


class MatrixFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *MatrixStatus.choices]
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=None, required=False, empty_label=_("All")
    )
    period_kind = forms.ChoiceField(
        label=_("Periods"), required=False, choices=[("", _("All")), *PeriodKind.choices]
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = partner_organizations(initiative=initiative)


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Who it is for"),
        max_length=200,
        help_text=_("For your own records, e.g. “Galilee Children's Fund board”."),
    )
    days = forms.IntegerField(label=_("Works for (days)"), min_value=1, max_value=365, initial=30)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to share every indicator."),
    )
    embed_origins = forms.CharField(
        label=_("Websites that may show it in a frame"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr", "spellcheck": "false"}),
        help_text=_(
            "Their addresses, one a line, e.g. https://funder.example.org. Only these sites may "
            "show the scorecard or a chart on their own pages. Leave empty if none should."
        ),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = initiative.indicators.filter(is_active=True)

    def clean_embed_origins(self) -> str:
        return "\n".join(parse_origins(self.cleaned_data["embed_origins"]))


class ShareLinkSitesForm(forms.Form):
    """The sites of a link that already works (``services.share_link_sites_change``)."""

    embed_origins = ShareLinkForm.base_fields["embed_origins"]
    clean_embed_origins = ShareLinkForm.clean_embed_origins


# ---- Disclosure policy ----


def _initiative_field(name: str, **options) -> forms.Field:
    """The form field of one of the initiative's fields: its label, help text and limits."""
    field = cast(models.Field, Initiative._meta.get_field(name)).formfield(**options)
    assert field is not None
    return field


class DisclosurePolicyForm(forms.Form):
    """The initiative's disclosure policy, field by field as the initiative stores it (so that
    the service's refusals land beside the rule they name). Not a ModelForm: validating one
    would change the initiative before the service decides whether anything changed."""

    suppression_threshold = _initiative_field("suppression_threshold", min_value=1)
    disclosure_min_count = _initiative_field("disclosure_min_count", min_value=1)
    disclosure_small_count = _initiative_field("disclosure_small_count", widget=forms.RadioSelect)
    disclosure_min_contributors = _initiative_field("disclosure_min_contributors", min_value=1)
    disclosure_protection_level = _initiative_field(
        "disclosure_protection_level", max_value=MAX_PROTECTION_LEVEL
    )

    def __init__(self, *args, policy: Policy, **kwargs):
        as_set = policy_as_set(policy)
        kwargs["initial"] = {field: as_set[rule] for rule, field in POLICY_FIELDS.items()}
        super().__init__(*args, **kwargs)

    def policy(self) -> Policy:
        data = self.cleaned_data
        rules = {rule: data[field] for rule, field in POLICY_FIELDS.items()}
        return Policy(**{**rules, "small_count": SmallCount(rules["small_count"])})


# ---- Where an initiative's definitions come from ----


class DefinitionsSourceForm(forms.Form):
    """A shipped template, a copy of another initiative the person manages, or a
    definitions file (docs/formats.md): what an initiative starts from or loads later."""

    start_from = forms.ChoiceField(label=_("Start from"), required=False)
    definitions_file = forms.FileField(
        label=_("Or a definitions file"),
        required=False,
        help_text=_(
            "A JSON file in the format of import_definitions and export_definitions "
            "(docs/formats.md). Records are matched by code: loading again updates them."
        ),
    )

    def __init__(self, *args, user, initiatives, require_source: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_source = require_source
        self.fields["start_from"].choices = [
            ("", _("Nothing yet: define everything yourself")),
            *[
                (FROM_TEMPLATE + template.key, _("Template: %(name)s") % {"name": template.name})
                for template in TEMPLATES
            ],
            *[
                (FROM_INITIATIVE + other.slug, _("A copy of %(name)s") % {"name": other.name})
                for other in initiatives
            ],
        ]

    def clean_definitions_file(self):
        upload = self.cleaned_data.get("definitions_file")
        return refuse_too_large(upload) if upload else upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_from") and cleaned.get("definitions_file"):
            raise forms.ValidationError(
                _("Choose a template or a copy, or upload a file: not both.")
            )
        chosen = cleaned.get("start_from") or cleaned.get("definitions_file")
        if self.require_source and not chosen:
            raise forms.ValidationError(_("Choose a template or a copy, or upload a file."))
        return cleaned

    def definitions(self, actor) -> Definitions | None:
        """What the person chose, read (a file) or gathered (a template, a copy). Raises
        DefinitionsError or ValidationError with what is wrong."""
        upload = self.cleaned_data.get("definitions_file")
        if upload:
            return definitions_from_file(upload.read())
        return definitions_from_source(actor=actor, source=self.cleaned_data.get("start_from", ""))
