"""Issue 13.1: an e-mail address typed on /mijn/organisatie/ is not an identity.

A new address counts only after its owner followed the signed link sent to it; consents hang on the
contact person, not on whoever has (or types) the same address.
"""

import re
import time

import pytest
from django.core import mail, signing

from network.factories import ContactPersonFactory, ContactUserFactory
from network.models import ConsentRecord, ContactPerson

pytestmark = pytest.mark.django_db


def share(contact):
    return ConsentRecord.objects.create(
        email=contact.email, contact=contact, purpose="gegevens_delen", text="Ik deel", text_version="1"
    )


@pytest.fixture
def me():
    return ContactUserFactory(
        username="ilse",
        email="ilse@ggd.example.org",
        contact__name="Ilse Ik",
        contact__participant__name="GGD Twente",
    ).contact_person


@pytest.fixture
def victim():
    """A contact person of another participant, who does not share her details."""
    return ContactPersonFactory(
        participant__name="Sportbond Noord", name="Vera Slachtoffer", email="vera@sport.example.org"
    )


def organisation_post(contact, emails=None):
    """The /mijn/organisatie/ form as it is shown, with some contacts' addresses changed."""
    participant = contact.participant
    contacts = list(participant.contacts.order_by("pk"))
    data = {
        "org-name": participant.name,
        "org-sector": participant.sector,
        "org-region": participant.region,
        "org-website": "",
        "org-kvk_number": "",
        "org-description": "",
        "contacts-TOTAL_FORMS": str(len(contacts)),
        "contacts-INITIAL_FORMS": str(len(contacts)),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(contacts):
        data |= {
            f"contacts-{i}-id": str(c.pk),
            f"contacts-{i}-participant": str(participant.pk),
            f"contacts-{i}-name": c.name,
            f"contacts-{i}-email": (emails or {}).get(c.pk, c.email),
            f"contacts-{i}-phone": c.phone,
            f"contacts-{i}-job_title": c.job_title,
        }
    return data


def change_email(client, contact, new_email, capture, of=None):
    """Log in as `contact` and change the address of `of` (default: its own) on /mijn/organisatie/."""
    client.force_login(contact.user)
    target = of or contact
    with capture(execute=True):
        return client.post(
            "/mijn/organisatie/", organisation_post(contact, {target.pk: new_email}), follow=True
        )


def mail_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def link_in(message):
    return re.search(r"https?://\S+(/mijn/e-mail-bevestigen/\S+/)", message.body).group(1)


def test_a_new_address_counts_only_after_its_link_is_followed(client, me, django_capture_on_commit_callbacks):
    response = change_email(client, me, "ilse.nieuw@ggd.example.org", django_capture_on_commit_callbacks)
    html = response.content.decode()
    assert "bevestigingsmail gestuurd naar ilse.nieuw@ggd.example.org" in html
    me.refresh_from_db()
    me.user.refresh_from_db()
    assert me.email == me.user.email == "ilse@ggd.example.org"
    assert me.pending_email == "ilse.nieuw@ggd.example.org"
    assert "wacht op bevestiging" in client.get("/mijn/organisatie/").content.decode()

    notice = mail_to("ilse@ggd.example.org")
    assert "Uw e-mailadres wordt gewijzigd" in notice.subject + notice.body
    assert "Heeft u dit niet zelf gedaan?" in notice.body and "/mijn/e-mail-bevestigen/" not in notice.body
    url = link_in(mail_to("ilse.nieuw@ggd.example.org"))

    client.logout()  # the contact has an account: the link works only for it, logged in
    assert client.get(url)["Location"].startswith("/login/")
    client.force_login(ContactUserFactory(username="otto", email="otto@ander.example.org"))
    assert client.post(url).status_code == 404
    client.force_login(me.user)
    page = client.get(url)
    assert page.status_code == 200 and "Ja, bevestig dit e-mailadres" in page.content.decode()
    me.refresh_from_db()
    assert me.email == "ilse@ggd.example.org"  # a GET (a mail scanner) changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "Bevestigd" in done.content.decode()
    me.refresh_from_db()
    me.user.refresh_from_db()
    assert me.email == me.user.email == "ilse.nieuw@ggd.example.org" and me.pending_email == ""

    assert client.post(url).status_code == 404  # once


def test_forged_expired_and_superseded_links_change_nothing(
    client, me, victim, django_capture_on_commit_callbacks, monkeypatch
):
    from network import email_change

    change_email(client, me, "ilse.nieuw@ggd.example.org", django_capture_on_commit_callbacks)
    superseded = link_in(mail_to("ilse.nieuw@ggd.example.org"))
    me.refresh_from_db()
    good = email_change.make_token(me, me.pending_email)
    forged = [
        "vervalst",
        good[:-2] + "xx",
        signing.dumps({"contact": me.pk, "from": me.email, "to": me.pending_email}, key="ander-geheim"),
        # a genuine link, but for another address or another contact
        email_change.make_token(me, "iets.anders@example.org"),
        email_change.make_token(victim, me.pending_email),
    ]
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: 1_000_000_000)
        forged.append(email_change.make_token(me, me.pending_email))  # long expired
    change_email(client, me, "ilse.anders@ggd.example.org", django_capture_on_commit_callbacks)
    client.logout()
    for token in forged:
        assert client.post(f"/mijn/e-mail-bevestigen/{token}/").status_code == 404, token
    assert client.post(superseded).status_code == 404
    me.refresh_from_db()
    assert me.email == "ilse@ggd.example.org" and me.pending_email == "ilse.anders@ggd.example.org"


