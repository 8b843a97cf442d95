"""The pages a share link opens: /s/<token>/…"""

from django.urls import path

from measurement.urls import dashboard_paths
from measurement.views import share

app_name = "share"

urlpatterns = [
    *dashboard_paths(
        "",
        indicators=share.shared_overview,
        gaps=share.shared_gaps,
        indicator=share.shared_indicator,
        results=share.shared_results,
    ),
    # For a frame on a site the link lists (docs/dashboards.md, "Showing the figures on
    # another site").
    path("embed/", share.embed_scorecard, name="embed-scorecard"),
    path("embed/indicators/<slug:code>/", share.embed_indicator, name="embed-indicator"),
]
