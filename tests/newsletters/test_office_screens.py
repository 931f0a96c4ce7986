"""The office's newsletter screens over HTTP (issue 17): confirmation before anything goes out, an audience
that is exactly what was chosen, reusable segments, test mails to several addresses, the preview as mail,
the report against the ledger."""

import smtplib
from html import escape
from unittest import mock

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail
from django.utils import timezone

from network.factories import ContactPersonFactory, ParticipantFactory
from network.models import Role
from newsletters import report, tasks
from newsletters.audience import recipient_addresses
from newsletters.factories import NewsletterPageFactory, SubscriberFactory, newsletter_tree
from newsletters.mail import unsubscribe_token
from newsletters.models import (
    Delivery,
    Mailing,
    NewsletterPage,
    Segment,
    Suppression,
    TrackingEvent,
)
from newsletters.models import TestMail as SentTestMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    return newsletter_tree()[1]


@pytest.fixture
def people(db):
    """Two partners (Utrecht, Twente), a supporter, three public subscribers, one of them bounced."""
    ggd = ParticipantFactory(role=Role.PARTNER, name="GGD Utrecht", region="utrecht")
    ContactPersonFactory(participant=ggd, name="Gert", email="gert@ggd.example.org")
    club = ParticipantFactory(role=Role.PARTNER, name="Sportclub Oost", region="twente")
    ContactPersonFactory(participant=club, name="Olga", email="olga@club.example.org")
    ContactPersonFactory(participant=ParticipantFactory(role=Role.SUPPORTER), email="sam@example.org")
    SubscriberFactory(email="lezer@example.org", name="Lies", regions=["utrecht"])
    SubscriberFactory(email="ver@example.org", name="Vera", regions=["twente"])
    SubscriberFactory(email="kapot@example.org", name="Kees")
    SubscriberFactory(email="nooit@example.org", confirmed_at=None)
    Suppression.add("kapot@example.org", Suppression.Reason.BOUNCED, "550 onbekend")


def urls(newsletter):
    one = f"/admin/nieuwsbrieven/{newsletter.pk}/"
    return one, one + "bevestigen/", one + "ontvangers/"


def choose(client, newsletter, *segments):
    _send, _confirm, audience = urls(newsletter)
    return client.post(audience, {"action": "choose", "segments": [s.pk for s in segments]})


