from django.urls import include, path

from core.urls import record_form_paths
from initiatives.views import agenda, home, invitations, members, organizations, start

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
    path("members/formats/", members.initiative_formats, name="initiative-formats"),
    path("members/<int:pk>/", members.member_update, name="member-update"),
    path("members/<int:pk>/remove/", members.member_remove, name="member-remove"),
    path(
        "members/staff-sharing/", members.initiative_staff_sharing, name="initiative-staff-sharing"
    ),
    path("invitations/<int:pk>/revoke/", members.invitation_revoke, name="invitation-revoke"),
    path("invitations/<int:pk>/resend/", members.invitation_resend, name="invitation-resend"),
    # Organizations taking part
    path("organizations/", organizations.organization_list, name="organization-list"),
    path("organizations/new/", organizations.organization_create, name="organization-create"),
    path("organizations/add/", organizations.organization_add, name="organization-add"),
    path("organizations/<int:pk>/", organizations.organization_edit, name="organization-edit"),
    path(
        "organizations/<int:pk>/merge/", organizations.organization_merge, name="organization-merge"
    ),
    path(
        "organizations/<int:pk>/deactivate/",
        organizations.organization_deactivate,
        name="organization-deactivate",
    ),
    path(
        "organizations/<int:pk>/reactivate/",
        organizations.organization_reactivate,
        name="organization-reactivate",
    ),
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
