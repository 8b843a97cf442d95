"""Query filters (django-filter) for the API's lists."""

import django_filters

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
            "Rows broken down by exactly these dimensions, in alphabetical order joined by "
            '";" ("sector", "gender;sector"); "total" for the totals.'
        ),
    )

    class Meta:
        model = ComputedResult
        fields = ["indicator", "period", "dimension"]

    def filter_dimension(self, queryset, name, value):
        return queryset.filter(cell__dimension_set="" if value == "total" else value)
