"""A Redis cache that degrades instead of crashing when Redis is unreachable.

The cache only makes pages faster; when Redis is down (restart, network blip) the site must keep serving
pages from the database. Every operation that fails with a connection or timeout error is logged and
answered as a cache miss (reads) or a no-op (writes).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

_UNAVAILABLE = (ConnectionError, TimeoutError, OSError)


def _degrading(method_name, fallback):
    """Wrap RedisCache.<method_name>: on a Redis outage log once per call and return fallback(args)."""
    original = getattr(RedisCache, method_name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except _UNAVAILABLE as error:
            logger.warning("Cache unavailable for %s (%s); carrying on without it.", method_name, error)
            return fallback(*args, **kwargs)

    return method


def _default(key, default=None, version=None):
    return default


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new redis.Redis around the pool for every cache call, about a third of a page-cache hit's
    cache time; a client is thread-safe, so keep one per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class DegradingRedisCache(RedisCache):
    """django's RedisCache; reads miss and writes do nothing while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _degrading("get", _default)
    get_many = _degrading("get_many", lambda keys, version=None: {})
    has_key = _degrading("has_key", lambda key, version=None: False)
    add = _degrading("add", lambda *args, **kwargs: False)
    set = _degrading("set", lambda *args, **kwargs: None)
    touch = _degrading("touch", lambda *args, **kwargs: False)
    set_many = _degrading("set_many", lambda data, *args, **kwargs: list(data))
    delete = _degrading("delete", lambda *args, **kwargs: False)
    delete_many = _degrading("delete_many", lambda *args, **kwargs: None)
    incr = _degrading("incr", lambda *args, **kwargs: None)
    clear = _degrading("clear", lambda *args, **kwargs: None)
