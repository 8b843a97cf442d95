"""Pages of the API's lists: ``?page=2&page_size=500``, 100 rows a page unless asked, at most
5,000. A page number or size that is not a positive whole number is refused (400); a page past
the last one is a 404 with its own code, ``page_out_of_range``, never the ``not_found`` of a
missing initiative or record."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class PageOutOfRange(APIException):
    status_code = 404
    default_code = "page_out_of_range"
    default_detail = gettext_lazy("There is no page with this number: the list has fewer pages.")


def _positive_whole_number(request, name: str) -> int | None:
    asked = request.query_params.get(name)
    if asked is None:
        return None
    if not (asked.isascii() and asked.isdigit()) or int(asked) < 1:
        raise ValidationError({name: [_("Give a whole number from 1 up.")]})
    return int(asked)


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 5000

    def get_page_size(self, request) -> int:
        asked = _positive_whole_number(request, self.page_size_query_param)
        return self.page_size if asked is None else min(asked, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_whole_number(request, self.page_query_param)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as missing:
            raise PageOutOfRange from missing

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        # Every page carries all four; next and previous are null at the ends.
        described["required"] = ["count", "next", "previous", "results"]
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
