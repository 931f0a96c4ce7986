"""The weekly "Nieuw in uw netwerk" and the mail at once: what is in them per follow setting and consent,
nothing when nothing is new, never twice (the ledger), and the unsubscribe link."""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from coalitions.factories import ActivityPageFactory, add_membership
from coalitions.models import ActivityPage, JoinRequest
from events.factories import EventPageFactory, event_index
from following.factories import FollowSettingsFactory, consenting, follow
from following.follows import has_consent
from following.models import Frequency, Kind
from following.tasks import send_weekly_digests
from knowledge.factories import article
from network.factories import ContactPersonFactory
from newsletters.models import Delivery, Suppression

pytestmark = pytest.mark.django_db


def _digests(mailoutbox):
    send_weekly_digests.apply()
    return [m for m in mailoutbox if "Nieuw in uw netwerk" in m.subject]


@pytest.fixture
def sport(kennis):
    article(kennis, "Sportkantine rookvrij", tags=["sport"])
    return Tag.objects.get(slug="sport")


def test_the_digest_holds_what_the_person_follows(mailoutbox, reader, coalition, kennis, sport):
    consenting(follow(reader, Kind.THEME, sport))
    follow(reader, Kind.COALITION, coalition)
    follow(reader, Kind.REGION, "twente")
    article(kennis, "Schoolplein zonder rook", tags=["onderwijs"])
    ActivityPageFactory(parent=coalition, title="Rookvrije zomerkampen", published_at=timezone.now())
    EventPageFactory(parent=event_index(), title="Regiobijeenkomst Twente", region="twente")
    EventPageFactory(parent=event_index(), title="Bijeenkomst Utrecht", region="utrecht")
    [mail] = _digests(mailoutbox)
    assert mail.to == ["pia@example.org"]
    assert "Sportkantine rookvrij" in mail.body
    assert "Rookvrije zomerkampen" in mail.body
    assert "Regiobijeenkomst Twente" in mail.body
    assert "Schoolplein zonder rook" not in mail.body  # a theme Pia does not follow
    assert "Bijeenkomst Utrecht" not in mail.body
    assert "/mijn/volgen/" in mail.body and "Sportkantine rookvrij" in mail.alternatives[0][0]


def test_a_kind_set_to_niet_or_direct_stays_out_of_the_digest(mailoutbox, reader, coalition, sport):
    consenting(follow(reader, Kind.THEME, sport))
    follow(reader, Kind.COALITION, coalition)
    ActivityPageFactory(parent=coalition, title="Rookvrije zomerkampen", published_at=timezone.now())
    FollowSettingsFactory(contact=reader, themes=Frequency.NEVER, coalitions=Frequency.AT_ONCE)
    assert _digests(mailoutbox) == []  # nothing new left for the weekly overview


def test_no_digest_without_consent(mailoutbox, reader, sport):
    follow(reader, Kind.THEME, sport)
    assert _digests(mailoutbox) == []
    consenting(reader)
    assert len(_digests(mailoutbox)) == 1


def test_no_digest_when_nothing_is_new(mailoutbox, reader, kennis):
    old = article(kennis, "Oud nieuws", tags=["sport"])
    type(old).objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=30))
    consenting(follow(reader, Kind.THEME, Tag.objects.get(slug="sport")))
    assert _digests(mailoutbox) == []
    assert not Delivery.objects.exists()


def test_never_twice_in_a_week_and_next_week_only_what_is_new(mailoutbox, reader, kennis, sport):
    consenting(follow(reader, Kind.THEME, sport))
    assert len(_digests(mailoutbox)) == 1
    assert len(_digests(mailoutbox)) == 1  # the same week again: the ledger row is sent already
    assert Delivery.objects.get().status == Delivery.Status.SENT
    # A week later: what the last digest held is not new any more; a new article is.
    later = timezone.now() + timedelta(days=7)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        assert len(_digests(mailoutbox)) == 1
        article(kennis, "Nieuw deze week", tags=["sport"])
        mails = _digests(mailoutbox)
    assert len(mails) == 2 and "Nieuw deze week" in mails[1].body
    assert "Sportkantine rookvrij" not in mails[1].body


