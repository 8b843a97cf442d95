from django.urls import path, re_path

from api import views

app_name = "api"

INITIATIVE = "initiatives/<slug:slug>/"

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("initiatives/", views.InitiativeList.as_view(), name="initiative-list"),
    path(INITIATIVE, views.InitiativeDetail.as_view(), name="initiative-detail"),
    path(INITIATIVE + "results/", views.ResultList.as_view(), name="result-list"),
    path(INITIATIVE + "organizations/", views.OrganizationList.as_view(), name="organization-list"),
    path(INITIATIVE + "dimensions/", views.DimensionList.as_view(), name="dimension-list"),
    path(INITIATIVE + "indicators/", views.IndicatorList.as_view(), name="indicator-list"),
    path(
        INITIATIVE + "indicators/<slug:code>/",
        views.IndicatorDetail.as_view(),
        name="indicator-detail",
    ),
    path(INITIATIVE + "periods/", views.PeriodList.as_view(), name="period-list"),
    path(INITIATIVE + "values/", views.ValuesImport.as_view(), name="values"),
    path(INITIATIVE + "submissions/", views.SubmissionList.as_view(), name="submission-list"),
    path(
        INITIATIVE + "submissions/<int:pk>/",
        views.SubmissionDetail.as_view(),
        name="submission-detail",
    ),
    path(
        INITIATIVE + "submissions/<int:pk>/submit/",
        views.SubmissionSubmit.as_view(),
        name="submission-submit",
    ),
    path(
        INITIATIVE + "submissions/<int:pk>/approve/",
        views.SubmissionApprove.as_view(),
        name="submission-approve",
    ),
    path(
        INITIATIVE + "computed-results/",
        views.ComputedResultList.as_view(),
        name="computed-result-list",
    ),
    path(
        INITIATIVE + "computation-runs/",
        views.ComputationRunList.as_view(),
        name="computation-run-list",
    ),
    path(
        INITIATIVE + "computation-runs/<int:pk>/",
        views.ComputationRunDetail.as_view(),
        name="computation-run-detail",
    ),
    # Anything else under /api/v1/ answers in the API's JSON error shape, not a web page.
    re_path(r"", views.NoSuchEndpoint.as_view()),
]
