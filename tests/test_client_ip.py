"""Which address a request came from: X-Forwarded-For is believed only as far as
TRUSTED_PROXY_COUNT proxies vouch for it."""

import pytest
from django.test import RequestFactory, override_settings

from config.client_ip import client_ip
from tests.test_settings import PRODUCTION, manage


def _request(forwarded_for=None):
    extra = {"REMOTE_ADDR": "10.0.0.1"}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_ip(_request("203.0.113.7")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("198.51.100.9, 203.0.113.7", "203.0.113.7"),  # the left one is the client's word
        (" 198.51.100.9 ,203.0.113.7 ", "203.0.113.7"),
        (None, "10.0.0.1"),
        ("", "10.0.0.1"),
        (" , ", "10.0.0.1"),
    ],
)
def test_behind_one_proxy_the_right_most_address_is_the_clients(header, expected):
    assert client_ip(_request(header)) == expected


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_from_the_right_is_the_clients():
    assert client_ip(_request("198.51.100.9, 203.0.113.7, 192.0.2.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_header_shorter_than_the_chain_of_proxies_is_not_believed():
    """The request skipped the outer proxy: what it wrote itself is not an address we know."""
    assert client_ip(_request("198.51.100.9")) == "10.0.0.1"


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