def test_a_send_post_without_the_confirmed_count_sends_nothing(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    newsletter = NewsletterPageFactory(parent=archive, to_supporters=False)  # public subscribers
    send, confirm, _audience = urls(newsletter)
    with django_capture_on_commit_callbacks(execute=True):
        bare = office_client.post(send, {"action": "send"})  # the old form's bare POST
        summary = office_client.post(confirm, {"action": "send"})
        stale = office_client.post(confirm, {"action": "send", "confirm_count": "7"})
        office_client.post(confirm, {"action": "schedule", "scheduled_for": "2099-01-01T10:00"})
    assert bare.status_code == 302 and bare.url.startswith(confirm)  # it leads to the summary
    assert "Ja, nu versturen naar 2 ontvangers" in summary.content.decode()
    assert "Het aantal ontvangers is veranderd (van 7 naar 2)" in stale.content.decode()
    assert mail.outbox == [] and not Delivery.objects.exists()
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(confirm, {"action": "send", "confirm_count": "2"})
    assert sorted(m.to[0] for m in mail.outbox) == ["lezer@example.org", "ver@example.org"]
    mailing = Mailing.objects.get(newsletter=newsletter)
    assert mailing.confirmed_count == 2 and [e["name"] for e in mailing.audience] == ["Publieke abonnees"]


def test_the_summary_names_subject_sender_audience_and_when(office_client, archive, people, settings):
    newsletter = NewsletterPageFactory(parent=archive, subject="Zomernieuws", to_supporters=False)
    html = office_client.get(urls(newsletter)[1] + "?action=send").content.decode()
    for text in (
        "Zomernieuws",
        escape(settings.DEFAULT_FROM_EMAIL),
        "Publieke abonnees: 2 adressen",
        "2 ontvangers",
    ):
        assert text in html
    assert "Direct na uw bevestiging" in html


def test_cancel_and_schedule_go_through_the_summary(office_client, archive, people):
    newsletter = NewsletterPageFactory(parent=archive, to_supporters=False)
    _send, confirm, _audience = urls(newsletter)
    office_client.post(
        confirm, {"action": "schedule", "scheduled_for": "2099-01-01T10:00", "confirm_count": "2"}
    )
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.SCHEDULED
    summary = office_client.post(confirm, {"action": "cancel"}).content.decode()  # not yet confirmed
    assert "Ja, annuleer de verzending" in summary
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.SCHEDULED
    office_client.post(confirm, {"action": "cancel", "confirm": "cancel"})
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.CANCELLED


def test_nothing_is_pre_ticked_and_the_audience_is_exactly_what_was_chosen(office_client, archive, people):
    newsletter = NewsletterPage(title="Nieuw", slug="nieuw")
    archive.add_child(instance=newsletter)  # as the office makes one: no audience yet
    _send, confirm, audience = urls(newsletter)
    html = office_client.get(audience).content.decode()
    assert "checked" not in html and "gebruikelijke doelgroep" in html  # supporters shown, as a choice
    assert "Kies eerst de ontvangers" in office_client.get(confirm + "?action=send").content.decode()

    utrecht = Segment.objects.create(name="Partners in Utrecht", to_partners=True, regions=["utrecht"])
    choose(office_client, newsletter, utrecht)
    assert list(recipient_addresses(newsletter)) == ["gert@ggd.example.org"]  # no public subscribers
    html = office_client.get(audience).content.decode()
    assert html.count("checked") == 1 and 'id="audience-total">1<' in html

    choose(office_client, newsletter, utrecht, Segment.standard("abonnees"))
    html = office_client.get(audience).content.decode()
    assert 'id="audience-total">3<' in html  # gert + lezer + ver; kapot bounced, nooit never confirmed
    assert "Harde bounce: 1" in html and "kapot@example.org" in html
    assert "Geen toestemming (aanmelding niet bevestigd): 1" in html and "nooit@example.org" in html
    assert "GGD Utrecht" in html and "Lies" in html  # the sample names people and organisations


def test_per_segment_the_count_and_the_overlap_removed(office_client, archive, people):
    SubscriberFactory(email="olga@club.example.org", name="Olga")  # a partner's contact who also signed up
    newsletter = NewsletterPageFactory(parent=archive, to_supporters=False, to_partners=True)
    html = office_client.get(urls(newsletter)[2]).content.decode()
    partners = html[html.index('<th scope="row">Partners</th>') :].split("</tr>")[0]
    public = html[html.index('<th scope="row">Publieke abonnees</th>') :].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in partners.split("</td>")[:-1]] == ["2", "0", "2", "0"]
    assert [cell.split(">")[-1] for cell in public.split("</td>")[:-1]] == ["3", "−1", "2", "2"]
    assert 'id="audience-total">4<' in html


