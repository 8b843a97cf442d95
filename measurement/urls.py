from django.urls import path

from measurement import views

app_name = "measurement"

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator-detail"),
    path("submissions/", views.submission_list, name="submission-list"),
    path("submissions/start/", views.submission_start, name="submission-start"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path(
        "submissions/<int:pk>/indicators/<slug:code>/",
        views.submission_values_edit,
        name="submission-values-edit",
    ),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="submission-approve"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission-return"),
    path("definitions/", views.definitions, name="definitions"),
    path("definitions/dimensions/new/", views.dimension_edit, name="dimension-create"),
    path("definitions/dimensions/<slug:code>/", views.dimension_edit, name="dimension-edit"),
    path("definitions/indicators/new/", views.indicator_edit, name="indicator-create"),
    path("definitions/indicators/<slug:code>/", views.indicator_edit, name="indicator-edit"),
    path("definitions/periods/new/", views.period_edit, name="period-create"),
    path("definitions/periods/<int:pk>/", views.period_edit, name="period-edit"),
    path("computations/", views.computation_list, name="computation-list"),
    path("computations/start/", views.computation_start, name="computation-start"),
]
