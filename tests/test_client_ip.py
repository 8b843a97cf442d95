"""Whose address a request comes from, as the login lockout and the throttles see it: the
connection's address, unless the operator says how many proxies stand in front."""

import pytest
from django.test import RequestFactory, override_settings

from core.client_ip import client_ip
from tests.test_settings import PRODUCTION, manage


def _request(remote_addr="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_it_ignores_x_forwarded_for_without_trusted_proxies():
    assert client_ip(_request(forwarded="198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_takes_the_address_the_one_proxy_appended():
    # The client sent a made-up address first; the proxy appended the one it saw.
    request = _request(remote_addr="10.0.0.2", forwarded="198.51.100.1, 192.0.2.44")
    assert client_ip(request) == "192.0.2.44"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_it_counts_proxies_from_the_right():
    request = _request(remote_addr="10.0.0.2", forwarded="1.1.1.1, 192.0.2.44, 10.0.0.7")
    assert client_ip(request) == "192.0.2.44"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_it_falls_back_to_the_connection_when_the_header_is_shorter_than_the_proxy_chain():
    # A request that did not pass through every proxy cannot say who the client is.
    assert client_ip(_request(remote_addr="10.0.0.2", forwarded="192.0.2.44")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_falls_back_to_the_connection_without_the_header():
    assert client_ip(_request(remote_addr="10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize("garbage", ["not-an-address", "192.0.2.44:8080", "", " , "])
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_refuses_what_is_not_an_ip_address(garbage):
    assert client_ip(_request(remote_addr="10.0.0.2", forwarded=garbage)) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_it_reads_ipv6_addresses():
    request = _request(remote_addr="::1", forwarded="2001:db8::5")
    assert client_ip(request) == "2001:db8::5"


def _trusted_proxy_count(**env) -> str:
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.TRUSTED_PROXY_COUNT, settings.REST_FRAMEWORK['NUM_PROXIES'])",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_trusts_its_one_proxy_and_development_none():
    assert _trusted_proxy_count(**PRODUCTION) == "1 1"
    assert _trusted_proxy_count() == "0 0"
    assert _trusted_proxy_count(**PRODUCTION, TRUSTED_PROXY_COUNT="2") == "2 2"


def test_a_negative_proxy_count_stops_the_start():
    result = manage("check", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
