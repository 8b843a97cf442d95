from django.urls import path

from community import views
from core.urls import record_form_paths

app_name = "community"

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback-list"),
    path("feedback/<int:pk>/answer/", views.feedback_answer, name="feedback-answer"),
    path("feedback/consent/withdraw/", views.consent_withdraw_own, name="consent-withdraw-own"),
    path("community/you-said-we-did/", views.answers, name="answers"),
    *record_form_paths(
        "community/events/",
        views.event_edit,
        "event",
        detail=views.event_detail,
        listing=views.event_list,
    ),
    path("community/members/", views.community_member_list, name="community-member-list"),
    path("community/members/new/", views.community_member_create, name="community-member-create"),
    path(
        "community/members/<int:pk>/withdraw/",
        views.community_member_withdraw,
        name="community-member-withdraw",
    ),
]