def test_one_digest_per_address_even_with_two_contact_records(mailoutbox, reader, sport):
    twin = ContactPersonFactory(email="PIA@example.org", name="Pia", participant__name="Tweede organisatie")
    consenting(follow(reader, Kind.THEME, sport))
    consenting(follow(twin, Kind.THEME, sport))
    assert len(_digests(mailoutbox)) == 1


def test_a_bounced_address_gets_nothing(mailoutbox, reader, sport):
    consenting(follow(reader, Kind.THEME, sport))
    Suppression.add(reader.email, Suppression.Reason.BOUNCED)
    assert _digests(mailoutbox) == []


def test_a_trekker_reads_the_open_join_requests(mailoutbox, reader, other_reader, coalition):
    consenting(reader)
    add_membership(coalition, reader.participant, role="trekker")
    JoinRequest.objects.create(coalition=coalition, contact=other_reader)
    [mail] = _digests(mailoutbox)
    assert "Open verzoeken om mee te doen" in mail.body and "Sportbond" in mail.body


def test_unsubscribe_in_one_click_without_log_in_for_that_person_only(
    client, mailoutbox, reader, other_reader, sport
):
    consenting(follow(reader, Kind.THEME, sport))
    consenting(follow(other_reader, Kind.THEME, sport))
    mails = {m.to[0]: m for m in _digests(mailoutbox)}
    mail = mails["pia@example.org"]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = mail.extra_headers["List-Unsubscribe"].strip("<>").split("/", 3)[3]
    response = client.post("/" + one_click, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "afgemeld" in response.content.decode()
    assert not has_consent(reader)
    assert has_consent(other_reader)
    assert client.post("/volgen/afmelden/vervalst/een-klik/").status_code == 400


def test_the_unsubscribe_page_asks_first(client, mailoutbox, reader, sport):
    consenting(follow(reader, Kind.THEME, sport))
    [mail] = _digests(mailoutbox)
    link = next(line for line in mail.body.splitlines() if "/volgen/afmelden/" in line).split(": ", 1)[1]
    path = "/" + link.split("/", 3)[3]
    page = client.get(path).content.decode()
    assert "Afmelden" in page and has_consent(reader)
    page = client.post(path).content.decode()
    assert "geen e-mail meer over wat u volgt" in page
    assert not has_consent(reader)
    assert client.get("/volgen/afmelden/vervalst/").status_code == 400


def test_at_once_a_short_mail_when_a_followed_theme_gets_an_article(
    mailoutbox, django_capture_on_commit_callbacks, reader, other_reader, kennis, sport
):
    consenting(follow(reader, Kind.THEME, sport))
    FollowSettingsFactory(contact=reader, themes=Frequency.AT_ONCE)
    consenting(follow(other_reader, Kind.THEME, sport))  # weekly: waits for the digest
    with django_capture_on_commit_callbacks(execute=True):
        page = article(kennis, "Rookvrij sporten in de winter", tags=["sport"])
    [mail] = mailoutbox
    assert mail.to == ["pia@example.org"]
    assert mail.subject.endswith("Nieuw: Rookvrij sporten in de winter")
    assert "U volgt het thema sport." in mail.body and "List-Unsubscribe" in mail.extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # an update is no news, and the ledger holds the first anyway
    assert len(mailoutbox) == 1


def test_at_once_when_a_followed_coalition_posts_an_activity(
    mailoutbox, django_capture_on_commit_callbacks, reader, coalition
):
    consenting(follow(reader, Kind.COALITION, coalition))
    FollowSettingsFactory(contact=reader, coalitions=Frequency.AT_ONCE)
    activity = coalition.add_child(instance=ActivityPage(title="Rookvrije zomerkampen", live=False))
    with django_capture_on_commit_callbacks(execute=True):
        activity.save_revision().publish()
    [mail] = mailoutbox
    assert "U volgt de coalitie Rookvrij Twente." in mail.body
