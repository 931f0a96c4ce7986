"""PostgreSQL: two core partners answering the same open task at once: exactly one of them does it."""

import threading

import pytest
from django.db import connection
from django.test import Client

from governance.flows import ExitRequestFlow
from network.models import Role

from .conftest import core_partners, member, open_task, task_path

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_core_partners_supporting_at_once_yield_one_winner(require_postgres):
    kern = core_partners(4)
    concerned, _ = member("Twijfelachtig BV", Role.PARTNER)
    process = ExitRequestFlow.start.run(
        participant=concerned, by=kern[0][1], requesting_participant=kern[0][0], reason="Reden", rule="Regel"
    )
    path = task_path(open_task(process, ExitRequestFlow.support))
    barrier = threading.Barrier(2)
    results = []

    def support(user):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            results.append(client.post(path, {"supported": "1"}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=support, args=(kern[i][1],)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 2
    done = process.task_set.filter(flow_task=ExitRequestFlow.support, status="DONE")
    assert done.count() == 1
    assert process.task_set.filter(flow_task=ExitRequestFlow.respond).count() == 1
    process.refresh_from_db()
    assert process.supported_by == done.get().owner
