"""The pages a share link opens: /s/<token>/…"""

from measurement.urls import dashboard_paths
from measurement.views import share

app_name = "share"

urlpatterns = dashboard_paths(
    "",
    indicators=share.shared_overview,
    scorecard=share.shared_scorecard,
    gaps=share.shared_gaps,
    indicator=share.shared_indicator,
    results=share.shared_results,
)
