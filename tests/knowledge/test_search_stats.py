"""The office's search-term statistics count every search, also those answered from the page cache."""

import pytest
from wagtail.contrib.search_promotions.models import QueryDailyHits

from knowledge import search_stats
from knowledge.tasks import flush_search_hits

pytestmark = pytest.mark.django_db


def hits(query):
    return sum(QueryDailyHits.objects.filter(query__query_string=query).values_list("hits", flat=True))


def test_cached_searches_are_counted_too(client, index):
    responses = [client.get("/zoeken/", {"q": "Rookvrij sporten"}) for _ in range(3)]
    assert [r["X-Page-Cache"] for r in responses] == ["miss", "hit", "hit"]
    assert hits("rookvrij sporten") == 3
    client.get("/zoeken/", {"q": "Rookvrij sporten", "pagina": "2"})  # further pages are not new searches
    assert hits("rookvrij sporten") == 3


def test_with_redis_counts_wait_in_redis_until_the_periodic_flush(client, index, settings, redis_url):
    settings.CACHES = {"default": {"BACKEND": "nnr_site.cache.DegradingRedisCache", "LOCATION": redis_url}}
    redis = search_stats._redis()
    for key in redis.scan_iter(match=f"{search_stats.KEY_PREFIX}*"):
        redis.delete(key)

    for _ in range(3):
        client.get("/zoeken/", {"q": "schoolplein"})
    assert hits("schoolplein") == 0  # a search costs one Redis call, no database write
    entry = settings.CELERY_BEAT_SCHEDULE["knowledge-search-hits"]  # beat runs it every five minutes
    assert flush_search_hits.name == entry["task"]
    assert flush_search_hits.delay().get() == 3 and hits("schoolplein") == 3
    client.get("/zoeken/", {"q": "schoolplein"})
    assert search_stats.flush() == 1 and hits("schoolplein") == 4
    assert search_stats.flush() == 0  # nothing counted twice
