import pytest

from network.factories import ContactPersonFactory, ParticipantFactory, UserFactory
from network.models import ConsentRecord, Role

pytestmark = pytest.mark.django_db


def make_participant(name, username=None, consent=False, **fields):
    participant = ParticipantFactory(name=name, **fields)
    slug = name.lower().replace(" ", "")
    user = UserFactory(username=username, email=f"{username}@x.example.org") if username else None
    contact = ContactPersonFactory(
        participant=participant,
        name=f"Contact {name}",
        email=f"info@{slug}.example.org",
        phone="030 1234567",
        user=user,
    )
    if consent:
        ConsentRecord.objects.create(
            email=contact.email.upper(),
            contact=contact,
            purpose="gegevens_delen",
            text="Ik deel",
            text_version="1",
        )
    return participant, contact, user


@pytest.fixture
def network():
    me, _contact, me_user = make_participant(
        "GGD Utrecht", "ik", role=Role.PARTNER, region="utrecht", sector="ggd"
    )
    sharing, sharing_contact, _ = make_participant(
        "Sportbond Noord", consent=True, role=Role.KERNPARTNER, region="groningen", sector="sport"
    )
    private, private_contact, _ = make_participant(
        "Gemeente Zwolle", role=Role.SUPPORTER, region="ijsselland", sector="gemeente"
    )
    left, _c, left_user = make_participant("Oud Lid", "oud", role=Role.PARTNER)
    left.mark_left()
    return {
        "me": me_user,
        "sharing": sharing_contact,
        "private": private_contact,
        "left_user": left_user,
    }


def test_anonymous_visitors_are_sent_to_login(client, network):
    for url in ["/deelnemers/", f"/deelnemers/{network['sharing'].participant_id}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_users_without_an_active_participant_are_refused(client, network):
    client.force_login(UserFactory(username="los"))
    assert client.get("/deelnemers/").status_code == 403
    client.force_login(network["left_user"])
    assert client.get("/deelnemers/").status_code == 403


def test_contact_details_only_with_consent(client, network):
    client.force_login(network["me"])
    html = client.get("/deelnemers/").content.decode()
    assert "Sportbond Noord" in html and "Gemeente Zwolle" in html and "Oud Lid" not in html
    assert network["sharing"].email in html and network["sharing"].name in html
    assert network["private"].email not in html and network["private"].name not in html
    assert "deelt geen gegevens" in html
    detail = client.get(f"/deelnemers/{network['private'].participant_id}/").content.decode()
    assert network["private"].email not in detail and "030 1234567" not in detail


def test_withdrawn_consent_hides_details_at_once(client, network):
    client.force_login(network["me"])
    assert network["sharing"].email in client.get("/deelnemers/").content.decode()
    ConsentRecord.withdraw(network["sharing"].email, "gegevens_delen")
    assert network["sharing"].email not in client.get("/deelnemers/").content.decode()


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"region": "groningen"}, "Sportbond Noord", "Gemeente Zwolle"),
        ({"sector": "gemeente"}, "Gemeente Zwolle", "Sportbond Noord"),
        ({"role": "kernpartner"}, "Sportbond Noord", "GGD Utrecht"),
        ({"q": "zwol"}, "Gemeente Zwolle", "GGD Utrecht"),
    ],
)
def test_search_by_region_sector_role_and_name(client, network, query, shown, hidden):
    client.force_login(network["me"])
    html = client.get("/deelnemers/", query).content.decode()
    assert shown in html and f">{hidden}<" not in html


def test_office_may_use_the_directory(office_client, network):
    assert office_client.get("/deelnemers/").status_code == 200


def test_filter_by_coalition(client, network):
    from coalitions.factories import CoalitionMembershipFactory, CoalitionPageFactory, coalition_index

    coalition = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije sport")
    CoalitionMembershipFactory(page=coalition, participant=network["sharing"].participant, role="trekker")
    client.force_login(network["me"])
    html = client.get("/deelnemers/", {"coalition": coalition.pk}).content.decode()
    assert "Sportbond Noord" in html and ">Gemeente Zwolle<" not in html and "Rookvrije sport" in html
