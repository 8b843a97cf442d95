from django.urls import path, re_path

from api import views

app_name = "api"

INITIATIVE = "initiatives/<slug:slug>/"


def operation(route: str, view, name: str):
    """An operation under /initiatives/{slug}/ (``route`` below it) by its view class."""
    return path(INITIATIVE + route, view.as_view(), name=name)


urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("initiatives/", views.InitiativeList.as_view(), name="initiative-list"),
    operation("", views.InitiativeDetail, "initiative-detail"),
    operation("results/", views.ResultList, "result-list"),
    operation("organizations/", views.OrganizationList, "organization-list"),
    operation("dimensions/", views.DimensionList, "dimension-list"),
    operation("indicators/", views.IndicatorList, "indicator-list"),
    operation("indicators/<slug:code>/", views.IndicatorDetail, "indicator-detail"),
    operation("periods/", views.PeriodList, "period-list"),
    operation("values/", views.ValuesImport, "values"),
    operation("submissions/", views.SubmissionList, "submission-list"),
    operation("submissions/<int:pk>/", views.SubmissionDetail, "submission-detail"),
    operation("submissions/<int:pk>/submit/", views.SubmissionSubmit, "submission-submit"),
    operation("submissions/<int:pk>/approve/", views.SubmissionApprove, "submission-approve"),
    operation("computed-results/", views.ComputedResultList, "computed-result-list"),
    operation("computation-runs/", views.ComputationRunList, "computation-run-list"),
    operation("computation-runs/<int:pk>/", views.ComputationRunDetail, "computation-run-detail"),
    # Anything else under /api/v1/ answers in the API's JSON error shape, not a web page.
    re_path(r"", views.NoSuchEndpoint.as_view()),
]