def test_a_colleagues_address_is_theirs_or_changes_only_with_confirmation(
    client, me, django_capture_on_commit_callbacks
):
    with_account = ContactUserFactory(
        username="bas",
        email="bas@ggd.example.org",
        contact__name="Bas Collega",
        contact__participant=me.participant,
    ).contact_person
    change_email(client, me, "bas@elders.example.org", django_capture_on_commit_callbacks, with_account)
    with_account.refresh_from_db()
    with_account.user.refresh_from_db()
    assert with_account.email == with_account.user.email == "bas@ggd.example.org"
    assert with_account.pending_email == "" and not mail.outbox  # the field is not hers to change
    assert "alleen die collega zelf" in client.get("/mijn/organisatie/").content.decode()

    without = ContactPersonFactory(
        participant=me.participant, name="Cor Collega", email="cor@ggd.example.org"
    )
    change_email(client, me, "cor@elders.example.org", django_capture_on_commit_callbacks, without)
    without.refresh_from_db()
    assert without.email == "cor@ggd.example.org" and without.pending_email == "cor@elders.example.org"
    assert "Uw e-mailadres wordt gewijzigd" in mail_to("cor@ggd.example.org").body
    url = link_in(mail_to("cor@elders.example.org"))
    client.logout()  # no account: whoever reads the new mailbox confirms
    assert client.post(url).status_code == 200
    without.refresh_from_db()
    assert without.email == "cor@elders.example.org"


def test_consent_given_after_taking_another_persons_address_does_not_show_that_person(
    client, me, victim, django_capture_on_commit_callbacks
):
    change_email(client, me, victim.email, django_capture_on_commit_callbacks)
    client.post("/mijn/privacy/", {"action": "give", "agree": "on"})
    html = client.get("/deelnemers/").content.decode()
    assert "Sportbond Noord" in html
    assert victim.email not in html and victim.name not in html
    assert "Ilse Ik" in html  # her own consent works, for her own contact


def test_withdrawing_does_not_touch_another_persons_consents(
    client, me, victim, django_capture_on_commit_callbacks
):
    hers = share(victim)
    newsletter = ConsentRecord.objects.create(
        email=victim.email, purpose="nieuwsbrief", text="Nieuwsbrief", text_version="1"
    )
    change_email(client, me, victim.email, django_capture_on_commit_callbacks)
    page = client.get("/mijn/privacy/").content.decode()
    assert victim.email not in page
    for purpose in ("gegevens_delen", "nieuwsbrief"):
        client.post("/mijn/privacy/", {"action": "withdraw", "purpose": purpose})
    hers.refresh_from_db()
    newsletter.refresh_from_db()
    assert hers.withdrawn_at is None and newsletter.withdrawn_at is None
    assert victim.email in client.get("/deelnemers/").content.decode()


def test_the_preferences_link_on_mijn_is_for_the_confirmed_address(
    client, me, victim, django_capture_on_commit_callbacks
):
    from newsletters.mail import email_from_unsubscribe_token

    change_email(client, me, victim.email, django_capture_on_commit_callbacks)
    html = client.get("/mijn/").content.decode()
    token = re.search(r'href="/nieuwsbrief/[^"]*?/([^/"]+:[^/"]+)/"', html).group(1)
    assert email_from_unsubscribe_token(token) == "ilse@ggd.example.org"
    assert victim.email not in html


def test_the_office_still_changes_an_address_directly_in_the_admin(client, me, office_user):
    """The office is a trusted role: the admin saves a new address at once, without a mail."""
    from django.urls import reverse

    client.force_login(office_user)
    participant = me.participant
    response = client.post(
        reverse("wagtailsnippets_network_participant:edit", args=[participant.pk]),
        {
            "name": participant.name,
            "kind": participant.kind,
            "sector": participant.sector,
            "region": participant.region,
            "role": participant.role,
            "status": participant.status,
            "joined_on": participant.joined_on.isoformat(),
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
            "contacts-0-id": str(me.pk),
            "contacts-0-name": me.name,
            "contacts-0-email": "ilse.bureau@ggd.example.org",
            "contacts-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    me.refresh_from_db()
    assert me.email == "ilse.bureau@ggd.example.org" and me.pending_email == "" and not mail.outbox


def test_the_office_erases_consents_given_under_an_earlier_address(client, me, office_user):
    """Consent follows the contact, so erasing by its current address also removes those given before."""
    old = share(me)  # recorded with ilse@ggd.example.org
    ContactPerson.objects.filter(pk=me.pk).update(email="ilse.nieuw@ggd.example.org")
    client.force_login(office_user)
    new = "ilse.nieuw@ggd.example.org"
    export = client.post("/admin/privacy/", {"email": new, "action": "export"}).json()
    assert [r["versie"] for r in export["network"]["toestemmingen"]] == ["1"]
    client.post("/admin/privacy/", {"email": new, "action": "erase", "confirm": new})
    assert not ConsentRecord.objects.filter(pk=old.pk).exists()
