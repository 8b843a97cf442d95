"""Query filters (django-filter) and orderings for the API's lists."""

import django_filters
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from measurement.choices import SubmissionStatus
from measurement.models import ComputedResult, Indicator, Submission


class IndicatorFilter(django_filters.FilterSet):
    result = django_filters.CharFilter(field_name="result__code", help_text="A result's code.")

    class Meta:
        model = Indicator
        fields = ["result", "kind", "rba_type"]


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)
    period = django_filters.CharFilter(field_name="period__code", help_text="A period code.")
    organization = django_filters.CharFilter(
        field_name="organization__code", help_text="An organization's code."
    )

    class Meta:
        model = Submission
        fields = ["status", "period", "organization"]


class ComputedResultFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(
        field_name="indicator__code", help_text="An indicator's code."
    )
    period = django_filters.CharFilter(field_name="period__code", help_text="A period code.")
    dimension = django_filters.CharFilter(
        method="filter_dimension",
        help_text=(
            'Rows broken down by exactly these dimensions, joined by ";" in any order '
            '("sector", "gender;sector"); "total" for the totals.'
        ),
    )

    class Meta:
        model = ComputedResult
        fields = ["indicator", "period", "dimension"]

    def filter_dimension(self, queryset, name, value):
        if value == "total":
            return queryset.filter(cell__dimension_set="")
        codes = sorted({code.strip() for code in value.split(";") if code.strip()})
        return queryset.filter(cell__dimension_set=";".join(codes))


class DeclaredOrdering(OrderingFilter):
    """``?ordering=`` over the fields a list declares in ``ordering_fields``, each either way
    (``-code``), several joined by commas. Any other field is refused with a 400 rather than
    ignored, or tried on the database; a list that declares none keeps its one fixed order
    and takes no ordering at all. The schema lists the choices as an enum."""

    def get_valid_fields(self, queryset, view, context=None):
        return [(field, field) for field in getattr(view, "ordering_fields", None) or ()]

    def get_ordering(self, request, queryset, view):
        terms = [
            term.strip()
            for term in request.query_params.get(self.ordering_param, "").split(",")
            if term.strip()
        ]
        if not terms:  # absent, or an empty list: the list's own order
            return self.get_default_ordering(view)
        allowed = self.choices(view)
        refused = [term for term in terms if term not in allowed]
        if refused:
            raise ValidationError({self.ordering_param: [self.refusal(refused, allowed)]})
        return terms

    def choices(self, view) -> list[str]:
        fields = [field for field, _label in self.get_valid_fields(None, view)]
        return [name for field in fields for name in (field, f"-{field}")]

    @staticmethod
    def refusal(refused: list[str], allowed: list[str]) -> str:
        if not allowed:
            return _("This list has one fixed order and cannot be ordered.")
        return _("Cannot order by %(refused)s; choose from %(allowed)s.") % {
            "refused": ", ".join(refused),
            "allowed": ", ".join(allowed),
        }

    def get_schema_operation_parameters(self, view):
        allowed = self.choices(view)
        if not allowed:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "Fields to order by, joined by commas; a leading minus sign reverses one."
                ),
                "schema": {"type": "array", "items": {"type": "string", "enum": allowed}},
                "style": "form",
                "explode": False,
            }
        ]
