from django.urls import path

from core.urls import record_form_paths
from equity import views

app_name = "equity"

urlpatterns = [
    path("equity/", views.dashboard, name="dashboard"),
    *record_form_paths(
        "equity/commitments/", views.commitment_edit, "commitment", listing=views.commitment_list
    ),
    path("equity/power/", views.power, name="power"),
    *record_form_paths("equity/bodies/", views.body_edit, "body"),
    *record_form_paths("equity/decisions/", views.decision_edit, "decision"),
    path("equity/systems-change/", views.systems_change, name="systems-change"),
    *record_form_paths("equity/systems-change/", views.effort_edit, "effort"),
]
