"""The index and a coalition page cost the same number of queries for 10 and for 200 coalitions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.signal_handlers import disable_reference_index_auto_update

from coalitions.factories import ActivityPageFactory, CoalitionPageFactory
from coalitions.models import CoalitionMembership, CoalitionPage, ExternalMember
from network.factories import ParticipantFactory
from nnr_site.pagecache import new_generation

pytestmark = pytest.mark.django_db


def grow(index, participants, upto):
    """Add coalitions until there are `upto`. The first page of the list (12) gets themes, three members, an
    external member and activities; the rest is kept lighter so that creating 200 pages stays quick."""
    with disable_reference_index_auto_update():
        for n in range(CoalitionPage.objects.count(), upto):
            full = n < 12
            page = CoalitionPageFactory.build(
                title=f"Coalitie {n:03d}", slug=f"coalitie-{n:03d}", kind="regio", region="utrecht"
            )
            page.themes.add("jeugd", *([f"thema {n % 7}"] if full else []))
            page.memberships = [
                CoalitionMembership(
                    participant=participants[(n + i) % len(participants)], role="trekker" if i == 0 else "lid"
                )
                for i in range(3 if full else 1)
            ]
            if full:
                page.external_members = [ExternalMember(name=f"Extern {n}")]
            index.add_child(instance=page)
            for i in range(2 if full or n % 50 == 0 else 0):
                ActivityPageFactory(parent=page, title=f"Activiteit {n}-{i}", slug=f"activiteit-{n}-{i}")


def count(client, url):
    new_generation()  # measure rendering the page, not a page-cache hit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_coalitions(client, index):
    participants = [ParticipantFactory() for _ in range(8)]
    grow(index, participants, 10)
    urls = ["/coalities/", "/coalities/?theme=jeugd&q=coalitie", "/coalities/coalitie-005/"]
    count(client, urls[0])  # warm caches (site root paths, content types)
    small = [count(client, url) for url in urls]
    grow(index, participants, 200)
    large = [count(client, url) for url in urls]
    assert small == large
    html = client.get("/coalities/").content.decode()
    assert (
        "200 coalities" in html
        and "Coalitie 011" in html
        and 'aria-label="GGD regio Utrecht: 200 coalities"' in html
    )
