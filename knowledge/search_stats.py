"""Search-term statistics (Wagtail's "Zoektermen" report, which the office uses for promoted results) while
anonymous visitors get search results from the page cache.

A cached search never reaches the view, so every search is counted here: with Redis, one HINCRBY per search
and a periodic task (`flush_search_hits`) that adds the counts to Wagtail's daily hits; without Redis (the
embedded default) straight into the database. Only the first results page counts, as in Wagtail's own search.
"""

import datetime

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from nnr_site.search import clean_query

KEY_PREFIX = "zoektermen:"
KEEP_SECONDS = 7 * 24 * 3600  # a day's counts wait this long for the flush (beat runs it every few minutes)


def _redis():
    """The Redis client behind the default cache, or None when the cache is not Redis."""
    backend = caches["default"]
    return backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None


def count(request):
    """Count one search (called for cache hits by the page cache and by the search view itself)."""
    query = clean_query(request.GET.get("q", ""))
    if not query or request.GET.get("pagina", "1") not in ("", "1"):
        return
    client = _redis()
    if client is None:
        Query.get(query).add_hit()
        return
    key = f"{KEY_PREFIX}{timezone.localdate().isoformat()}"
    try:
        with client.pipeline(transaction=False) as pipe:  # one round trip
            pipe.hincrby(key, query, 1).expire(key, KEEP_SECONDS).execute()
    except (RedisError, OSError):
        pass  # statistics are not worth a failed search while Redis is down


def add_hits(query, date, hits):
    daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(query), date=date)
    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


def flush():
    """Move the counted hits from Redis into Wagtail's daily hits; returns how many searches were moved.

    Each count is taken off with HINCRBY minus what was read, so searches counted meanwhile stay for the next
    run; a crash between the database write and that step counts those searches twice, never loses them."""
    client = _redis()
    if client is None:
        return 0
    moved = 0
    for key in client.scan_iter(match=f"{KEY_PREFIX}*"):
        date = datetime.date.fromisoformat(key.decode().removeprefix(KEY_PREFIX))
        counts = {field.decode(): int(value) for field, value in client.hgetall(key).items() if int(value)}
        for query, hits in counts.items():
            add_hits(query, date, hits)
        with client.pipeline(transaction=False) as pipe:
            for query, hits in counts.items():
                pipe.hincrby(key, query, -hits)
            pipe.execute()
        moved += sum(counts.values())
    return moved