def test_the_recipient_list_downloads_with_names_and_segments(office_client, archive, people):
    newsletter = NewsletterPageFactory(parent=archive, to_supporters=False, to_partners=True)
    response = office_client.get(urls(newsletter)[0] + "ontvangers.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    lines = text.strip().splitlines()
    assert lines[0] == "E-mailadres;Naam;Organisatie;Doelgroep"
    assert "gert@ggd.example.org;Gert;GGD Utrecht;Partners" in lines
    assert "lezer@example.org;Lies;publieke abonnee;Publieke abonnees" in lines
    assert len(lines) == 1 + 4


def test_a_saved_segment_reused_gives_the_same_recipients(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    office_client.post(
        urls(NewsletterPageFactory(parent=archive, audience=[]))[2],
        {
            "action": "new_segment",
            "nieuw-name": "Utrecht",
            "nieuw-to_partners": "on",
            "nieuw-to_subscribers": "on",
            "nieuw-regions": ["utrecht"],
        },
    )
    segment = Segment.objects.get(name="Utrecht")
    first, second = (
        NewsletterPage.objects.get(segments=segment),
        NewsletterPageFactory(parent=archive, audience=[]),
    )
    choose(office_client, second, segment)  # chosen again by name for the next newsletter
    sent = {}
    for newsletter in (first, second):
        newsletter.save_revision().publish()
        with django_capture_on_commit_callbacks(execute=True):
            office_client.post(urls(newsletter)[1], {"action": "send", "confirm_count": "2"})
        sent[newsletter.pk] = set(
            Delivery.objects.filter(mailing__newsletter=newsletter, status="sent").values_list(
                "email", flat=True
            )
        )
    # Partners and subscribers in Utrecht (and subscribers who chose no region: the bounced one, skipped).
    assert sent[first.pk] == sent[second.pk] == {"gert@ggd.example.org", "lezer@example.org"}


def test_a_new_segment_needs_a_group_and_says_so_at_the_field(office_client, archive):
    newsletter = NewsletterPageFactory(parent=archive, audience=[])
    response = office_client.post(urls(newsletter)[2], {"action": "new_segment", "nieuw-name": "Leeg"})
    assert "Kies ten minste één groep." in response.content.decode()
    assert not Segment.objects.filter(name="Leeg").exists()


def test_test_mails_go_to_up_to_ten_addresses_marked_and_outside_the_ledger(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    newsletter = NewsletterPageFactory(parent=archive, title="Juli")
    send = urls(newsletter)[0]
    eleven = " ".join(f"c{n}@example.org" for n in range(11))
    response = office_client.post(send, {"action": "test", "addresses": eleven})
    assert "Hoogstens 10 adressen; u gaf er 11." in response.content.decode()
    response = office_client.post(send, {"action": "test", "addresses": "a@example.org, geen-adres"})
    assert "“geen-adres” is geen geldig e-mailadres." in response.content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            send, {"action": "test", "addresses": "a@example.org\nB@example.org, a@example.org"}
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    for message in mail.outbox:
        assert message.subject.startswith("[TEST]") and message.extra_headers["X-NNR-Test"] == "1"
        assert "Testmail: zo ziet de nieuwsbrief eruit" in message.body
        assert "Testmail: zo ziet de nieuwsbrief eruit" in message.alternatives[0][0]
    assert SentTestMail.objects.filter(newsletter=newsletter).count() == 2
    assert not Delivery.objects.exists()
    assert "b@example.org" in office_client.get(send).content.decode()


def test_the_preview_is_the_mail_as_sent_and_as_one_recipient_gets_it(office_client, archive, people):
    newsletter = NewsletterPageFactory(parent=archive, title="Augustus", to_supporters=False)
    one = urls(newsletter)[0]
    screen = office_client.get(one + "voorbeeld/?ontvanger=lezer@example.org").content.decode()
    assert "Lies" in screen and "via de doelgroep 'Publieke abonnees'" in screen
    assert (
        "overgeslagen: harde bounce"
        in office_client.get(one + "voorbeeld/?ontvanger=kapot@example.org").content.decode()
    )
    assert (
        "valt buiten" in office_client.get(one + "voorbeeld/?ontvanger=gert@ggd.example.org").content.decode()
    )
    html = office_client.get(one + "voorbeeld/mail/?ontvanger=lezer@example.org")
    assert "frame-ancestors 'self'" in html["Content-Security-Policy"]
    body = html.content.decode()
    assert 'style="' in body and "<style" not in body  # the inlined CSS recipients get
    assert unsubscribe_token("lezer@example.org") in body  # the recipient's own unsubscribe link
    text = office_client.get(one + "voorbeeld/mail/?vorm=tekst").content.decode()
    assert "<pre" in text and "Afmelden of voorkeuren aanpassen: http" in text


def test_the_editor_preview_panel_may_frame_both_modes(rf, office_user, archive):
    newsletter = NewsletterPageFactory(parent=archive, title="Preview")
    request = rf.get("/")
    request.user = office_user
    for mode in ("email", "text"):
        response = newsletter.make_preview_request(request, mode)
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"], mode
        assert b"Afmelden of voorkeuren aanpassen" in response.content
    page = newsletter.make_preview_request(request, "")
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert "'none'" not in page["Content-Security-Policy"].split("frame-ancestors")[1].split(";")[0]


def _sent_with_a_failure(archive, capture):
    SubscriberFactory(email="kapot2@example.org")
    newsletter = NewsletterPageFactory(parent=archive, to_supporters=False, to_partners=True)
    mailing, _ = Mailing.objects.get_or_create(newsletter=newsletter)
    original = mail.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        if self.to == ["kapot2@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"kapot2@example.org": (550, b"5.1.1 mailbox unknown")})
        return original(self, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", refuse), capture(execute=True):
        tasks.begin_sending(mailing)
    mailing.refresh_from_db()
    return newsletter, mailing


def test_the_report_equals_the_ledger_per_segment(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    newsletter, mailing = _sent_with_a_failure(archive, django_capture_on_commit_callbacks)
    Suppression.add("ver@example.org", Suppression.Reason.UNSUBSCRIBED)
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type="bounced", recipient="lezer@example.org", metadata={}),
        esp_name="Test",
    )
    built = report.build(mailing)
    ledger = mailing.counts()
    assert built.total.counts == ledger
    assert sum(row.total for row in built.rows) == mailing.deliveries.count()
    by_label = {row.label: row for row in built.rows}
    assert by_label["Partners"].counts["sent"] == 2
    assert by_label["Publieke abonnees"].counts == {
        "queued": 0,
        "claimed": 0,
        "sent": 2,
        "failed": 1,
        "skipped": 1,
    }
    assert (by_label["Publieke abonnees"].bounced, by_label["Publieke abonnees"].unsubscribed) == (1, 1)

    html = office_client.get(urls(newsletter)[0] + "verslag/").content.decode()
    assert (
        f'data-total="sent">{ledger["sent"]}<' in html and f'data-total="failed">{ledger["failed"]}<' in html
    )
    assert "5.1.1 mailbox unknown" in html  # the failed row with the SMTP answer
    assert "1 mislukt adres opnieuw proberen" in html


def test_the_provider_counts_are_set_against_the_ledger(archive, people, django_capture_on_commit_callbacks):
    _newsletter, mailing = _sent_with_a_failure(archive, django_capture_on_commit_callbacks)
    row = Delivery.objects.get(mailing=mailing, email="gert@ggd.example.org")
    for kind, address, meta in (
        ("delivered", "gert@ggd.example.org", {"mailing": str(mailing.pk), "delivery": str(row.pk)}),
        ("delivered", "olga@club.example.org", {}),  # found by its ledger row
        ("bounced", "lezer@example.org", {}),
        ("delivered", "iemand@anders.example.org", {}),  # not a newsletter message: not ours to count
    ):
        tracking.send(
            sender=object,
            event=AnymailTrackingEvent(
                event_type=kind, recipient=address, metadata=meta, timestamp=timezone.now()
            ),
            esp_name="Test",
        )
    assert TrackingEvent.objects.filter(mailing=mailing).count() == 3
    provider = report.provider(mailing)
    assert (provider.ours_sent, provider.accepted, provider.bounced) == (4, 2, 1)
    assert provider.difference == 1 and provider.unreported == ["ver@example.org"]


def test_retry_the_failed_after_confirming(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    newsletter, mailing = _sent_with_a_failure(archive, django_capture_on_commit_callbacks)
    confirm = urls(newsletter)[1]
    assert "Ja, 1 adres opnieuw proberen" in office_client.get(confirm + "?action=retry").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(confirm, {"action": "retry"})  # unconfirmed: nothing
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(confirm, {"action": "retry", "confirm_count": "1"})
    assert [m.to for m in mail.outbox] == [["kapot2@example.org"]]
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT and mailing.counts()["failed"] == 0


def test_the_list_shows_each_newsletter_with_status_and_counts(
    office_client, archive, people, django_capture_on_commit_callbacks
):
    _newsletter, _mailing = _sent_with_a_failure(archive, django_capture_on_commit_callbacks)
    NewsletterPageFactory(parent=archive, title="Nog een concept")
    html = office_client.get("/admin/nieuwsbrieven/").content.decode()
    assert "Nieuwe nieuwsbrief" in html and "/admin/pages/add/newsletters/newsletterpage/" in html
    assert "Nog een concept" in html and "Concept" in html and "Verstuurd" in html
    drafts = office_client.get("/admin/nieuwsbrieven/?status=concept").content.decode()
    assert "Nog een concept" in drafts and "Verslag" not in drafts
    menu = office_client.get("/admin/").content.decode()
    assert "Alle nieuwsbrieven" in menu and "Doelgroepen" in menu


def test_subscriber_list_says_ja_and_nee(office_client):
    SubscriberFactory(email="lezer@example.org", is_public=True)
    SubscriberFactory(email="contact@example.org", is_public=False, confirmed_at=None)
    html = office_client.get("/admin/snippets/newsletters/subscriber/").content.decode()
    assert ">Ja<" in html.replace("\n", "").replace(" ", "") and ">Nee<" in html.replace("\n", "").replace(
        " ", ""
    )
    assert "True" not in html and "False" not in html
