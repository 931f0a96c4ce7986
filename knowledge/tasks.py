from celery import shared_task

from . import search_stats


@shared_task
def flush_search_hits():
    """Add the searches counted in Redis to the office's search-term statistics (see search_stats)."""
    return search_stats.flush()
