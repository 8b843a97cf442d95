"""The initiative and its definitions: results, organizations, dimensions, indicators,
periods. Read-only.
"""

from rest_framework import generics
from rest_framework.response import Response

from accounts.models import ApiToken
from api import serializers as s
from api.filters import IndicatorFilter
from api.views.base import DeclaredMethods, InitiativeListView, InitiativeView, described
from initiatives import selectors as initiative_selectors
from measurement import selectors

# ---- Initiatives and definitions ----


class InitiativeList(DeclaredMethods, generics.ListAPIView):
    """The initiatives you belong to (a token: its own initiative only)."""

    serializer_class = s.InitiativeSerializer

    def get_queryset(self):
        initiatives = initiative_selectors.initiative_list(user=self.request.user)
        if isinstance(self.request.auth, ApiToken):
            initiatives = initiatives.filter(pk=self.request.auth.initiative_id)
        return initiatives.order_by("slug")

    @described({200: s.InitiativeSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class InitiativeDetail(InitiativeView):
    serializer_class = s.InitiativeSerializer

    @described({200: s.InitiativeSerializer})
    def get(self, request, slug):
        return Response(self.get_serializer(self.initiative).data)


class ResultList(InitiativeListView):
    """The results of the common agenda, with the indicators that measure each."""

    serializer_class = s.ResultSerializer
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return selectors.agenda_results(initiative=self.initiative).order_by("order", "code")


class OrganizationList(InitiativeListView):
    """The organizations taking part: partners, funders, the backbone."""

    serializer_class = s.OrganizationSerializer
    ordering_fields = ["organization__code", "organization__name"]

    def get_queryset(self):
        return initiative_selectors.partnership_list(initiative=self.initiative)


class DimensionList(InitiativeListView):
    """Dimensions with their categories, in order."""

    serializer_class = s.DimensionSerializer
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return selectors.dimension_list(initiative=self.initiative)


class IndicatorList(InitiativeListView):
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["order", "code"]

    def get_queryset(self):
        return selectors.indicator_definitions(initiative=self.initiative)


class IndicatorDetail(InitiativeView):
    serializer_class = s.IndicatorSerializer

    @described({200: s.IndicatorSerializer})
    def get(self, request, slug, code):
        indicator = selectors.indicator_get(initiative=self.initiative, code=code)
        return Response(self.get_serializer(indicator).data)


class PeriodList(InitiativeListView):
    serializer_class = s.PeriodSerializer
    ordering_fields = ["start", "code"]

    def get_queryset(self):
        return selectors.period_list(initiative=self.initiative)
