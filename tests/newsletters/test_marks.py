"""In-process sending over real SMTP and PostgreSQL: a message reaches the server only once the previous
row's "sent" mark is committed, which is what limits a killed worker to repeating one message."""

import psycopg
import pytest
from django.db import connection

from newsletters import tasks
from newsletters.factories import NewsletterPageFactory, SubscriberFactory, newsletter_tree
from newsletters.models import Delivery, Mailing

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_message_goes_out_after_the_previous_mark_is_committed(require_postgres, smtp_sink, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    addresses = [f"lezer{n:02d}@example.org" for n in range(40)] + ["lezer@bücher.example"]
    for address in addresses:
        SubscriberFactory(email=address)
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1])
    mailing = Mailing.objects.create(newsletter=newsletter)

    observer = psycopg.connect(**connection.get_connection_params(), autocommit=True)
    committed = []  # per message the server accepts: how many rows another session sees marked sent

    def count_committed_marks(_recipients):
        query = "select count(*) from newsletters_delivery where mailing_id = %s and status = 'sent'"
        committed.append(observer.execute(query, [mailing.pk]).fetchone()[0])

    smtp_sink.on_data = count_committed_marks
    tasks.begin_sending(mailing)  # eager: the chunk runs here, on an autocommit connection
    observer.close()

    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert committed == list(range(len(addresses)))
    received = sorted(smtp_sink.recipients())
    assert received == sorted(addresses[:-1] + ["lezer@xn--bcher-kva.example"])
    assert Delivery.objects.filter(mailing=mailing, status="sent").count() == len(addresses)
