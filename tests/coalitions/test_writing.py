"""A coalition writes on the site (issue 19.1 and 19.4): its activities, published by itself, and updates to
its members, sent from the coalition through the newsletter ledger, once per address, archived on its page."""

import io
from email.utils import parseaddr

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from coalitions.choices import MemberRole
from coalitions.factories import CoalitionPageFactory, add_membership
from coalitions.models import ActivityPage, CoalitionUpdate, ExternalMember
from coalitions.writing import to_html, to_text
from following.tasks import send_coalition_update
from network.factories import ContactPersonFactory
from newsletters.models import Delivery, Mailing

from .conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition(index):
    """A coalition with trekker `trekker` (two contact persons), member `lid`, an external member, and `buiten`
    (a partner that is no member)."""
    page = CoalitionPageFactory(
        parent=index, title="Rookvrij Sporten Zwolle", slug="zwolle", contact_email="zwolle@example.org"
    )
    trekker, trekker_org = make_contact("trekker", name="Voetbalvereniging Zwolle")
    ContactPersonFactory(participant=trekker_org, name="Tweede Contact", email="tweede@example.org")
    lid, lid_org = make_contact("lid", name="GGD IJsselland")
    add_membership(page, trekker_org, MemberRole.TREKKER)
    add_membership(page, lid_org, MemberRole.MEMBER)
    ExternalMember.objects.create(
        page=page, name="Jeugdraad", organisation="Jongeren", email="jeugd@example.org"
    )
    page.save_revision().publish()
    buiten, _org = make_contact("buiten", name="Andere Partner")
    return {"page": page, "trekker": trekker, "lid": lid, "buiten": buiten, "lid_org": lid_org}


