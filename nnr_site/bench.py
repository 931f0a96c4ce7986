"""Bench-only URLs and middleware (used by nnr_site.settings.bench, never by the real site)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from nnr_site.urls import urlpatterns as site_urlpatterns


@never_cache  # "private": the page cache looks it up like any page but never stores it
def ok(request):
    """The baseline: the cheapest response Django can give through the same middleware and server."""
    return HttpResponse("ok", content_type="text/plain")


class QueryCountMiddleware:
    """Adds X-Query-Count: the number of SQL queries the response took."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Query-Count"] = str(len(queries))
        return response


urlpatterns = [path("bench/ok/", ok), *site_urlpatterns]
