"""Headers for every response Django generates: the Content Security Policy, and
Cache-Control that keeps shared caches from storing anything.

Pages carry no inline scripts (figures travel as JSON in ``json_script`` and one static script
draws them), so scripts are limited to our own origin. Plotly and htmx set inline styles on the
elements they draw, which is why styles allow 'unsafe-inline'.
"""

import re
import uuid

from django.utils.cache import patch_cache_control

from core import request_id


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    """The policy, with the pages that may frame the answer: none, except for a share link's
    embed pages, which name the sites their link lists (measurement/views/share.py)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class PrivateByDefaultMiddleware:
    """Every page, export, API answer and share-link page is for one person: a proxy or CDN
    that stored one could hand someone else's data to the next visitor. A response that
    says nothing about caching is marked ``private, no-store``. Static files are the same for
    everyone and never reach this middleware: whitenoise, listed before it, answers them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


# What a proxy in front of us may name a request with: short, and nothing that could break a
# log line or a header.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestIdMiddleware:
    """Names every request, so that what a user or a client reports (the ``X-Request-ID``
    of the answer, the ``request_id`` of an API error) leads to the log lines of that request.
    A well-formed ``X-Request-ID`` from a proxy in front of us is kept, so its logs and ours
    agree; anything else is replaced by a new random id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request.request_id = offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex
        # Every log line of the request, and every task it starts, carries the id too.
        token = request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response.headers["X-Request-ID"] = request.request_id
        return response


class ProbeMiddleware:
    """Answers /healthz and /readyz before anything else runs: a probe from inside the Docker
    network speaks plain HTTP to 127.0.0.1, which the HTTPS redirect and the ALLOWED_HOSTS check
    would refuse, and it needs no session, language or sign-in. The answers carry nothing
    derived from the Host header, and only the two paths are treated so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from config.views import healthz, readyz

        probe = {"/healthz": healthz, "/readyz": readyz}.get(request.path_info)
        return probe(request) if probe else self.get_response(request)
