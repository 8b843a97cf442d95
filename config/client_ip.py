"""The address a request came from, for throttles and lockouts.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as
our own reverse proxies vouch for it. ``TRUSTED_PROXY_COUNT`` says how many proxies in front of
the app each append the address they received the request from: with N of them, the N-th
address from the right of the header is the one the outermost proxy saw — the client. Anything
further left was written by the client and is ignored. With 0 (no proxy) the header is ignored
and the connection's address (REMOTE_ADDR) is the client's.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address: the TRUSTED_PROXY_COUNT-th entry from the right of
    X-Forwarded-For, or REMOTE_ADDR when no proxy is trusted or the header has fewer entries
    than there are proxies (the request did not come through all of them)."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
