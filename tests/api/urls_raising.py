"""The project's addresses plus two that fail, for tests/api/test_api_errors.py only: an API
operation and a web page that raise an unexpected exception."""

from django.urls import path

from api.views import InitiativeList
from config import urls as project


class FailingOperation(InitiativeList):
    def get(self, request, *args, **kwargs):
        raise RuntimeError("a bug in an API view")


def failing_page(request):
    raise RuntimeError("a bug in a page")


urlpatterns = [
    path("api/v1/failing/", FailingOperation.as_view()),
    path("failing/", failing_page),
    *project.urlpatterns,
]
handler400 = getattr(project, "handler400", None)
handler403 = getattr(project, "handler403", None)
handler404 = getattr(project, "handler404", None)
handler500 = getattr(project, "handler500", None)
