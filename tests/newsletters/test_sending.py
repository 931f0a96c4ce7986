"""Audience, ledger and sending, run in-process (eager Celery, locmem mail)."""

import smtplib
from unittest import mock

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from django.core import mail

from network.factories import ContactPersonFactory, ParticipantFactory, UserFactory
from network.models import Participant, Role
from network.roles import PARTNERS
from newsletters import delivery, tasks
from newsletters.audience import recipient_addresses, recipient_count
from newsletters.factories import NewsletterPageFactory, SubscriberFactory, newsletter_tree
from newsletters.models import Delivery, Mailing, Segment, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(db):
    return newsletter_tree()[1]


def _send(newsletter, capture):
    mailing, _ = Mailing.objects.get_or_create(newsletter=newsletter)
    with capture(execute=True):
        tasks.begin_sending(mailing)
    mailing.refresh_from_db()
    return mailing


def test_supporters_and_subscribers_by_default_each_address_once(archive, django_capture_on_commit_callbacks):
    supporter = ParticipantFactory(role=Role.SUPPORTER)
    ContactPersonFactory(participant=supporter, email="Dubbel@Example.org")
    ContactPersonFactory(participant=ParticipantFactory(role=Role.PARTNER), email="partner@example.org")
    ContactPersonFactory(participant=ParticipantFactory(role=Role.SUPPORTER), email="dubbel@example.org")
    left = ParticipantFactory(role=Role.SUPPORTER, status=Participant.Status.LEFT)
    ContactPersonFactory(participant=left, email="weg@example.org")
    SubscriberFactory(email="dubbel@example.org")
    SubscriberFactory(email="lezer@example.org")
    SubscriberFactory(email="onbevestigd@example.org", confirmed_at=None)
    SubscriberFactory(email="gebounced@example.org")
    Suppression.add("Gebounced@example.org", Suppression.Reason.BOUNCED)
    newsletter = NewsletterPageFactory(parent=archive)

    assert sorted(recipient_addresses(newsletter)) == ["dubbel@example.org", "lezer@example.org"]
    assert recipient_count(newsletter) == 2
    mailing = _send(newsletter, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["dubbel@example.org", "lezer@example.org"]
    assert mailing.status == Mailing.Status.SENT
    assert mailing.counts()["sent"] == 2


def test_segments_by_role_and_region_combine(archive):
    utrecht = ParticipantFactory(role=Role.PARTNER, region="utrecht")
    ContactPersonFactory(participant=utrecht, email="p-utrecht@example.org")
    ContactPersonFactory(
        participant=ParticipantFactory(role=Role.PARTNER, region="twente"), email="p-twente@example.org"
    )
    ContactPersonFactory(
        participant=ParticipantFactory(role=Role.SUPPORTER, region="utrecht"), email="s-utrecht@example.org"
    )
    ContactPersonFactory(
        participant=ParticipantFactory(role=Role.KERNPARTNER, region="utrecht"), email="k@example.org"
    )
    SubscriberFactory(email="wil-utrecht@example.org", regions=["utrecht"])
    SubscriberFactory(email="wil-twente@example.org", regions=["twente"])
    SubscriberFactory(email="wil-alles@example.org")
    in_utrecht = Segment.objects.create(
        name="Partners en lezers in Utrecht", to_partners=True, to_subscribers=True, regions=["utrecht"]
    )
    newsletter = NewsletterPageFactory(parent=archive, audience=[in_utrecht])
    assert sorted(recipient_addresses(newsletter)) == [
        "p-utrecht@example.org",
        "wil-alles@example.org",
        "wil-utrecht@example.org",
    ]
    core = Segment.objects.create(
        name="(Kern)partners in Utrecht", to_partners=True, to_core_partners=True, regions=["utrecht"]
    )
    newsletter.segments.set([core])
    assert sorted(recipient_addresses(newsletter)) == ["k@example.org", "p-utrecht@example.org"]


def test_theme_and_coalition_segments_use_coalition_members(archive):
    from coalitions import factories as coalitions
    from coalitions.models import CoalitionMembership

    index = coalitions.CoalitionIndexPageFactory(parent=archive.get_parent().get_parent())
    sport = coalitions.CoalitionPageFactory(parent=index, title="Rookvrij sporten")
    sport.themes.add("sport")
    sport.save()
    school = coalitions.CoalitionPageFactory(parent=index, title="Rookvrije school")
    member, other = ParticipantFactory(role=Role.PARTNER), ParticipantFactory(role=Role.PARTNER)
    ContactPersonFactory(participant=member, email="lid@example.org")
    ContactPersonFactory(participant=other, email="ander@example.org")
    CoalitionMembership.objects.create(page=sport, participant=member)
    CoalitionMembership.objects.create(page=school, participant=other)
    from taggit.models import Tag

    segment = Segment.objects.create(name="Partners in een coalitie", to_partners=True)
    newsletter = NewsletterPageFactory(parent=archive, audience=[segment])
    segment.themes.set([Tag.objects.get(name="sport")])
    assert list(recipient_addresses(newsletter)) == ["lid@example.org"]
    segment.themes.set([])
    segment.coalitions.set([school])
    assert list(recipient_addresses(newsletter)) == ["ander@example.org"]


def test_mail_has_one_click_headers_inlined_css_and_text(archive, django_capture_on_commit_callbacks):
    SubscriberFactory(email="lezer@example.org")
    newsletter = NewsletterPageFactory(parent=archive, title="Juni-nieuws")
    _send(newsletter, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/nieuwsbrief/afmelden/" in message.extra_headers["List-Unsubscribe"]
    assert "een-klik" in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0][0]
    assert 'style="' in html and "<style" not in html  # CSS inlined
    assert "<img" not in html  # no tracking pixels
    assert "Beste lezer" in message.body and "/nieuwsbrief/afmelden/" in message.body
    assert "placeholder" not in message.body + html


def test_ledger_makes_a_repeated_chunk_send_nothing_again(archive, django_capture_on_commit_callbacks):
    for n in range(5):
        SubscriberFactory(email=f"l{n}@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    mailing = _send(newsletter, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 5
    ids = Delivery.objects.filter(mailing=mailing).values_list("pk", flat=True)
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING)  # as if redelivered
    tasks.send_chunk.delay(mailing.pk, min(ids), max(ids))
    tasks.start_mailing.delay(mailing.pk)
    assert len(mail.outbox) == 5
    assert Delivery.objects.filter(mailing=mailing).count() == 5


def test_stale_claims_of_a_dead_worker_are_sent_once(archive, django_capture_on_commit_callbacks):
    for n in range(4):
        SubscriberFactory(email=f"l{n}@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    mailing, _ = Mailing.objects.get_or_create(newsletter=newsletter)
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING)
    with mock.patch.object(tasks, "enqueue_chunks"):  # the ledger is written, then the worker "dies"
        tasks.start_mailing(mailing.pk)
    rows = list(Delivery.objects.filter(mailing=mailing).order_by("pk"))
    claimed = delivery.claim(mailing.pk, rows[0].pk, rows[-1].pk).rows
    Delivery.objects.filter(pk=rows[0].pk).update(status="sent")  # sent before the kill
    assert len(claimed) == 4 and len(mail.outbox) == 0
    tasks.recover_stale_claims(older_than=3600)  # still fresh: nothing happens
    assert len(mail.outbox) == 0
    with django_capture_on_commit_callbacks(execute=True):
        tasks.recover_stale_claims(older_than=0)
    assert sorted(m.to[0] for m in mail.outbox) == ["l1@example.org", "l2@example.org", "l3@example.org"]
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT


def test_permanent_errors_fail_the_row_transient_ones_retry(archive, django_capture_on_commit_callbacks):
    from celery.exceptions import Retry

    SubscriberFactory(email="kapot@example.org")
    SubscriberFactory(email="goed@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    original = mail.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if self.to == ["kapot@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"kapot@example.org": (550, b"no such user")})
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("verbinding weg")
        return original(self, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky):
        with pytest.raises(Retry):  # eager mode shows the retry the worker would schedule with back-off
            mailing = _send(newsletter, django_capture_on_commit_callbacks)
        mailing = Mailing.objects.get(newsletter=newsletter)
        assert mailing.counts() == {"queued": 2, "claimed": 0, "sent": 0, "failed": 0, "skipped": 0}
        rows = Delivery.objects.filter(mailing=mailing).values_list("pk", flat=True)
        tasks.send_chunk(mailing.pk, min(rows), max(rows))  # the retry
    mailing.refresh_from_db()
    assert mailing.counts()["sent"] == 1 and mailing.status == Mailing.Status.SENT
    assert [m.to for m in mail.outbox] == [["goed@example.org"]]
    assert "no such user" in Delivery.objects.get(email="kapot@example.org").error


