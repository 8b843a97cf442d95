from django import forms
from django.utils.translation import gettext_lazy as _

from measurement.engine import MAX_DIMENSIONS
from measurement.models import Category, Dimension, Indicator, ReportingPeriod, Target
from measurement.selectors import cell_label
from measurement.validation import reported_fields, value_errors


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
    """One input per disaggregation cell and number, with the same rules as every other way
    of reporting (measurement.validation). Blank cells are "not reported"."""

    def __init__(self, *args, indicator, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.rows = rows
        self.number_fields = reported_fields(indicator.kind)
        for row in rows:
            for name in self.number_fields:
                field_name = self.field_name(row.cell.pk, name)
                self.fields[field_name] = forms.FloatField(
                    label=f"{row.label} — {FIELD_LABELS[name]}",
                    required=False,
                    initial=_whole(getattr(row, name)),
                    widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                )

    @staticmethod
    def field_name(cell_id: int, number: str) -> str:
        return f"cell_{cell_id}_{number}"

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            numbers = {n: cleaned.get(self.field_name(row.cell.pk, n)) for n in self.number_fields}
            for name, message in value_errors(self.indicator.kind, **numbers).items():
                self.add_error(self.field_name(row.cell.pk, name), message)
        return cleaned

    def values_by_cell(self) -> dict[int, dict[str, float | None]]:
        return {
            row.cell.pk: {
                n: self.cleaned_data.get(self.field_name(row.cell.pk, n))
                for n in self.number_fields
            }
            for row in self.rows
        }

    def grid(self):
        """Rows of bound fields for the template: (label, [bound field per number])."""
        return [
            (row.label, [self[self.field_name(row.cell.pk, n)] for n in self.number_fields])
            for row in self.rows
        ]

    def column_labels(self):
        return [FIELD_LABELS[n] for n in self.number_fields]


def _whole(number: float | None):
    # Show 12 rather than 12.0 for counts that were stored as floats.
    if number is not None and float(number).is_integer():
        return int(number)
    return number


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 3})
    )


# ---- Definitions (backbone staff) ----

TRANSLATED = ("en", "he", "ar")


def _translated(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in TRANSLATED]


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["code", *_translated("name"), "overlapping", "order"]
        help_texts = {"code": _("Short and stable: files and the API use it.")}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["code", *_translated("name"), "is_reference", "is_unknown", "order"]


class BaseCategoryFormSet(forms.BaseInlineFormSet):
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
        fields = [
            "code",
            *_translated("name"),
            *_translated("definition"),
            "result",
            "kind",
            "unit",
            "scale",
            "direction",
            "frequency",
            "data_source",
            "rba_type",
            "dimensions",
            "baseline_period",
            "baseline_value",
            "is_active",
            "order",
        ]
        widgets = {
            "dimensions": forms.CheckboxSelectMultiple,
            **{f: forms.Textarea(attrs={"rows": 2}) for f in _translated("definition")},
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
    class Meta:
        model = Target
        fields = ["period", "cell", "value"]


class BaseTargetFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, initiative, groups, **kwargs):
        super().__init__(*args, **kwargs)
        for form in [*self.forms, self.empty_form]:
            form.fields["period"].queryset = ReportingPeriod.objects.filter(
                initiative=initiative
            ).order_by("start")
            form.fields["cell"].queryset = groups
            form.fields["cell"].label_from_instance = target_group_label


def target_group_label(cell) -> str:
    return cell_label(cell) if cell.key else str(_("Everyone (universal goal)"))


TargetFormSet = forms.inlineformset_factory(
    Indicator,
    Target,
    form=TargetForm,
    formset=BaseTargetFormSet,
    extra=2,
    can_delete=True,
)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["code", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"code": _("2024, 2024-Q3, 2024-09, or 2024-25 for a school year.")}
