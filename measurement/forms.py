from django import forms
from django.utils.translation import gettext_lazy as _

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
