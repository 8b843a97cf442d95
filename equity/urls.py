from django.urls import path

from equity import views

app_name = "equity"

urlpatterns = [
    path("equity/", views.dashboard, name="dashboard"),
    path("equity/commitments/", views.commitment_list, name="commitment-list"),
    path("equity/commitments/new/", views.commitment_edit, name="commitment-create"),
    path("equity/commitments/<int:pk>/", views.commitment_edit, name="commitment-edit"),
    path("equity/power/", views.power, name="power"),
    path("equity/bodies/new/", views.body_edit, name="body-create"),
    path("equity/bodies/<int:pk>/", views.body_edit, name="body-edit"),
    path("equity/decisions/new/", views.decision_edit, name="decision-create"),
    path("equity/decisions/<int:pk>/", views.decision_edit, name="decision-edit"),
    path("equity/systems-change/", views.systems_change, name="systems-change"),
    path("equity/systems-change/new/", views.effort_edit, name="effort-create"),
    path("equity/systems-change/<int:pk>/", views.effort_edit, name="effort-edit"),
]
