"""Project-wide pages that belong to no app."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import readiness


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability in this
    installation. Only an installation that names a contact (SECURITY_CONTACT) has one."""
    if not settings.SECURITY_CONTACT:
        raise Http404
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en, he, ar",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# ---- Probes (docs/operations.md): anonymous, never cached, reached before host checks and
# redirects (config.middleware.ProbeMiddleware) ----


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answers: nothing else is asked, not even the database, so a
    database outage never gets healthy web containers restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: 200 when every check of core.health passes, else 503 naming the ones
    that failed."""
    checks = readiness()
    ready = all(result == "ok" for result in checks.values())
    body = {"status": "ok" if ready else "fail", "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
