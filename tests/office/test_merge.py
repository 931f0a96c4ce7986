"""The office merges two coalitions (issue 19.8): members without duplicates (trekker wins), external members,
activities, updates, follows and join requests move; the old address redirects; only the office may."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionIndexPageFactory,
    CoalitionPageFactory,
    add_membership,
)
from coalitions.models import (
    CoalitionMembership,
    CoalitionPage,
    CoalitionUpdate,
    ExternalMember,
    JoinRequest,
    MemberRole,
    MembershipStatus,
)
from following.models import Follow
from network.factories import ContactUserFactory, ParticipantFactory
from network.models import Role

pytestmark = pytest.mark.django_db

URL = "/admin/coalities-samenvoegen/"


def contact(username, name):
    return ContactUserFactory(username=username, contact__participant__name=name).contact_person


@pytest.fixture
def pair(site_home):
    index = CoalitionIndexPageFactory(parent=site_home)
    keep = CoalitionPageFactory(parent=index, title="Rookvrij Sporten Zwolle", slug="rookvrij-sporten-zwolle")
    remove = CoalitionPageFactory(parent=index, title="Rookvrije Sport Zwolle", slug="rookvrije-sport-zwolle")
    both = ParticipantFactory(name="Voetbalclub Zwolle")  # member of keep, trekker of remove
    only_removed = ParticipantFactory(name="GGD IJsselland")
    keeper = ParticipantFactory(name="Gemeente Zwolle")
    add_membership(keep, keeper, MemberRole.TREKKER)
    add_membership(keep, both, MemberRole.MEMBER)
    add_membership(remove, both, MemberRole.TREKKER)
    add_membership(remove, only_removed, MemberRole.MEMBER)
    ExternalMember.objects.create(page=keep, name="Jeugdraad", email="jeugd@example.org")
    ExternalMember.objects.create(page=remove, name="Jeugdraad", email="JEUGD@example.org")
    ExternalMember.objects.create(page=remove, name="Buurtsport", organisation="Sportbedrijf")
    same_slug = ActivityPageFactory(parent=keep, title="Rookvrij terrein", slug="rookvrij-terrein")
    moved = ActivityPageFactory(parent=remove, title="Rookvrij terrein Zwolle", slug="rookvrij-terrein")
    other = ActivityPageFactory(parent=remove, title="Sportdag", slug="sportdag")
    for page in (keep, remove, same_slug, moved, other):
        page.save_revision().publish()
    CoalitionUpdate.objects.create(coalition=remove, subject="Nieuws uit Zwolle", text="Hallo")
    follower = contact("volger", "Sportschool Zwolle")
    double = contact("dubbel", "Zwembad Zwolle")
    Follow.objects.create(contact=follower, kind="coalitie", coalition=remove)
    Follow.objects.create(contact=double, kind="coalitie", coalition=remove)
    Follow.objects.create(contact=double, kind="coalitie", coalition=keep, following=False)
    asker = contact("vrager", "Tennisclub Zwolle")
    JoinRequest.objects.create(coalition=remove, contact=asker, message="Mogen wij meedoen?")
    member_asks = ContactUserFactory(username="lid", contact__participant=keeper).contact_person
    JoinRequest.objects.create(coalition=remove, contact=member_asks)  # moot: already in keep
    return {
        "keep": keep,
        "remove": remove,
        "both": both,
        "only_removed": only_removed,
        "moved": moved,
        "other": other,
        "follower": follower,
        "double": double,
        "asker": asker,
        "old_url": remove.url,
    }


def test_the_preview_names_everything_that_moves_and_changes_nothing(office_client, pair):
    response = office_client.get(URL, {"keep": pair["keep"].pk, "remove": pair["remove"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Voetbalclub Zwolle",
        "is al lid; blijft één lidmaatschap, als trekker",
        "GGD IJsselland",
        "wordt lid als lid",
        "Buurtsport (Sportbedrijf)",
        "staat al in de coalitie",
        "Rookvrij terrein Zwolle",
        "krijgt een ander webadres",
        "Sportdag",
        "Nieuws uit Zwolle",
        "Sportschool Zwolle",
        "Tennisclub Zwolle",
        "vervalt: is dan al lid",
        pair["old_url"],
        "Samenvoegen kan niet ongedaan worden gemaakt.",
        "Definitief samenvoegen",
    ):
        assert text in html, text
    assert CoalitionPage.objects.filter(pk=pair["remove"].pk).exists()


def test_confirming_is_required(office_client, pair):
    response = office_client.post(URL, {"keep": pair["keep"].pk, "remove": pair["remove"].pk})
    assert response.status_code == 200
    assert (
        "Vink aan dat u begrijpt dat samenvoegen niet ongedaan kan worden gemaakt."
        in response.content.decode()
    )
    assert CoalitionPage.objects.filter(pk=pair["remove"].pk).exists()


def test_merging_moves_everything_and_redirects_the_old_address(office_client, pair, client):
    keep, remove = pair["keep"], pair["remove"]
    response = office_client.post(URL, {"keep": keep.pk, "remove": remove.pk, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == URL
    assert not CoalitionPage.objects.filter(pk=remove.pk).exists()
    # Members: one membership each, the strongest role.
    rows = CoalitionMembership.objects.filter(page=keep)
    assert sorted((r.participant.name, r.role) for r in rows) == [
        ("GGD IJsselland", MemberRole.MEMBER),
        ("Gemeente Zwolle", MemberRole.TREKKER),
        ("Voetbalclub Zwolle", MemberRole.TREKKER),
    ]
    assert keep.is_trekker(pair["both"])
    assert sorted(str(m) for m in keep.external_members.all()) == ["Buurtsport (Sportbedrijf)", "Jeugdraad"]
    # Activities below the remaining coalition, the one with a taken slug under a new one; old links work.
    moved = pair["moved"].__class__.objects.get(pk=pair["moved"].pk)
    assert moved.get_parent().pk == keep.pk and moved.slug == "rookvrij-terrein-2"
    assert pair["other"].__class__.objects.get(pk=pair["other"].pk).get_parent().pk == keep.pk
    assert CoalitionUpdate.objects.get(subject="Nieuws uit Zwolle").coalition_id == keep.pk
    # Follows: the follower follows keep now; who had a setting for keep keeps it.
    assert Follow.objects.get(contact=pair["follower"]).coalition_id == keep.pk
    assert list(Follow.objects.filter(contact=pair["double"]).values_list("coalition_id", "following")) == [
        (keep.pk, False)
    ]
    # Join requests: the open one moves, the moot one lapses.
    assert list(JoinRequest.objects.values_list("coalition_id", "participant__name")) == [
        (keep.pk, "Tennisclub Zwolle")
    ]
    # The old address answers with a permanent redirect to the remaining coalition.
    assert Redirect.objects.filter(redirect_page=keep).exists()
    old = client.get(pair["old_url"])
    assert old.status_code == 301 and old["Location"].rstrip("/").endswith(keep.url.rstrip("/"))
    old_activity = client.get(pair["old_url"] + "sportdag/")
    assert old_activity.status_code in (301, 302)
    assert client.get(keep.url).status_code == 200
    # The Logboek names it.
    entry = PageLogEntry.objects.get(action="nnr.coalition_merged", page=keep)
    assert entry.data["removed"] == "Rookvrije Sport Zwolle" and entry.data["members"] == 1
    assert "Rookvrije Sport Zwolle" in entry.message


def test_an_open_invitation_in_keep_becomes_the_membership(office_client, pair):
    keep, remove = pair["keep"], pair["remove"]
    CoalitionMembership.objects.create(
        page=keep, participant=pair["only_removed"], status=MembershipStatus.INVITED
    )
    office_client.post(URL, {"keep": keep.pk, "remove": remove.pk, "confirm": "on"})
    (row,) = CoalitionMembership.objects.filter(page=keep, participant=pair["only_removed"])
    assert row.status == MembershipStatus.ACCEPTED


def test_a_coalition_is_not_merged_into_itself(office_client, pair):
    keep = pair["keep"]
    response = office_client.get(URL, {"keep": keep.pk, "remove": keep.pk})
    assert "een coalitie kan niet met zichzelf worden samengevoegd" in response.content.decode()
    response = office_client.post(URL, {"keep": keep.pk, "remove": keep.pk, "confirm": "on"})
    assert response.status_code == 200
    assert "een coalitie kan niet met zichzelf worden samengevoegd" in response.content.decode()
    assert CoalitionPage.objects.filter(pk=keep.pk).exists()
    assert CoalitionMembership.objects.filter(page=keep).count() == 2


@pytest.mark.parametrize("role", [Role.PARTNER, Role.KERNPARTNER])
def test_only_the_office_merges(client, pair, role):
    user = ContactUserFactory(username="niet-bureau", role=role)
    client.force_login(user)
    data = {"keep": pair["keep"].pk, "remove": pair["remove"].pk, "confirm": "on"}
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, data).status_code in (302, 403)
    assert CoalitionPage.objects.filter(pk=pair["remove"].pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, pair):
    data = {"keep": pair["keep"].pk, "remove": pair["remove"].pk, "confirm": "on"}
    response = client.post(URL, data)
    assert response.status_code == 302 and "login" in response["Location"]
    assert CoalitionPage.objects.filter(pk=pair["remove"].pk).exists()
