from django.urls import path

from briefs import views

app_name = "briefs"

urlpatterns = [
    path("briefs/", views.brief_list, name="brief-list"),
    path("briefs/schedule/", views.brief_schedule, name="brief-schedule"),
    path("briefs/<str:period>.pdf", views.brief_pdf, name="brief-pdf"),
    path("briefs/<str:period>/", views.brief_page, name="brief-page"),
]
