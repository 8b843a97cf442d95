from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("feedback/", views.feedback_list, name="feedback-list"),
]
