"""The address a request comes from, for everything that counts requests per client: the login
lockout (django-axes), the password-reset throttle and the API's throttle.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as
the operator says proxies of their own append to it: with ``TRUSTED_PROXY_COUNT = N`` the
client is the N-th address from the right (each proxy appends the address it saw), and
anything further left is the client's own claim. With 0, the default, only the connection's
address counts.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # Shorter than the proxy chain: the request did not come through every proxy, so the header
    # holds nothing they vouch for.
    if len(chain) < proxies or not _is_ip(chain[-proxies]):
        return remote_addr
    return chain[-proxies]
