from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback-list"),
    path("feedback/<int:pk>/answer/", views.feedback_answer, name="feedback-answer"),
    path("feedback/consent/withdraw/", views.consent_withdraw_own, name="consent-withdraw-own"),
    path("community/you-said-we-did/", views.answers, name="answers"),
    path("community/events/", views.event_list, name="event-list"),
    path("community/events/new/", views.event_edit, name="event-create"),
    path("community/events/<int:pk>/", views.event_detail, name="event-detail"),
    path("community/events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("community/members/", views.member_list, name="member-list"),
    path("community/members/new/", views.member_create, name="member-create"),
    path("community/members/<int:pk>/withdraw/", views.member_withdraw, name="member-withdraw"),
]
