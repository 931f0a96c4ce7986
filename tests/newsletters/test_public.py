"""Public side: double opt-in sign-up, signed one-click unsubscribe, preferences, archive."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from network.models import ConsentRecord
from newsletters.factories import NewsletterPageFactory, SubscriberFactory, signup_url
from newsletters.mail import email_from_unsubscribe_token, unsubscribe_token
from newsletters.models import Subscriber, Suppression

pytestmark = pytest.mark.django_db


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_double_opt_in_sends_nothing_before_confirmation(client, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup_url(tree), {"email": "Lezer@Example.org", "name": "Lezer", "consent": "on"}
        )
    assert response.status_code == 200
    assert "Bevestig uw aanmelding" in response.content.decode()
    subscriber = Subscriber.objects.get(email="lezer@example.org")
    assert subscriber.confirmed_at is None and not subscriber.is_active
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lezer@example.org"]
    assert not ConsentRecord.has_consent("lezer@example.org", ConsentRecord.Purpose.NEWSLETTER)

    url = _link(mail.outbox[0], r"http\S+/nieuwsbrief/bevestigen/\S+/")
    path = url.split("8000", 1)[-1]
    assert client.get(path).status_code == 200  # a link scanner's GET confirms nothing
    assert Subscriber.objects.get(email="lezer@example.org").confirmed_at is None
    response = client.post(path)
    html = response.content.decode()
    assert "Bedankt" in html and "<h1>Aanmelding bevestigd</h1>" in html
    # a next step: the preferences page of this address
    # (the link's token carries a time stamp: compare what it says, not the text made a second later)
    token = re.search(r'href="/nieuwsbrief/afmelden/([^"/]+)/"', html).group(1)
    assert email_from_unsubscribe_token(token) == "lezer@example.org"
    assert Subscriber.objects.get(email="lezer@example.org").is_active
    consent = ConsentRecord.objects.get(email="lezer@example.org", purpose=ConsentRecord.Purpose.NEWSLETTER)
    assert consent.text_version and consent.withdrawn_at is None


def test_signup_needs_consent_and_a_valid_address(client, tree):
    response = client.post(signup_url(tree), {"email": "geen-adres"})
    text = response.content.decode()
    assert "Controleer het formulier" in text
    assert '<a href="#id_email">E-mailadres: ' in text  # the summary links to the field
    # checkbox groups are fieldsets named by a legend; no label points at nothing
    assert '<fieldset class="field field-group">' in text and 'for=""' not in text
    assert Subscriber.objects.count() == 0 and len(mail.outbox) == 0


def test_an_unknown_theme_is_a_form_error_even_beyond_64_bits(client, tree):
    """Found by hypothesis on SQLite (the embedded default): a huge theme id gave a server error."""
    for theme in ("99999999999999999999", "12345"):
        data = {"email": "lezer@example.org", "consent": "on", "themes": theme}
        response = client.post(signup_url(tree), data)
        assert response.status_code == 200 and "geldige keuze" in response.content.decode()
    assert Subscriber.objects.count() == 0 and len(mail.outbox) == 0


def test_the_page_shows_the_form_and_it_posts_to_the_sign_up_url(client, tree):
    index, _archive = tree
    page = client.get("/nieuwsbrief/")
    assert page.status_code == 200 and 'name="email"' in page.content.decode()
    assert f'action="{signup_url(tree)}"' in page.content.decode()
    assert client.get(signup_url(tree)).status_code == 405
    data = {"email": "lezer@example.org", "name": "Lezer", "consent": "on"}
    assert client.post("/nieuwsbrief/999999/aanmelden/", data).status_code == 404
    index.unpublish()
    assert client.post(signup_url(tree), data).status_code == 404
    assert Subscriber.objects.count() == 0 and len(mail.outbox) == 0


def test_an_error_shows_the_sign_up_page_again_with_what_was_typed(client, tree):
    response = client.post(signup_url(tree), {"email": "geen-adres", "name": "Lezer"})
    text = response.content.decode()
    assert response.status_code == 200 and f"<h1>{tree[0].title}</h1>" in text
    assert 'value="Lezer"' in text and 'value="geen-adres"' in text


def test_sign_up_is_rate_limited(client, tree):
    for n in range(20):
        client.post(signup_url(tree), {"email": f"lezer{n}@example.org", "consent": "on"})
    response = client.post(signup_url(tree), {"email": "eenentwintig@example.org", "consent": "on"})
    assert response.status_code == 200 and "Te veel aanmeldingen vanaf dit adres" in response.content.decode()
    assert Subscriber.objects.count() == 20


def test_forged_confirmation_is_refused(client, tree):
    SubscriberFactory(email="x@example.org", confirmed_at=None)
    response = client.post("/nieuwsbrief/bevestigen/x@example.org:vervalst/")
    assert response.status_code == 400
    assert Subscriber.objects.get(email="x@example.org").confirmed_at is None


def test_one_click_unsubscribe_with_signed_token(client, tree):
    SubscriberFactory(email="a@example.org")
    SubscriberFactory(email="b@example.org")
    ConsentRecord.objects.create(email="a@example.org", purpose="nieuwsbrief", text="t", text_version="1")
    token = unsubscribe_token("A@example.org")
    response = client.post(
        f"/nieuwsbrief/afmelden/{token}/een-klik/",
        {"List-Unsubscribe": "One-Click"},
        enforce_csrf_checks=True,
    )
    assert response.status_code == 200
    assert Suppression.objects.filter(email="a@example.org").exists()
    assert not Subscriber.objects.get(email="a@example.org").is_active
    assert not ConsentRecord.has_consent("a@example.org", "nieuwsbrief")
    # the token only ever unsubscribes its own address
    assert Subscriber.objects.get(email="b@example.org").is_active
    assert not Suppression.objects.filter(email="b@example.org").exists()


def test_forged_or_tampered_tokens_are_refused(client, tree):
    SubscriberFactory(email="b@example.org")
    good = unsubscribe_token("a@example.org")
    forged = good.replace(good.split(":")[0], unsubscribe_token("b@example.org").split(":")[0])
    for token in (forged, "b@example.org", good[:-2] + "xx"):
        assert client.post(f"/nieuwsbrief/afmelden/{token}/een-klik/").status_code == 400
        assert client.get(f"/nieuwsbrief/afmelden/{token}/").status_code == 400
    assert not Suppression.objects.exists()


def test_one_click_endpoint_only_accepts_post(client, tree):
    token = unsubscribe_token("a@example.org")
    assert client.get(f"/nieuwsbrief/afmelden/{token}/een-klik/").status_code == 405
    assert not Suppression.objects.exists()


def test_footer_link_confirms_in_one_click_and_offers_preferences(client, tree):
    token = unsubscribe_token("c@example.org")
    page = client.get(f"/nieuwsbrief/afmelden/{token}/")
    text = page.content.decode()
    assert "Afmelden" in text and "Regio" in text
    assert not Suppression.objects.exists()  # opening the page changes nothing
    response = client.post(
        f"/nieuwsbrief/afmelden/{token}/", {"action": "preferences", "regions": ["utrecht"]}
    )
    assert "opgeslagen" in response.content.decode()
    assert Subscriber.objects.get(email="c@example.org").regions == ["utrecht"]
    response = client.post(f"/nieuwsbrief/afmelden/{token}/", {"action": "unsubscribe"})
    assert "is afgemeld" in response.content.decode()
    assert Suppression.objects.get(email="c@example.org").reason == Suppression.Reason.UNSUBSCRIBED


def test_resubscribing_lifts_an_unsubscribe(client, tree, django_capture_on_commit_callbacks):
    SubscriberFactory(email="d@example.org", unsubscribed_at=timezone.now())
    Suppression.add("d@example.org", Suppression.Reason.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(tree), {"email": "d@example.org", "consent": "on"})
    path = _link(mail.outbox[0], r"/nieuwsbrief/bevestigen/\S+/")
    client.post(path)
    assert Subscriber.objects.get(email="d@example.org").is_active
    assert not Suppression.objects.filter(email="d@example.org").exists()


def test_archive_lists_published_newsletters_only(client, tree):
    _index, archive = tree
    NewsletterPageFactory(parent=archive, title="Verstuurde nieuwsbrief")
    draft = NewsletterPageFactory(parent=archive, title="Concept nieuwsbrief")
    draft.unpublish()
    text = client.get("/nieuwsbrief/archief/").content.decode()
    assert "Verstuurde nieuwsbrief" in text and "Concept nieuwsbrief" not in text
    assert client.get("/nieuwsbrief/archief/verstuurde-nieuwsbrief/").status_code == 200


def test_my_network_shows_the_newsletter_panel(client, tree):
    from network.factories import ContactUserFactory
    from network.models import Role

    user = ContactUserFactory(username="sup", role=Role.SUPPORTER)
    client.force_login(user)
    text = client.get("/mijn/").content.decode()
    assert "Nieuwsbrief" in text and "/nieuwsbrief/afmelden/" in text
    Suppression.add("sup@example.org", Suppression.Reason.UNSUBSCRIBED)
    assert "Opnieuw aanmelden" in client.get("/mijn/").content.decode()
