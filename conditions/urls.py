from django.urls import path

from conditions.views import activities, assessments, communication, curves
from core.urls import record_form_paths

app_name = "conditions"

urlpatterns = [
    # Mutually reinforcing activities
    *record_form_paths(
        "working-groups/",
        activities.working_group_edit,
        "working-group",
        detail=activities.working_group_detail,
        listing=activities.working_group_list,
    ),
    *record_form_paths(
        "activities/", activities.activity_edit, "activity", listing=activities.activity_list
    ),
    path(
        "activities/<int:pk>/delete/",
        activities.activity_delete,
        name="activity-delete",
    ),
    path("coverage/", activities.coverage, name="coverage"),
    # Turn the Curve: one record per indicator, in versions
    path("turn-the-curve/", curves.turn_the_curve_list, name="turn-the-curve-list"),
    path(
        "turn-the-curve/<slug:code>/",
        curves.turn_the_curve_detail,
        name="turn-the-curve-detail",
    ),
    path(
        "turn-the-curve/<slug:code>/edit/", curves.turn_the_curve_edit, name="turn-the-curve-edit"
    ),
    path(
        "turn-the-curve/<slug:code>/history/",
        curves.turn_the_curve_history,
        name="turn-the-curve-history",
    ),
    path(
        "turn-the-curve/<slug:code>/versions/<int:number>/",
        curves.turn_the_curve_version,
        name="turn-the-curve-version",
    ),
    # Continuous communication
    *record_form_paths(
        "meetings/",
        communication.meeting_edit,
        "meeting",
        detail=communication.meeting_detail,
        listing=communication.meeting_list,
    ),
    path("updates/", communication.feed, name="feed"),
    # Backbone support and assessments
    path("backbone/", assessments.backbone, name="backbone"),
    path("assessments/", assessments.assessment_list, name="assessment-list"),
    path(
        "assessments/<int:pk>/answer/",
        assessments.assessment_answer,
        name="assessment-answer",
    ),
    path(
        "assessments/<int:pk>/results/",
        assessments.assessment_results,
        name="assessment-results",
    ),
    path("collaborative-health/", assessments.health, name="health"),
]
