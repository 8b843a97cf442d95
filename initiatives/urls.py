from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.home, name="home"),
    path("i/<slug:slug>/", views.initiative_home, name="initiative-home"),
    path("i/<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("i/<slug:slug>/members/", views.member_list, name="member-list"),
    path("i/<slug:slug>/members/invite/", views.member_invite, name="member-invite"),
    path("i/<slug:slug>/members/<int:pk>/", views.member_update, name="member-update"),
    path("i/<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path(
        "i/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
]