def png(name="foto.png", size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def activity_form(**extra):
    data = {
        "title": "Rookvrij langs de lijn",
        "summary": "Ons sportpark werd rookvrij.",
        "status": "lopend",
        "start_date": "2026-09-01",
        "end_date": "",
        "what_was_done": "Bordjes geplaatst.\n\nGesprekken gevoerd, zie https://example.org/lijn",
        "results": "Minder rook.",
        "lessons_learned": "Begin bij de jeugd.",
    }
    data.update(extra)
    return data


# Activities


def test_trekker_saves_a_draft_then_publishes_it_on_the_coalition_page(client, coalition):
    page = coalition["page"]
    client.force_login(coalition["trekker"])
    new = reverse("coalitions:activity_new", args=[page.pk])
    response = client.post(new, {**activity_form(), "draft": "1", "image": png()})
    activity = ActivityPage.objects.get(title="Rookvrij langs de lijn")
    assert response.status_code == 302 and response["Location"] == reverse(
        "coalitions:activity_edit", args=[activity.pk]
    )
    assert not activity.live and activity.get_parent().pk == page.pk
    assert activity.owner == coalition["trekker"]
    draft = activity.get_latest_revision_as_object()
    assert draft.image.collection_id == page.collection_id  # the coalition's own collection
    assert '<a href="https://example.org/lijn">' in draft.what_was_done
    assert "Rookvrij langs de lijn" not in client.get(page.url).content.decode()

    edit = reverse("coalitions:activity_edit", args=[activity.pk])
    assert "Concept" in client.get(edit).content.decode()
    response = client.post(edit, {**activity_form(title="Rookvrij langs de lijn!"), "publish": "1"})
    assert response.status_code == 302 and response["Location"] == page.url
    activity.refresh_from_db()
    assert activity.live and activity.title == "Rookvrij langs de lijn!"
    assert activity.image.collection_id == page.collection_id
    html = client.get(page.url).content.decode()
    assert "Rookvrij langs de lijn!" in html
    assert "Minder rook." in client.get(activity.url).content.decode()


def test_the_edit_form_shows_the_stored_text_again(client, coalition):
    client.force_login(coalition["trekker"])
    client.post(reverse("coalitions:activity_new", args=[coalition["page"].pk]), activity_form())
    activity = ActivityPage.objects.get()
    form = client.get(reverse("coalitions:activity_edit", args=[activity.pk])).context["form"]
    assert form.initial["what_was_done"] == activity_form()["what_was_done"]


def test_ordinary_member_and_outsider_may_not_write_activities(client, coalition):
    page = coalition["page"]
    new = reverse("coalitions:activity_new", args=[page.pk])
    assert client.get(new).status_code == 302  # to the log-in
    assert "/login/" in client.get(new)["Location"]
    for user in (coalition["lid"], coalition["buiten"]):
        client.force_login(user)
        assert client.get(new).status_code == 403
        assert client.post(new, {**activity_form(), "publish": "1"}).status_code == 403
    assert not ActivityPage.objects.exists()
    assert "Activiteit delen" not in client.get(page.url).content.decode()


def test_a_member_who_may_edit_the_coalition_may_write_activities(client, coalition):
    """What counts is being a member and Wagtail's right to add and publish below the coalition page."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    page = coalition["page"]
    group = Group.objects.create(name="Extra redactie")
    for codename in ("add_page", "publish_page", "change_page"):
        GroupPagePermission.objects.create(group=group, page=page, permission_type=codename.split("_")[0])
    coalition["lid"].groups.add(group)
    client.force_login(coalition["lid"])
    response = client.post(
        reverse("coalitions:activity_new", args=[page.pk]), {**activity_form(), "publish": "1"}
    )
    assert response.status_code == 302
    assert ActivityPage.objects.get().live
    coalition["buiten"].groups.add(group)  # the right alone, without being a member, is not enough
    client.force_login(coalition["buiten"])
    assert client.get(reverse("coalitions:activity_new", args=[page.pk])).status_code == 403


def test_another_coalitions_trekker_may_not_edit_the_activity(client, coalition, index):
    client.force_login(coalition["trekker"])
    client.post(reverse("coalitions:activity_new", args=[coalition["page"].pk]), activity_form())
    activity = ActivityPage.objects.get()
    other = CoalitionPageFactory(parent=index, title="Andere coalitie")
    add_membership(other, coalition["buiten"].contact_person.participant, MemberRole.TREKKER)
    client.force_login(coalition["buiten"])
    assert client.get(reverse("coalitions:activity_edit", args=[activity.pk])).status_code == 403


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("foto.gif", b"GIF89a....", content_type="image/gif"), "JPG- of PNG-formaat"),
        (SimpleUploadedFile("foto.png", b"<script>alert(1)</script>", content_type="image/png"), "past niet"),
    ],
)
def test_an_image_of_the_wrong_kind_is_refused_at_the_field(client, coalition, upload, message):
    client.force_login(coalition["trekker"])
    response = client.post(
        reverse("coalitions:activity_new", args=[coalition["page"].pk]), {**activity_form(), "image": upload}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["image"])
    assert 'id="id_image_error"' in response.content.decode()
    assert not ActivityPage.objects.exists()


def test_a_too_large_image_is_refused_at_the_field(client, coalition, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20
    client.force_login(coalition["trekker"])
    response = client.post(
        reverse("coalitions:activity_new", args=[coalition["page"].pk]), {**activity_form(), "image": png()}
    )
    assert response.status_code == 200, response
    assert "te groot" in " ".join(response.context["form"].errors["image"])


def test_end_before_start_is_an_error_at_the_end_date(client, coalition):
    client.force_login(coalition["trekker"])
    response = client.post(
        reverse("coalitions:activity_new", args=[coalition["page"].pk]),
        activity_form(start_date="2026-09-10", end_date="2026-09-01"),
    )
    assert "vóór de begindatum" in " ".join(response.context["form"].errors["end_date"])


def test_publishing_the_activity_mails_who_follows_the_coalition_at_once(client, coalition, on_commit):
    from following.factories import FollowSettingsFactory, consenting, follow
    from following.models import Frequency, Kind

    reader = make_contact("volger")[0].contact_person
    consenting(follow(reader, Kind.COALITION, coalition["page"]))
    FollowSettingsFactory(contact=reader, coalitions=Frequency.AT_ONCE)
    client.force_login(coalition["trekker"])
    client.post(reverse("coalitions:activity_new", args=[coalition["page"].pk]), activity_form())
    assert not [m for m in mail.outbox if reader.email in m.to]  # a draft is no news
    activity = ActivityPage.objects.get()
    with on_commit(execute=True):
        client.post(
            reverse("coalitions:activity_edit", args=[activity.pk]), {**activity_form(), "publish": "1"}
        )
    [message] = [m for m in mail.outbox if reader.email in m.to]
    assert "Rookvrij langs de lijn" in message.subject


def test_an_activity_published_on_the_site_is_in_the_followers_weekly_digest(client, coalition):
    from following.factories import consenting, follow
    from following.models import Kind
    from following.tasks import send_weekly_digests

    reader = make_contact("lezer")[0].contact_person
    consenting(follow(reader, Kind.COALITION, coalition["page"]))  # weekly by default
    client.force_login(coalition["trekker"])
    client.post(
        reverse("coalitions:activity_new", args=[coalition["page"].pk]), {**activity_form(), "publish": "1"}
    )
    send_weekly_digests.apply()
    [digest] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "Nieuw in uw netwerk" in digest.subject and "Rookvrij langs de lijn" in digest.body


def test_plain_text_round_trip():
    text = "Eerste alinea\nmet een regel.\n\nTweede: https://example.org/a?b=1&c=2 <b>"
    html = to_html(text)
    assert (
        html.startswith("<p>") and "&lt;b&gt;" in html and 'href="https://example.org/a?b=1&amp;c=2"' in html
    )
    assert to_text(html) == text


# Updates to the members


def write_update(client, coalition, **extra):
    client.force_login(coalition["trekker"])
    data = {
        "subject": "Nieuws uit Zwolle",
        "text": "Beste leden,\n\nWe zijn begonnen.",
        "visibility": "leden",
    }
    response = client.post(reverse("coalitions:update_new", args=[coalition["page"].pk]), {**data, **extra})
    update = CoalitionUpdate.objects.latest("pk")
    assert response["Location"] == reverse("coalitions:update_send", args=[update.pk])
    return update


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def send(client, on_commit):
    def post(update, count):
        with on_commit(execute=True):
            return client.post(reverse("coalitions:update_send", args=[update.pk]), {"count": str(count)})

    return post


def test_preview_names_every_recipient_and_the_exact_count(client, coalition):
    update = write_update(client, coalition)
    response = client.get(reverse("coalitions:update_send", args=[update.pk]))
    html = response.content.decode()
    assert response.context["count"] == 4  # two contacts of the trekker, the member's, the external member
    for name in ("Contact trekker", "Tweede Contact", "Contact lid", "Jeugdraad"):
        assert name in html
    assert "Versturen naar 4 leden" in html
    assert "Rookvrij Sporten Zwolle via Netwerk Nederland Rookvrij" in html
    assert not mail.outbox and CoalitionUpdate.objects.get().status == "concept"


def test_sending_goes_once_to_each_member_from_the_coalition(client, coalition, settings, send):
    update = write_update(client, coalition)
    response = send(update, 4)
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.status == "verstuurd" and update.recipient_count == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coalition["trekker"].email, "tweede@example.org", coalition["lid"].email, "jeugd@example.org"]
    )
    message = mail.outbox[0]
    name, address = parseaddr(message.from_email)
    assert name == "Rookvrij Sporten Zwolle via Netwerk Nederland Rookvrij"
    assert address == parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    assert message.reply_to == ["zwolle@example.org"]
    assert message.subject == "Nieuws uit Zwolle"
    assert "U ontvangt dit bericht omdat u lid bent van de coalitie Rookvrij Sporten Zwolle." in message.body
    assert "/coalities/zwolle/" in message.body
    html = message.alternatives[0][0]
    assert "U ontvangt dit bericht omdat u lid bent van de coalitie Rookvrij Sporten Zwolle." in html
    assert "List-Unsubscribe" not in message.extra_headers  # the reason is the membership, not a consent

    # The ledger: a second run of the task, and a second press of the button, send nothing again.
    mailing = Mailing.objects.get(key=f"coalitie-bericht-{update.pk}")
    assert Delivery.objects.filter(mailing=mailing, status=Delivery.Status.SENT).count() == 4
    assert send_coalition_update.delay(update.pk).get() == 0
    send(update, 4)
    assert len(mail.outbox) == 4


def test_who_left_gets_nothing(client, coalition, send):
    from coalitions.membership import end_membership

    update = write_update(client, coalition)
    end_membership(coalition["page"], coalition["lid_org"])
    response = client.get(reverse("coalitions:update_send", args=[update.pk]))
    assert response.context["count"] == 3
    send(update, 3)
    assert coalition["lid"].email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 3


def test_a_changed_recipient_list_asks_again(client, coalition, send):
    update = write_update(client, coalition)
    response = send(update, 7)
    assert response.status_code == 200 and not mail.outbox
    assert CoalitionUpdate.objects.get().status == "concept"


def test_only_trekkers_write_and_send_updates(client, coalition):
    page = coalition["page"]
    new = reverse("coalitions:update_new", args=[page.pk])
    assert "/login/" in client.get(new)["Location"]
    update = write_update(client, coalition)
    client.logout()
    send_url = reverse("coalitions:update_send", args=[update.pk])
    assert "/login/" in client.post(send_url, {"count": "4"})["Location"]
    for user in (coalition["lid"], coalition["buiten"]):
        client.force_login(user)
        assert client.get(new).status_code == 403
        assert client.post(new, {"subject": "x", "text": "y", "visibility": "leden"}).status_code == 403
        assert client.post(send_url, {"count": "4"}).status_code == 403
        assert client.get(reverse("coalitions:update_edit", args=[update.pk])).status_code == 403
    assert not mail.outbox and CoalitionUpdate.objects.get().status == "concept"


def test_archive_members_only_update_is_for_members(client, coalition, send):
    page = coalition["page"]
    update = write_update(client, coalition, subject="Alleen voor leden", visibility="leden")
    send(update, 4)
    detail = reverse("coalitions:update_detail", args=[page.pk, update.pk])
    client.logout()
    assert "Alleen voor leden" not in client.get(page.url).content.decode()
    assert "/login/" in client.get(detail)["Location"]
    client.force_login(coalition["buiten"])
    assert "Alleen voor leden" not in client.get(page.url).content.decode()
    assert client.get(detail).status_code == 404
    client.force_login(coalition["lid"])
    assert "Alleen voor leden" in client.get(page.url).content.decode()
    assert "We zijn begonnen." in client.get(detail).content.decode()


def test_archive_public_update_is_for_everyone(client, coalition, send):
    page = coalition["page"]
    client.get(page.url)  # the anonymous page is cached now
    update = write_update(client, coalition, subject="Voor iedereen", visibility="openbaar")
    send(update, 4)
    client.logout()
    assert "Voor iedereen" in client.get(page.url).content.decode()
    assert client.get(reverse("coalitions:update_detail", args=[page.pk, update.pk])).status_code == 200


def test_a_draft_is_not_in_the_archive(client, coalition):
    page = coalition["page"]
    update = write_update(client, coalition, subject="Nog een concept", visibility="openbaar")
    client.force_login(coalition["lid"])
    assert "Nog een concept" not in client.get(page.url).content.decode()
    assert client.get(reverse("coalitions:update_detail", args=[page.pk, update.pk])).status_code == 404


def test_a_sent_update_cannot_be_changed(client, coalition, send):
    update = write_update(client, coalition)
    send(update, 4)
    response = client.post(
        reverse("coalitions:update_edit", args=[update.pk]),
        {"subject": "Anders", "text": "Anders", "visibility": "openbaar"},
    )
    assert response.status_code == 302
    assert CoalitionUpdate.objects.get().subject == "Nieuws uit Zwolle"


def test_panel_on_mijn_links_to_writing(client, coalition):
    client.force_login(coalition["trekker"])
    html = client.get(reverse("office:account_home")).content.decode()
    assert reverse("coalitions:activity_new", args=[coalition["page"].pk]) in html
    assert reverse("coalitions:update_new", args=[coalition["page"].pk]) in html
    client.force_login(coalition["lid"])
    html = client.get(reverse("office:account_home")).content.decode()
    assert reverse("coalitions:activity_new", args=[coalition["page"].pk]) not in html
    assert reverse("coalitions:update_new", args=[coalition["page"].pk]) not in html


def test_the_office_sees_the_updates_in_the_admin_and_a_trekker_does_not(
    client, coalition, office_user, send
):
    update = write_update(client, coalition, subject="Voor het archief")
    send(update, 4)
    url = "/admin/snippets/coalitions/coalitionupdate/"
    client.force_login(office_user)
    assert "Voor het archief" in client.get(url).content.decode()
    client.force_login(coalition["trekker"])
    assert client.get(url).status_code in (302, 403)
