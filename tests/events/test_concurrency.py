import threading

import pytest
from django.db import connection

from events import booking
from events.models import Registration

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_simultaneous_registrations_never_exceed_capacity(require_postgres, make_event):
    event = make_event(capacity=3)
    start = threading.Barrier(8)
    errors = []

    def register(n):
        try:
            start.wait()
            booking.register(event, name=f"P{n}", email=f"p{n}@example.org")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Registration.objects.filter(status="aangemeld").count() == 3
    assert Registration.objects.filter(status="wachtlijst").count() == 5
