"""Submissions: list, start, read, send values, submit, approve."""

from collections.abc import Callable

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api import serializers as s
from api.filters import SubmissionFilter
from api.parsers import JsonParser
from api.views.base import InitiativeListView, InitiativeView, described
from api.views.values import (
    DRY_RUN,
    IDEMPOTENCY_KEY,
    dry_run_asked,
    idempotent,
    imported,
    rows_frame,
    rows_in,
)
from initiatives import roles
from initiatives import selectors as initiative_selectors
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.datafiles import JSON_FIRST_ROW
from measurement.models import Submission

# ---- Submissions ----


class SubmissionList(InitiativeListView):
    """Submissions you may see (partners: their own organization's)."""

    permissions = {"GET": Perm.VIEW_SUBMISSIONS, "POST": Perm.ENTER_DATA}
    serializer_class = s.SubmissionSerializer
    filterset_class = SubmissionFilter
    ordering_fields = ["period__start", "organization__code", "status", "id"]

    def get_queryset(self):
        return selectors.submission_list(
            user=self.request.user, initiative=self.initiative
        ).order_by("period__start", "organization__code")

    @described(
        {200: s.SubmissionSerializer, 201: s.SubmissionSerializer},
        request=s.SubmissionCreateSerializer,
    )
    def post(self, request, slug):
        """Start an organization's draft submission for a period (201), or find the one it
        has, whatever its status (200)."""
        data = self.body(s.SubmissionCreateSerializer)
        own = roles.organization_of(request.user, self.initiative)
        code = data.get("organization") or (own.code if own else None)
        if code is None:
            raise ValidationError({"organization": [_("Say which organization.")]})
        organization = initiative_selectors.participant_by_code(
            initiative=self.initiative, code=code
        )
        if organization is None:
            raise ValidationError({"organization": [_("Not a partner of this initiative.")]})
        submission, started = services.submission_start(
            actor=request.user,
            initiative=self.initiative,
            organization=organization,
            period_code=data["period"],
        )
        return Response(
            s.SubmissionSerializer(submission).data,
            status=status.HTTP_201_CREATED if started else status.HTTP_200_OK,
        )


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

    @described({200: s.SubmissionDetailSerializer})
    def get(self, request, slug, pk):
        return self._detail(self._submission(pk))

    @described(
        {200: s.ImportSerializer, 409: s.ErrorSerializer},
        request=s.SubmissionValuesSerializer,
        parameters=[IDEMPOTENCY_KEY, DRY_RUN],
    )
    def patch(self, request, slug, pk):
        submission = self._submission(pk)
        return idempotent(request, self.initiative, lambda: self._write(request, submission))

    def _write(self, request, submission) -> Response:
        rows_in(request.data, "values")
        data = self.body(s.SubmissionValuesSerializer)
        rows = [
            {**row, "organization": submission.organization.code, "period": submission.period.code}
            for row in data["values"]
        ]
        outcome = services.values_import(
            actor=request.user,
            initiative=self.initiative,
            frame=rows_frame(rows),
            reason=_("Sent through the API"),
            first_row=JSON_FIRST_ROW,
            dry_run=dry_run_asked(request),
        )
        return imported(outcome)


class _SubmissionStep:
    """POST runs one workflow step, ``step(actor=, submission=)``, on a submission the caller
    may see, and answers with the submission as the step left it."""

    step: Callable[..., Submission]

    @described({200: s.SubmissionSerializer}, request=None)
    def post(self, request, slug, pk):
        submission = selectors.submission_get(user=request.user, initiative=self.initiative, pk=pk)
        submission = type(self).step(actor=request.user, submission=submission)
        return Response(s.SubmissionSerializer(submission).data)


class SubmissionSubmit(_SubmissionStep, InitiativeView):
    """Submit a draft for the backbone's review."""

    permissions = {"POST": Perm.ENTER_DATA}
    serializer_class = s.SubmissionSerializer
    step = staticmethod(services.submission_submit)


class SubmissionApprove(_SubmissionStep, InitiativeView):
    """Approve a submitted submission: its values lock and the figures are recomputed."""

    permissions = {"POST": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.SubmissionSerializer
    step = staticmethod(services.submission_approve)
