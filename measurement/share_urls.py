"""The pages a share link opens: /s/<token>/…"""

from django.urls import path

from measurement.views import share

app_name = "share"

urlpatterns = [
    path("", share.shared_overview, name="indicator-list"),
    path("gaps/", share.shared_gaps, name="equity-gaps"),
    path("indicators/<slug:code>/", share.shared_indicator, name="indicator-detail"),
    path(
        "indicators/<slug:code>/results.<str:file_format>",
        share.shared_results,
        name="indicator-results",
    ),
]
