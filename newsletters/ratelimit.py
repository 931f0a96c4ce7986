"""A send rate shared by every worker: a token bucket in Redis, refilled at NEWSLETTER_RATE_LIMIT per second.

The bucket lives in one Lua script, so taking a token is atomic across processes and machines. Without
REDIS_URL (in-process development) or with a limit of 0 there is no limit.
"""

import time

from django.conf import settings

_SCRIPT = """
local key = KEYS[1]
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', key, 'tokens', 'ts')
local wanted = tonumber(ARGV[3])
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - ts) * rate)
local wait = 0
if tokens >= wanted then
  tokens = tokens - wanted
else
  wait = (wanted - tokens) / rate
end
redis.call('HSET', key, 'tokens', tokens, 'ts', now)
redis.call('EXPIRE', key, 3600)
return tostring(wait)
"""
KEY = "nnr:newsletters:send-bucket"
_bucket = None


class TokenBucket:
    def __init__(self, url, rate, capacity=None):
        import redis  # only with a Redis URL; tests and development run without Redis

        self.rate = float(rate)
        self.capacity = float(capacity or max(1.0, self.rate))
        # A worker takes a few tokens per round trip (a tenth of a second's worth, at most 20), so the limit
        # costs little per message while staying shared.
        self.batch = int(max(1, min(20, self.rate / 10, self.capacity)))
        self.held = 0
        self.client = redis.Redis.from_url(url)
        self.script = self.client.register_script(_SCRIPT)

    def acquire(self):
        """Take one token, sleeping until one is free."""
        if self.held:
            self.held -= 1
            return
        while True:
            wait = float(self.script(keys=[KEY], args=[self.rate, self.capacity, self.batch]))
            if wait <= 0:
                self.held = self.batch - 1
                return
            time.sleep(wait)


class _NoLimit:
    def acquire(self):
        return None


def bucket():
    global _bucket
    rate, url = float(settings.NEWSLETTER_RATE_LIMIT), settings.REDIS_URL
    if rate <= 0 or not url or settings.CELERY_TASK_ALWAYS_EAGER:
        return _NoLimit()
    if _bucket is None or _bucket.rate != rate:
        _bucket = TokenBucket(url, rate)
    return _bucket
