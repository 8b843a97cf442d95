from django.urls import path

from equity import views

app_name = "equity"

urlpatterns = [
    path("equity/", views.strategy_list, name="strategy-list"),
]
