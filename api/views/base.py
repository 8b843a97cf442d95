"""What every operation of the API builds on: methods declared, the initiative resolved
with the caller's permission, and the error responses the schema lists.
"""

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import MethodNotAllowed

from accounts.models import ApiToken
from api import serializers as s
from api.filters import DeclaredOrdering
from initiatives import roles
from initiatives.models import Initiative
from initiatives.roles import Perm


def _errors(*described_statuses: tuple[int, str]) -> dict:
    return {
        status: OpenApiResponse(s.ErrorSerializer, description=description)
        for status, description in described_statuses
    }


ERRORS = _errors(
    (400, "The request is not valid; nothing was changed."),
    (401, "No token or session, or the token is not valid."),
    (403, "Your role may not do this."),
    (404, "Not found, or not in this token's initiative; a page past the last one."),
    (405, "This address does not take this method; Allow lists those it takes."),
    (406, "The answer cannot be given in the type Accept asks for (JSON)."),
    (429, "Too many requests; wait the seconds Retry-After says and try again."),
    (500, "Something went wrong on our side; quote request_id when you report it."),
)
BODY_ERRORS = _errors(
    (413, "The body is larger than the server takes (API_MAX_BODY_BYTES)."),
    (415, "The body's Content-Type is not one this operation reads."),
)


def _header(name: str, kind, statuses, description: str, **more) -> OpenApiParameter:
    return OpenApiParameter(
        name, kind, OpenApiParameter.HEADER, response=statuses, description=description, **more
    )


# Response headers every operation may send.
HEADERS = [
    _header(
        "X-Request-ID",
        OpenApiTypes.STR,
        True,
        "What our logs know this request by (the same as an error's request_id).",
    ),
    _header("Retry-After", OpenApiTypes.INT, [429], "Seconds to wait before trying again."),
    _header("Allow", OpenApiTypes.STR, [405], "The methods this address takes."),
]
REPLAYED = _header(
    "Idempotent-Replayed",
    OpenApiTypes.STR,
    [200],
    "Sent, as true, when this is the stored answer to an earlier request with the same "
    "Idempotency-Key: nothing was written again.",
    enum=["true"],
)


def described(success: dict, **schema):
    """An operation as the schema describes it: its ``success`` answers by status beside the
    errors every operation may answer (and those of a body, when it takes one), the response
    headers it may send, and whatever else ``schema`` says of it (its request, its
    parameters)."""
    takes_body = schema.get("request") is not None
    parameters = [*schema.pop("parameters", []), *HEADERS]
    if any(parameter.name == "Idempotency-Key" for parameter in parameters):
        parameters.append(REPLAYED)
    return extend_schema(
        responses={**success, **ERRORS, **(BODY_ERRORS if takes_body else {})},
        parameters=parameters,
        **schema,
    )


# ---- Methods, and resolving the initiative ----


class DeclaredMethods:
    """Every API view starts here: a method the view does not implement is refused with 405
    and an ``Allow`` header before anything else runs — authentication, throttles, the
    caller's role — so no view's own checks ever see a method it does not know."""

    def initial(self, request, *args, **kwargs):
        if request.method.upper() not in self.allowed_methods:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


def initiative_for(request, slug: str, perm: Perm) -> Initiative:
    """The initiative, if the caller may ``perm`` in it: 404 for non-members and for other
    initiatives than the token's, 403 for members without the permission."""
    initiative = get_object_or_404(Initiative, slug=slug)
    if isinstance(request.auth, ApiToken) and request.auth.initiative_id != initiative.pk:
        raise Http404
    roles.require(request.user, initiative, perm)
    return initiative


class InitiativeView(DeclaredMethods, generics.GenericAPIView):
    """Every operation under /initiatives/{slug}/. ``permissions`` maps each method the view
    implements to what the caller must be allowed in the initiative; HEAD is checked as GET,
    and OPTIONS (which only describes the operation) needs membership."""

    permissions: dict[str, Perm] = {"GET": Perm.VIEW_DASHBOARDS}
    initiative: Initiative

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        implemented = {m.upper() for m in cls.http_method_names if hasattr(cls, m)}
        missing = implemented - {"HEAD", "OPTIONS"} - set(cls.permissions)
        if missing:
            raise ImproperlyConfigured(
                f"{cls.__name__} implements {', '.join(sorted(missing))} without a permission."
            )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.initiative = initiative_for(request, kwargs["slug"], self.permission_for(request))

    def permission_for(self, request) -> Perm:
        if request.method == "OPTIONS":
            return Perm.VIEW_DASHBOARDS
        return self.permissions["GET" if request.method == "HEAD" else request.method]

    def body(self, serializer_class) -> dict:
        """What the request's body says, as ``serializer_class`` checks it (a 400 with its
        errors if it is not valid)."""
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class InitiativeListView(InitiativeView, generics.ListAPIView):
    # A list under /initiatives/{slug}/. Its GET is described as a page of serializer_class;
    # its queryset, empty, only tells the schema which model the filters and orderings are
    # over (the serializer's, unless the view names one): the records themselves come from
    # get_queryset, through the apps' selectors. (A comment, not a docstring: the schema
    # describes a list without a docstring of its own by its base's.)

    filter_backends = [DjangoFilterBackend, DeclaredOrdering]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("queryset") is None:
            cls.queryset = cls.serializer_class.Meta.model.objects.none()
        if "get" not in cls.__dict__:
            cls.get = _described_list(cls.serializer_class)


def _described_list(serializer):
    """The GET of a list view, described in the schema as a page of ``serializer``."""

    @described({200: serializer(many=True)})
    def get(self, request, *args, **kwargs):
        return generics.ListAPIView.get(self, request, *args, **kwargs)

    return get
