"""The REST API, version 1. One view per operation; permissions from initiatives.roles and
records from the same selectors and services as the pages, so the API is exactly as safe as
they are."""

import hashlib
import json

import pandas as pd
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics, status
from rest_framework.exceptions import MethodNotAllowed, NotFound, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiToken
from api import serializers as s
from api.exceptions import RowsInvalid
from api.filters import ComputedResultFilter, IndicatorFilter, SubmissionFilter
from api.models import IdempotentRequest
from api.parsers import CsvParser, JsonParser
from initiatives import roles
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, Partnership, Result
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.datafiles import read_table
from measurement.models import (
    ComputationRun,
    Dimension,
    Indicator,
    IndicatorResult,
    ReportingPeriod,
    Submission,
)

ERRORS = {
    code: OpenApiResponse(s.ErrorSerializer, description=description)
    for code, description in (
        (400, "The request is not valid; nothing was changed."),
        (401, "No token or session, or the token is not valid."),
        (403, "Your role may not do this."),
        (404, "Not found, or not in this token's initiative."),
        (429, "Too many requests; wait and try again."),
    )
}


def _responses(success: dict) -> dict:
    return {**success, **ERRORS}


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


class InitiativeListView(InitiativeView, generics.ListAPIView):
    filter_backends = [DjangoFilterBackend, OrderingFilter]


# ---- Initiatives and definitions ----