def test_cancel_stops_and_resume_sends_the_rest_once(archive, django_capture_on_commit_callbacks):
    for n in range(60):
        SubscriberFactory(email=f"l{n:02d}@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    mailing, _ = Mailing.objects.get_or_create(newsletter=newsletter)
    original = mail.EmailMultiAlternatives.send

    def cancel_after_30(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if len(mail.outbox) == 30:
            Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.CANCELLED)
        return result

    with mock.patch.object(mail.EmailMultiAlternatives, "send", cancel_after_30):
        mailing = _send(newsletter, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.CANCELLED
    sent_first = len(mail.outbox)
    assert 30 <= sent_first < 60
    mailing = _send(newsletter, django_capture_on_commit_callbacks)
    assert mailing.status == Mailing.Status.SENT
    assert sorted(m.to[0] for m in mail.outbox) == [f"l{n:02d}@example.org" for n in range(60)]


def test_hard_bounce_webhook_blocks_the_address(archive, django_capture_on_commit_callbacks):
    SubscriberFactory(email="bounce@example.org")
    SubscriberFactory(email="klacht@example.org")
    SubscriberFactory(email="zacht@example.org")
    for kind, address in (
        ("bounced", "Bounce@example.org"),
        ("complained", "klacht@example.org"),
        ("deferred", "zacht@example.org"),
    ):
        tracking.send(
            sender=object, event=AnymailTrackingEvent(event_type=kind, recipient=address), esp_name="Test"
        )
    assert Suppression.objects.get(email="bounce@example.org").reason == Suppression.Reason.BOUNCED
    assert Suppression.objects.get(email="klacht@example.org").reason == Suppression.Reason.COMPLAINED
    mailing = _send(NewsletterPageFactory(parent=archive), django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["zacht@example.org"]]
    assert mailing.counts()["sent"] == 1


def test_office_sends_from_the_admin_with_count_test_schedule_cancel_progress(
    client, office_user, archive, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="a@example.org")
    SubscriberFactory(email="b@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    client.force_login(office_user)
    edit = client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    assert f"/admin/nieuwsbrieven/{newsletter.pk}/" in edit
    assert 'name="to_supporters"' not in edit  # the audience is chosen next to its count, not on a tab
    url = f"/admin/nieuwsbrieven/{newsletter.pk}/"
    confirm = url + "bevestigen/"
    page = client.get(url).content.decode()
    assert "2 ontvangers" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "test", "addresses": "collega@example.org, bureau@example.org"})
    assert sorted(m.to[0] for m in mail.outbox) == ["bureau@example.org", "collega@example.org"]
    assert all(m.subject.startswith("[TEST]") for m in mail.outbox)
    response = client.post(confirm, {"action": "schedule", "scheduled_for": "2000-01-01T10:00"})
    assert "Kies een moment in de toekomst" in response.content.decode()
    client.post(confirm, {"action": "schedule", "scheduled_for": "2099-01-01T10:00", "confirm_count": "2"})
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.SCHEDULED
    client.post(confirm, {"action": "cancel", "confirm": "cancel"})
    assert Mailing.objects.get(newsletter=newsletter).status == Mailing.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm, {"action": "send", "confirm_count": "2"})
    assert sorted(m.to[0] for m in mail.outbox[2:]) == ["a@example.org", "b@example.org"]
    progress = client.get(url + "voortgang.json").json()
    assert progress["counts"]["sent"] == 2 and progress["done"] and progress["status"] == "verstuurd"
    assert "Verstuurd" in client.get(url).content.decode()


