from django.contrib import admin
from django.urls import include, path

from accounts.views import language_switch
from config.views import healthz, readyz, security_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("api.urls")),
    # Django's set_language, which also saves a signed-in person's choice (docs/notices.md).
    path("i18n/setlang/", language_switch, name="set_language"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # Probes for Docker, the load balancer and monitoring (docs/operations.md).
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("initiatives.urls")),
    path("i/<slug:slug>/", include("measurement.urls")),
    path("i/<slug:slug>/", include("community.urls")),
    path("i/<slug:slug>/", include("conditions.urls")),
    path("i/<slug:slug>/", include("equity.urls")),
    path("i/<slug:slug>/", include("briefs.urls")),
    path("s/<str:token>/", include("measurement.share_urls")),
]

# Django's own error pages, except under /api/, where errors keep the API's JSON shape.
handler400 = "api.exceptions.handler400"
handler403 = "api.exceptions.handler403"
handler404 = "api.exceptions.handler404"
handler500 = "api.exceptions.handler500"
