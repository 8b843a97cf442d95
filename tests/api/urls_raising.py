"""The project's addresses plus some that fail, for tests/api/test_api_errors.py only: an API
operation and a web page that raise an unexpected exception, and a plain Django view under
/api/ that refuses."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from api.views import InitiativeList
from config import urls as project


class FailingOperation(InitiativeList):
    def get(self, request, *args, **kwargs):
        raise RuntimeError("a bug in an API view")


def failing_page(request):
    raise RuntimeError("a bug in a page")


def refusing_view(request):
    raise PermissionDenied


urlpatterns = [
    path("api/v1/failing/", FailingOperation.as_view()),
    path("api/v1/refusing/", refusing_view),
    path("failing/", failing_page),
    *project.urlpatterns,
]
handler400 = getattr(project, "handler400", None)
handler403 = getattr(project, "handler403", None)
handler404 = getattr(project, "handler404", None)
handler500 = getattr(project, "handler500", None)