def test_office_sees_bounces_and_subscribers_in_the_admin(client, office_user):
    Suppression.add("kapot@example.org", Suppression.Reason.BOUNCED, "550 no such user")
    SubscriberFactory(email="lezer@example.org")
    client.force_login(office_user)
    assert "kapot@example.org" in client.get("/admin/snippets/newsletters/suppression/").content.decode()
    assert "lezer@example.org" in client.get("/admin/snippets/newsletters/subscriber/").content.decode()


def test_scheduled_mailing_starts_when_due(archive, django_capture_on_commit_callbacks):
    from django.utils import timezone

    SubscriberFactory(email="a@example.org")
    newsletter = NewsletterPageFactory(parent=archive)
    Mailing.objects.create(
        newsletter=newsletter,
        status=Mailing.Status.SCHEDULED,
        scheduled_for=timezone.now() - timezone.timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.dispatch_scheduled()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_only_the_office_may_send(client, archive, django_capture_on_commit_callbacks):
    newsletter = NewsletterPageFactory(parent=archive)
    client.force_login(UserFactory(groups=[PARTNERS]))
    one = f"/admin/nieuwsbrieven/{newsletter.pk}/"
    for url in (
        "/admin/nieuwsbrieven/",
        one,
        one + "voortgang.json",
        one + "ontvangers/",
        one + "ontvangers.csv",
    ):
        assert client.get(url).status_code in (302, 403), url
    for url in (
        one + "bevestigen/?action=send",
        one + "voorbeeld/",
        one + "voorbeeld/mail/",
        one + "verslag/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(one + "bevestigen/", {"action": "send", "confirm_count": "0"}).status_code in (
        302,
        403,
    )
    assert not Mailing.objects.filter(status=Mailing.Status.SENDING).exists()


def test_email_preview_mode(client, office_user, archive):
    newsletter = NewsletterPageFactory(parent=archive, title="Voorbeeld")
    client.force_login(office_user)
    assert ("email", "E-mail") in [(k, str(v)) for k, v in newsletter.preview_modes]
    response = newsletter.serve_preview(client.get("/").wsgi_request, "email")
    assert b"Afmelden of voorkeuren" in response.content and b'style="' in response.content
