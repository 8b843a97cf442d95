"""The description of the API (OpenAPI and Swagger UI), and the answer to any other path."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from api.throttling import SchemaRateThrottle
from api.views.base import DeclaredMethods

# ---- The description of the API, and everything else ----


class SchemaView(DeclaredMethods, SpectacularAPIView):
    """The OpenAPI description (YAML, or JSON with ?format=json)."""

    throttle_classes = [SchemaRateThrottle]


class DocsView(DeclaredMethods, SpectacularSwaggerSplitView):
    """Swagger UI. An HTML page only: OPTIONS would have no way to render a description."""

    http_method_names = ["get", "head"]
    throttle_classes = [SchemaRateThrottle]


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
