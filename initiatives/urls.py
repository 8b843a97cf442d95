from django.urls import path

from core.urls import record_form_paths
from initiatives.views import agenda, home, invitations, members

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
    *record_form_paths(
        "i/<slug:slug>/agenda/results/", agenda.result_edit, "result", key="<slug:code>"
    ),
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
