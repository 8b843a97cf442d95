from django.urls import path

from conditions.views import activities, assessments, communication

app_name = "conditions"

urlpatterns = [
    # Mutually reinforcing activities
    path("working-groups/", activities.working_group_list, name="working-group-list"),
    path(
        "working-groups/new/",
        activities.working_group_edit,
        name="working-group-create",
    ),
    path(
        "working-groups/<int:pk>/",
        activities.working_group_detail,
        name="working-group-detail",
    ),
    path(
        "working-groups/<int:pk>/edit/",
        activities.working_group_edit,
        name="working-group-edit",
    ),
    path("activities/", activities.activity_list, name="activity-list"),
    path("activities/new/", activities.activity_edit, name="activity-create"),
    path("activities/<int:pk>/", activities.activity_edit, name="activity-edit"),
    path(
        "activities/<int:pk>/delete/",
        activities.activity_delete,
        name="activity-delete",
    ),
    path("coverage/", activities.coverage, name="coverage"),
    # Continuous communication
    path("meetings/", communication.meeting_list, name="meeting-list"),
    path("meetings/new/", communication.meeting_edit, name="meeting-create"),
    path("meetings/<int:pk>/", communication.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", communication.meeting_edit, name="meeting-edit"),
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
