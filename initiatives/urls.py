from django.urls import path

from initiatives.views import (
    activities,
    agenda,
    assessments,
    communication,
    home,
    invitations,
    members,
)

app_name = "initiatives"

urlpatterns = [
    path("", home.home, name="home"),
    path("i/<slug:slug>/", home.initiative_home, name="initiative-home"),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation-accept"),
    path("api-tokens/", invitations.api_token_list, name="api-token-list"),
    path("api-tokens/<int:pk>/revoke/", invitations.api_token_revoke, name="api-token-revoke"),
    # Common agenda
    path("i/<slug:slug>/agenda/", agenda.agenda, name="agenda"),
    path("i/<slug:slug>/agenda/edit/", agenda.agenda_edit, name="agenda-edit"),
    path("i/<slug:slug>/agenda/history/", agenda.agenda_history, name="agenda-history"),
    path("i/<slug:slug>/agenda/results/new/", agenda.result_edit, name="result-create"),
    path("i/<slug:slug>/agenda/results/<slug:code>/", agenda.result_edit, name="result-edit"),
    # Mutually reinforcing activities
    path("i/<slug:slug>/working-groups/", activities.working_group_list, name="working-group-list"),
    path(
        "i/<slug:slug>/working-groups/new/",
        activities.working_group_edit,
        name="working-group-create",
    ),
    path(
        "i/<slug:slug>/working-groups/<int:pk>/",
        activities.working_group_detail,
        name="working-group-detail",
    ),
    path(
        "i/<slug:slug>/working-groups/<int:pk>/edit/",
        activities.working_group_edit,
        name="working-group-edit",
    ),
    path("i/<slug:slug>/activities/", activities.activity_list, name="activity-list"),
    path("i/<slug:slug>/activities/new/", activities.activity_edit, name="activity-create"),
    path("i/<slug:slug>/activities/<int:pk>/", activities.activity_edit, name="activity-edit"),
    path(
        "i/<slug:slug>/activities/<int:pk>/delete/",
        activities.activity_delete,
        name="activity-delete",
    ),
    path("i/<slug:slug>/coverage/", activities.coverage, name="coverage"),
    # Continuous communication
    path("i/<slug:slug>/meetings/", communication.meeting_list, name="meeting-list"),
    path("i/<slug:slug>/meetings/new/", communication.meeting_edit, name="meeting-create"),
    path("i/<slug:slug>/meetings/<int:pk>/", communication.meeting_detail, name="meeting-detail"),
    path("i/<slug:slug>/meetings/<int:pk>/edit/", communication.meeting_edit, name="meeting-edit"),
    path("i/<slug:slug>/updates/", communication.update_list, name="update-list"),
    # Backbone support and assessments
    path("i/<slug:slug>/backbone/", assessments.backbone, name="backbone"),
    path("i/<slug:slug>/assessments/", assessments.survey_list, name="survey-list"),
    path(
        "i/<slug:slug>/assessments/<int:pk>/answer/",
        assessments.survey_answer,
        name="survey-answer",
    ),
    path(
        "i/<slug:slug>/assessments/<int:pk>/results/",
        assessments.survey_results,
        name="survey-results",
    ),
    path("i/<slug:slug>/collaborative-health/", assessments.health, name="health"),
    # Members
    path("i/<slug:slug>/members/", members.member_list, name="member-list"),
    path("i/<slug:slug>/members/invite/", members.member_invite, name="member-invite"),
    path(
        "i/<slug:slug>/members/two-factor/",
        members.initiative_two_factor,
        name="initiative-two-factor",
    ),
    path("i/<slug:slug>/members/<int:pk>/", members.member_update, name="member-update"),
    path("i/<slug:slug>/members/<int:pk>/remove/", members.member_remove, name="member-remove"),
    path(
        "i/<slug:slug>/invitations/<int:pk>/revoke/",
        members.invitation_revoke,
        name="invitation-revoke",
    ),
]
