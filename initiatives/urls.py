from django.urls import include, path

from core.urls import record_form_paths
from initiatives.views import agenda, home, invitations, members, start

app_name = "initiatives"

# The pages of one initiative, under /i/<slug>/ (the other apps' pages are there too).
initiative_pages = [
    path("", home.initiative_home, name="initiative-home"),
    # Common agenda
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/edit/", agenda.agenda_edit, name="agenda-edit"),
    path("agenda/history/", agenda.agenda_history, name="agenda-history"),
    *record_form_paths("agenda/results/", agenda.result_edit, "result", key="<slug:code>"),
    # Members
    path("members/", members.member_list, name="member-list"),
    path("members/invite/", members.member_invite, name="member-invite"),
    path("members/two-factor/", members.initiative_two_factor, name="initiative-two-factor"),
    path("members/<int:pk>/", members.member_update, name="member-update"),
    path("members/<int:pk>/remove/", members.member_remove, name="member-remove"),
    path("invitations/<int:pk>/revoke/", members.invitation_revoke, name="invitation-revoke"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("setup/", start.first_run, name="first-run"),
    path("initiatives/new/", start.initiative_start, name="initiative-start"),
    path("settings/", start.installation_settings, name="installation-settings"),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation-accept"),
    path("api-tokens/", invitations.api_token_list, name="api-token-list"),
    path("api-tokens/<int:pk>/revoke/", invitations.api_token_revoke, name="api-token-revoke"),
    path("i/<slug:slug>/", include(initiative_pages)),
]
