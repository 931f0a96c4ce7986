"""The audit log (issue 13) for newsletters: planning, cancelling, starting and finishing a send."""

import pytest

from newsletters.factories import NewsletterPageFactory, SubscriberFactory, newsletter_tree
from tests.network.test_security_audit import logbook, row_with

pytestmark = pytest.mark.django_db


def test_send_screen_steps_and_the_finished_mailing_in_the_logbook(
    client, office_user, django_capture_on_commit_callbacks
):
    archive = newsletter_tree()[1]
    SubscriberFactory(email="a@example.org")
    SubscriberFactory(email="b@example.org")
    newsletter = NewsletterPageFactory(parent=archive, title="Nieuwsbrief december")
    client.force_login(office_user)
    url = f"/admin/nieuwsbrieven/{newsletter.pk}/bevestigen/"  # each step after its summary is confirmed
    client.post(url, {"action": "schedule", "scheduled_for": "2099-01-01T10:00", "confirm_count": "2"})
    client.post(url, {"action": "cancel", "confirm": "cancel"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send", "confirm_count": "2"})
    html = logbook(client, office_user)
    assert row_with(html, "Verzending van de nieuwsbrief gepland op 1 januari 2099 10:00").endswith("bureau")
    assert row_with(html, "Verzending van de nieuwsbrief geannuleerd").endswith("bureau")
    assert "Nieuwsbrief december" in row_with(html, "Verzending van de nieuwsbrief gestart")
    finished = row_with(html, "Nieuwsbrief verstuurd: 2 verzonden, 0 mislukt, 0 overgeslagen")
    assert finished.endswith("systeem")
    # The newsletter page's own history in the admin shows the same.
    history = client.get(f"/admin/pages/{newsletter.pk}/history/").content.decode()
    assert "Nieuwsbrief verstuurd: 2 verzonden" in history
