"""The cache is data that can always be recomputed: when Redis cannot be reached, every cache
call reads as a miss and every write is dropped, and one warning says so."""

import logging
import socket

import pytest

from core import cache as forgiving
from core.cache import ForgivingRedisCache


@pytest.fixture
def unreachable_cache():
    with socket.socket() as probe:  # a port nothing listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return ForgivingRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 1}}
    )


def test_reads_are_misses_and_writes_are_dropped_when_redis_is_unreachable(unreachable_cache):
    cache = unreachable_cache
    cache.set("a", 1)
    assert cache.get("a") is None
    assert cache.get("a", "default") == "default"
    assert cache.add("a", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("a", lambda: "computed") == "computed"
    assert cache.delete("a") is False
    cache.delete_many(["a"])
    with pytest.raises(ValueError, match="not found"):
        cache.incr("a")


def test_one_warning_per_outage(unreachable_cache, caplog, monkeypatch):
    monkeypatch.setattr(forgiving, "RETRY_SECONDS", 0)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(5):
            unreachable_cache.get("a")
    assert [r.getMessage()[:30] for r in caplog.records] == ["The cache is unreachable (get:"]


def test_redis_is_left_alone_for_a_few_seconds_after_a_failure(unreachable_cache, monkeypatch):
    unreachable_cache.get("a")
    calls = []
    monkeypatch.setattr(
        forgiving.RedisCache, "get", lambda *args, **kwargs: calls.append(args) or None
    )
    unreachable_cache.get("a")
    assert calls == []
