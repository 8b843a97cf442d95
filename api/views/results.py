"""Computed results, suppressed for the caller exactly as on the dashboards, and the
computation runs that produce them.
"""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api import serializers as s
from api.filters import ComputedResultFilter
from api.views.base import InitiativeListView, InitiativeView, described
from initiatives import roles
from initiatives.roles import Perm
from measurement import selectors, services
from measurement.models import (
    ComputedResult,
)

# ---- Computed results and computation runs ----


class ComputedResultList(InitiativeListView):
    """Computed results of the whole initiative, with small cells suppressed for your role
    exactly as on the dashboards."""

    queryset = ComputedResult.objects.none()  # for the schema; see get_queryset
    serializer_class = s.ComputedResultSerializer
    filterset_class = ComputedResultFilter
    ordering_fields: list[str] = []  # one fixed order: indicator, period, breakdown

    def get_queryset(self):
        return selectors.initiative_results(initiative=self.initiative)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        audience = roles.audience_for(request.user, self.initiative)
        dimension_codes = selectors.dimension_codes(initiative=self.initiative)
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


class ComputationRunList(InitiativeListView):
    """Computation runs, newest first; POST starts one."""

    permissions = {"GET": Perm.REVIEW_SUBMISSIONS, "POST": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.ComputationRunSerializer
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return selectors.computation_run_list(initiative=self.initiative)

    @described({202: s.ComputationRunSerializer}, request=s.ComputationRunCreateSerializer)
    def post(self, request, slug):
        data = self.body(s.ComputationRunCreateSerializer)
        period = None
        if data.get("period"):
            period = selectors.period_by_code(initiative=self.initiative, code=data["period"])
            if period is None:
                raise ValidationError({"period": [_("No such period in this initiative.")]})
        run = services.computation_request(
            initiative=self.initiative,
            period=period,
            requested_by=request.user,
            reason=data.get("reason") or _("Started through the API"),
        )
        run.refresh_from_db()
        return Response(s.ComputationRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ComputationRunDetail(InitiativeView):
    permissions = {"GET": Perm.REVIEW_SUBMISSIONS}
    serializer_class = s.ComputationRunSerializer

    @described({200: s.ComputationRunSerializer})
    def get(self, request, slug, pk):
        run = selectors.computation_run_get(initiative=self.initiative, pk=pk)
        return Response(self.get_serializer(run).data)
