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
    path(
        "submissions/<int:pk>/indicators/<slug:code>/totals/",
        views.submission_values_totals,
        name="submission-values-totals",
    ),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission-submit"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="submission-approve"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission-return"),
    path("submissions/<int:pk>/comments/", views.submission_comment, name="submission-comment"),
    path("submissions/<int:pk>/unlock/", views.submission_unlock, name="submission-unlock"),
    path(
        "submissions/<int:pk>/template.<str:file_format>",
        views.submission_template,
        name="submission-template",
    ),
    path("uploads/new/", views.upload_new, name="upload-new"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload-detail"),
    path("uploads/<int:pk>/save/", views.upload_save, name="upload-save"),
    path("uploads/<int:pk>/discard/", views.upload_discard, name="upload-discard"),
    path("crosswalks/", views.crosswalk_list, name="crosswalk-list"),
    path("crosswalks/<int:pk>/delete/", views.crosswalk_delete, name="crosswalk-delete"),
    path("reporting/matrix/", views.reporting_matrix, name="reporting-matrix"),
    path("reporting/plan/", views.reporting_plan, name="reporting-plan"),
    path("reporting/plan/<slug:code>/", views.reporting_plan_edit, name="reporting-plan-edit"),
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