class InitiativeList(DeclaredMethods, generics.ListAPIView):
    """The initiatives you belong to (a token: its own initiative only)."""

    serializer_class = s.InitiativeSerializer

    def get_queryset(self):
        initiatives = initiative_selectors.initiative_list(user=self.request.user)
        if isinstance(self.request.auth, ApiToken):
            initiatives = initiatives.filter(pk=self.request.auth.initiative_id)
        return initiatives.order_by("slug")

    @extend_schema(responses=_responses({200: s.InitiativeSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InitiativeDetail(InitiativeView):
    serializer_class = s.InitiativeSerializer

    @extend_schema(responses=_responses({200: s.InitiativeSerializer}))
    def get(self, request, slug):
        return Response(self.get_serializer(self.initiative).data)


class ResultList(InitiativeListView):
    """The results of the common agenda, with the indicators that measure each."""

    queryset = Result.objects.none()  # for the schema; see get_queryset
    serializer_class = s.ResultSerializer
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return initiative_selectors.result_list(initiative=self.initiative).order_by(
            "order", "code"
        )

    @extend_schema(responses=_responses({200: s.ResultSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OrganizationList(InitiativeListView):
    """The organizations taking part: partners, funders, the backbone."""

    queryset = Partnership.objects.none()  # for the schema; see get_queryset
    serializer_class = s.OrganizationSerializer
    ordering_fields = ["organization__code", "organization__name"]

    def get_queryset(self):
        return self.initiative.partnerships.select_related("organization").order_by(
            "organization__code"
        )

    @extend_schema(responses=_responses({200: s.OrganizationSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DimensionList(InitiativeListView):
    """Dimensions with their categories, in order."""

    queryset = Dimension.objects.none()  # for the schema; see get_queryset
    serializer_class = s.DimensionSerializer
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return self.initiative.dimensions.prefetch_related("categories").order_by("order", "code")

    @extend_schema(responses=_responses({200: s.DimensionSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class IndicatorList(InitiativeListView):
    queryset = Indicator.objects.none()  # for the schema; see get_queryset
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return (
            selectors.indicator_list(initiative=self.initiative)
            .select_related("baseline_period")
            .prefetch_related("dimensions")
            .order_by("order", "code")
        )

    @extend_schema(responses=_responses({200: s.IndicatorSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class IndicatorDetail(InitiativeView):
    serializer_class = s.IndicatorSerializer

    @extend_schema(responses=_responses({200: s.IndicatorSerializer}))
    def get(self, request, slug, code):
        indicator = selectors.indicator_get(initiative=self.initiative, code=code)
        return Response(self.get_serializer(indicator).data)


class PeriodList(InitiativeListView):
    queryset = ReportingPeriod.objects.none()  # for the schema; see get_queryset
    serializer_class = s.PeriodSerializer
    ordering_fields = ["start", "code"]

    def get_queryset(self):
        return selectors.period_list(initiative=self.initiative)

    @extend_schema(responses=_responses({200: s.PeriodSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# ---- Idempotent writes ----


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any string you choose, unique per batch. Sending the same request again with the "
        "same key returns the first answer without writing twice; a different request with "
        "the same key is refused (409)."
    ),
)


def _digest(request) -> str:
    body = (
        request.data
        if isinstance(request.data, bytes)
        else json.dumps(request.data, sort_keys=True, default=str).encode()
    )
    return hashlib.sha256(request.method.encode() + request.path.encode() + body).hexdigest()


def idempotent(request, initiative, write) -> Response:
    """Carry out ``write`` (which returns a Response) once per Idempotency-Key."""
    key = request.headers.get("Idempotency-Key", "").strip()[:200]
    if not key:
        return write()
    digest = _digest(request)
    with transaction.atomic():
        earlier = (
            IdempotentRequest.objects.select_for_update()
            .filter(user=request.user, initiative=initiative, key=key)
            .first()
        )
        if earlier is not None:
            if earlier.request_digest != digest:
                return Response(
                    {
                        "error": {
                            "status": 409,
                            "code": "idempotency_key_reused",
                            "message": _(
                                "This Idempotency-Key was used for a different "
                                "request. Use a new key for a new batch."
                            ),
                        }
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            return Response(
                earlier.response,
                status=earlier.status_code,
                headers={"Idempotent-Replayed": "true"},
            )
        response = write()
        IdempotentRequest.objects.create(
            user=request.user,
            initiative=initiative,
            key=key,
            request_digest=digest,
            status_code=response.status_code,
            response=response.data,
        )
        return response


def _within_row_limit(count: int) -> None:
    """Refuse a batch of more rows than one request may carry, before checking any row."""
    if count > settings.API_MAX_ROWS:
        raise RowsInvalid(
            [
                _(
                    "The batch has %(rows)s rows; at most %(max)s are accepted at once. "
                    "Split it into smaller batches."
                )
                % {"rows": f"{count:,}", "max": f"{settings.API_MAX_ROWS:,}"}
            ]
        )


def _rows_in(data, key: str) -> None:
    """The row limit for a JSON body, checked on the parsed list before the serializer
    validates row by row (slow on a list far over the limit)."""
    rows = data.get(key) if isinstance(data, dict) else None
    if isinstance(rows, list):
        _within_row_limit(len(rows))


def _frame(rows: list[dict]) -> pd.DataFrame:
    """JSON rows as the same table of strings a CSV file gives. A row may leave out the
    organization (a partner's own) and the numbers it does not report."""
    frame = pd.DataFrame(rows, dtype=object).fillna("").astype(str)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "organization" not in frame.columns:
        frame["organization"] = ""
    return frame


def _imported(outcome, code=status.HTTP_200_OK) -> Response:
    return Response(
        s.ImportSerializer(
            {
                "rows": outcome.rows,
                "changed": outcome.changed,
                "submissions": outcome.submission_ids,
            }
        ).data,
        status=code,
    )


class ValuesImport(InitiativeView):
    """Send values in the interchange format — a JSON body ``{"rows": [...]}`` or a CSV body
    (``Content-Type: text/csv``) — into draft submissions, created as needed. All or
    nothing: if any row is wrong, nothing is saved and the error lists every problem by
    row. Partner tokens send their own organization's rows only."""

    permissions = {"POST": Perm.ENTER_DATA}
    parser_classes = [JsonParser, CsvParser]
    serializer_class = s.ValuesSerializer

    @extend_schema(
        request={"application/json": s.ValuesSerializer, "text/csv": OpenApiTypes.STR},
        parameters=[IDEMPOTENCY_KEY],
        responses=_responses({200: s.ImportSerializer, 409: s.ErrorSerializer}),
    )
    def post(self, request, slug):
        return idempotent(request, self.initiative, lambda: self._write(request))

    def _write(self, request) -> Response:
        if isinstance(request.data, bytes):
            frame = read_table(request.data, "values.csv")
            _within_row_limit(len(frame))
        else:
            _rows_in(request.data, "rows")
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            frame = _frame(serializer.validated_data["rows"])
        outcome = services.values_import(
            actor=request.user,
            initiative=self.initiative,
            frame=frame,
            reason=_("Sent through the API"),
        )
        return _imported(outcome)


# ---- Submissions ----


class SubmissionList(InitiativeListView):
    """Submissions you may see (partners: their own organization's)."""

    queryset = Submission.objects.none()  # for the schema; see get_queryset
    permissions = {"GET": Perm.VIEW_SUBMISSIONS, "POST": Perm.ENTER_DATA}
    serializer_class = s.SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["period__start", "organization__code", "status", "id"]

    def get_queryset(self):
        return selectors.submission_list(
            user=self.request.user, initiative=self.initiative
        ).order_by("period__start", "organization__code")

    @extend_schema(responses=_responses({200: s.SubmissionSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.SubmissionCreateSerializer,
        responses=_responses({201: s.SubmissionSerializer}),
    )
    def post(self, request, slug):
        """Start (or find) an organization's draft submission for a period."""
        data = s.SubmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        own = roles.organization_of(request.user, self.initiative)
        code = data.validated_data.get("organization") or (own.code if own else None)
        if code is None:
            raise ValidationError({"organization": [_("Say which organization.")]})
        organization = self.initiative.partnerships.filter(organization__code=code).first()
        if organization is None:
            raise ValidationError({"organization": [_("Not a partner of this initiative.")]})
        submission = services.submission_start(
            actor=request.user,
            initiative=self.initiative,
            organization=organization.organization,
            period_code=data.validated_data["period"],
        )
        return Response(s.SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)


class SubmissionDetail(InitiativeView):
    """One submission with its values; PATCH replaces values while it is a draft (or was
    returned)."""

    permissions = {"GET": Perm.VIEW_SUBMISSIONS, "PATCH": Perm.ENTER_DATA}
    serializer_class = s.SubmissionDetailSerializer
    parser_classes = [JsonParser]

    def _submission(self, pk):
        return selectors.submission_get(user=self.request.user, initiative=self.initiative, pk=pk)

    def _detail(self, submission):
        submission = selectors.submission_with_values(submission=submission)
        return Response(s.SubmissionDetailSerializer(submission).data)

    @extend_schema(responses=_responses({200: s.SubmissionDetailSerializer}))
    def get(self, request, slug, pk):
        return self._detail(self._submission(pk))

    @extend_schema(
        request=s.SubmissionValuesSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses=_responses({200: s.ImportSerializer, 409: s.ErrorSerializer}),
    )
    def patch(self, request, slug, pk):
        submission = self._submission(pk)
        return idempotent(request, self.initiative, lambda: self._write(request, submission))

    def _write(self, request, submission) -> Response:
        _rows_in(request.data, "values")
        data = s.SubmissionValuesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = [
            {**row, "organization": submission.organization.code, "period": submission.period.code}
            for row in data.validated_data["values"]
        ]
        outcome = services.values_import(
            actor=request.user,
            initiative=self.initiative,
            frame=_frame(rows),
            reason=_("Sent through the API"),
        )
        return _imported(outcome)


class SubmissionSubmit(InitiativeView):
    """Submit a draft for the backbone's review."""

    permissions = {"POST": Perm.ENTER_DATA}
    serializer_class = s.SubmissionSerializer

    @extend_schema(request=None, responses=_responses({200: s.SubmissionSerializer}))
    def post(self, request, slug, pk):
        submission = selectors.submission_get(user=request.user, initiative=self.initiative, pk=pk)
        submission = services.submission_submit(actor=request.user, submission=submission)
        return Response(s.SubmissionSerializer(submission).data)


class SubmissionApprove(InitiativeView):
    """Approve a submitted submission: its values lock and the figures are recomputed."""

    permissions = {"POST": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.SubmissionSerializer

    @extend_schema(request=None, responses=_responses({200: s.SubmissionSerializer}))
    def post(self, request, slug, pk):
        submission = selectors.submission_get(user=request.user, initiative=self.initiative, pk=pk)
        submission = services.submission_approve(actor=request.user, submission=submission)
        return Response(s.SubmissionSerializer(submission).data)


# ---- Computed results and computation runs ----


class ComputedResultList(InitiativeListView):
    """Computed results of the whole initiative, with small cells suppressed for your role
    exactly as on the dashboards."""

    queryset = IndicatorResult.objects.none()  # for the schema; see get_queryset
    serializer_class = s.ComputedResultSerializer
    filterset_class = ComputedResultFilter
    ordering_fields = None  # one stable order: indicator, period, breakdown

    def get_queryset(self):
        return selectors.initiative_results(initiative=self.initiative)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audience = roles.audience_for(request.user, self.initiative)
        dimension_codes = list(self.initiative.dimensions.values_list("code", flat=True))
        rows = [
            {
                **{k: v for k, v in row.items() if k not in dimension_codes},
                "categories": {c: row[c] for c in dimension_codes if row[c]},
            }
            for row in selectors.result_export_rows(
                audience=audience, initiative=self.initiative, results=page
            )
        ]
        return self.get_paginated_response(s.ComputedResultSerializer(rows, many=True).data)

    @extend_schema(responses=_responses({200: s.ComputedResultSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ComputationRunList(InitiativeListView):
    """Computation runs, newest first; POST starts one."""

    queryset = ComputationRun.objects.none()  # for the schema; see get_queryset
    permissions = {"GET": Perm.REVIEW_SUBMISSIONS, "POST": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.ComputationRunSerializer
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return (
            ComputationRun.objects.filter(initiative=self.initiative)
            .select_related("period")
            .order_by("-created_at", "-id")
        )

    @extend_schema(responses=_responses({200: s.ComputationRunSerializer(many=True)}))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.ComputationRunCreateSerializer,
        responses=_responses({202: s.ComputationRunSerializer}),
    )
    def post(self, request, slug):
        data = s.ComputationRunCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = None
        if data.validated_data.get("period"):
            period = ReportingPeriod.objects.filter(
                initiative=self.initiative, code=data.validated_data["period"]
            ).first()
            if period is None:
                raise ValidationError({"period": [_("No such period in this initiative.")]})
        run = services.computation_request(
            initiative=self.initiative,
            period=period,
            requested_by=request.user,
            reason=data.validated_data.get("reason") or _("Started through the API"),
        )
        run.refresh_from_db()
        return Response(s.ComputationRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ComputationRunDetail(InitiativeView):
    permissions = {"GET": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.ComputationRunSerializer

    @extend_schema(responses=_responses({200: s.ComputationRunSerializer}))
    def get(self, request, slug, pk):
        run = get_object_or_404(ComputationRun, initiative=self.initiative, pk=pk)
        return Response(self.get_serializer(run).data)


# ---- The description of the API, and everything else ----


class SchemaView(DeclaredMethods, SpectacularAPIView):
    """The OpenAPI description (YAML, or JSON with ?format=json)."""


class DocsView(DeclaredMethods, SpectacularSwaggerSplitView):
    """Swagger UI. An HTML page only: OPTIONS would have no way to render a description."""

    http_method_names = ["get", "head"]


@extend_schema(exclude=True)
class NoSuchEndpoint(APIView):
    """Any other path under /api/v1/: a JSON 404 in the API's error shape, not a web page,
    whatever the method — there is no operation here to declare methods for."""

    authentication_classes = []
    permission_classes = []

    @property
    def default_response_headers(self) -> dict:
        return {}

    def initial(self, request, *args, **kwargs):
        raise NotFound
