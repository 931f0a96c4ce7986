"""The office lifts a wrong bounce in the admin; the address then gets mail again. Unsubscribes stay."""

import pytest
from wagtail.models import ModelLogEntry

from network.factories import UserFactory
from newsletters.audience import recipient_addresses
from newsletters.factories import NewsletterPageFactory, SubscriberFactory, newsletter_tree
from newsletters.models import Suppression

pytestmark = pytest.mark.django_db
LISTING = "/admin/snippets/newsletters/suppression/"


def lift_url(suppression):
    return f"{LISTING}delete/{suppression.pk}/"


def test_office_lifts_a_bounce_after_a_dutch_confirmation_and_the_address_gets_mail_again(
    office_client, office_user
):
    newsletter = NewsletterPageFactory(parent=newsletter_tree()[1])
    SubscriberFactory(email="kapot@example.org")
    bounce = Suppression.add("kapot@example.org", Suppression.Reason.BOUNCED, "Postmark: vervalst")
    assert "kapot@example.org" not in set(recipient_addresses(newsletter))

    listing = office_client.get(LISTING).content.decode()
    assert "Blokkade opheffen" in listing and lift_url(bounce) in listing
    confirm = office_client.get(lift_url(bounce)).content.decode()
    assert "Na het opheffen krijgt kapot@example.org weer nieuwsbrieven" in confirm
    assert (
        "Harde bounce" in confirm and "Postmark: vervalst" in confirm and "Ja, blokkade opheffen" in confirm
    )

    response = office_client.post(lift_url(bounce), follow=True)
    assert "De blokkade van kapot@example.org (Harde bounce) is opgeheven" in response.content.decode()
    assert not Suppression.objects.exists()
    assert "kapot@example.org" in set(recipient_addresses(newsletter))
    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert entry.user == office_user and entry.label.startswith(
        "kapot@example.org"
    )  # who lifted it, and when


def test_an_unsubscribe_is_not_lifted_by_the_office_not_even_in_bulk(office_client, office_user):
    own_choice = Suppression.add("weg@example.org", Suppression.Reason.UNSUBSCRIBED)
    complaint = Suppression.add("klacht@example.org", Suppression.Reason.COMPLAINED)
    listing = office_client.get(LISTING).content.decode()
    assert lift_url(complaint) in listing and lift_url(own_choice) not in listing
    for method in (
        office_client.get,
        office_client.post,
    ):  # Wagtail answers "no permission" with a redirect to /admin/
        assert method(lift_url(own_choice))["Location"] == "/admin/"
    bulk = f"/admin/bulk/newsletters/suppression/delete/?id={own_choice.pk}&id={complaint.pk}"
    response = office_client.post(bulk, follow=True)
    assert "alleen de persoon zelf" in response.content.decode()
    assert Suppression.objects.count() == 2


def test_others_cannot_lift(client):
    bounce = Suppression.add("kapot@example.org", Suppression.Reason.BOUNCED)
    client.force_login(UserFactory(username="iemand"))
    client.post(lift_url(bounce))
    assert Suppression.objects.exists()
