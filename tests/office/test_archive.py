import datetime
import io

import pytest
from openpyxl import load_workbook

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionMembershipFactory,
    CoalitionPageFactory,
    coalition_index,
)
from network.factories import ParticipantFactory, UserFactory
from network.models import Role, RoleChange
from network.roles import CORE_PARTNERS
from tests.conftest import at

pytestmark = pytest.mark.django_db
URL = "/admin/archief/"


@pytest.fixture
def data():
    sport_org = ParticipantFactory(name="Sportbond", role=Role.PARTNER)
    zorg_org = ParticipantFactory(name="Zorggroep", role=Role.PARTNER)
    sport = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije sport")
    zorg = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije zorg")
    CoalitionMembershipFactory(page=sport, participant=sport_org)
    CoalitionMembershipFactory(page=zorg, participant=zorg_org)
    old = ActivityPageFactory(parent=sport, title="Toernooi 2025", published_at=at(datetime.date(2025, 5, 1)))
    new = ActivityPageFactory(parent=sport, title="Toernooi 2026", published_at=at(datetime.date(2026, 5, 1)))
    ActivityPageFactory(parent=zorg, title="Scholing", published_at=at(datetime.date(2026, 6, 1)))
    type(new).objects.filter(pk=new.pk).update(lessons_learned="<p>Begin op tijd met werven.</p>")
    zorg_org.change_role(Role.KERNPARTNER, reason="Trekt de zorgcoalitie")
    RoleChange.objects.filter(participant=zorg_org, to_role=Role.KERNPARTNER).update(
        changed_at=at(datetime.date(2026, 7, 1))
    )
    return {"sport": sport, "zorg": zorg, "sport_org": sport_org, "zorg_org": zorg_org, "old": old}


def test_activities_filter_by_period_coalition_and_participant(office_client, data):
    html = office_client.get(URL).content.decode()
    assert "Toernooi 2025" in html and "Toernooi 2026" in html and "Scholing" in html
    html = office_client.get(URL, {"van": "2026-01-01", "tot": "2026-12-31"}).content.decode()
    assert "Toernooi 2025" not in html and "Toernooi 2026" in html
    html = office_client.get(URL, {"coalitie": data["zorg"].pk}).content.decode()
    assert "Scholing" in html and "Toernooi" not in html
    html = office_client.get(URL, {"deelnemer": data["sport_org"].pk}).content.decode()
    assert "Toernooi 2026" in html and "Scholing" not in html


def test_lessons_and_decisions(office_client, data):
    html = office_client.get(URL, {"soort": "lessen"}).content.decode()
    assert "Begin op tijd met werven." in html and "Scholing" not in html
    html = office_client.get(
        URL, {"soort": "besluiten", "van": "2026-06-15", "tot": "2026-07-15"}
    ).content.decode()
    table = html.split("<tbody>")[1]
    assert "Trekt de zorgcoalitie" in table and "Sportbond" not in table


def test_invalid_period_shows_an_error(office_client, data):
    html = office_client.get(URL, {"van": "2026-05-01", "tot": "2026-01-01"}).content.decode()
    assert "De einddatum ligt vóór de begindatum." in html


def test_export_csv_and_xlsx_follow_the_filters(office_client, data):
    response = office_client.get(URL, {"coalitie": data["sport"].pk, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Datum;Soort;Titel") and len(lines) == 3
    assert "Toernooi 2026" in body and "Scholing" not in body
    response = office_client.get(URL, {"soort": "lessen", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Datum", "Soort", "Titel")
    assert rows[1][2] == "Toernooi 2026" and rows[1][5] == "Begin op tijd met werven." and len(rows) == 2


@pytest.fixture
def kern(db):
    """A user in the core partners' group, without a contact person."""
    return UserFactory(username="kern", groups=[CORE_PARTNERS])


def test_only_the_office_sees_the_archive(client, data, kern):
    client.force_login(kern)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)


def test_the_admin_menu_shows_the_archive_to_the_office_only(office_client, client, kern):
    """The menu item is registered by office/, the other office items by network/: both still appear."""
    menu = office_client.get("/admin/").content.decode()
    assert URL in menu and "/admin/privacy/" in menu and "/admin/logboek/" in menu
    client.force_login(kern)
    assert URL not in client.get("/admin/").content.decode()


def test_declarations_and_admission_decisions(office_client, data):
    from django.apps import apps

    from onboarding.flows import OnboardingFlow

    Application = apps.get_model("onboarding.Application")
    Declaration = apps.get_model("onboarding.Declaration")
    application = Application.objects.create(
        flow_class=OnboardingFlow,
        organisation_name="Sportbond",
        contact_name="Sanne",
        email="sanne@sport.example.org",
        motivation="Meedoen",
        decision="accept",
        decision_reason="Voldoet aan de criteria",
        decided_at=at(datetime.date(2026, 3, 2)),
        participant=data["sport_org"],
    )
    Declaration.append(
        application=application,
        organisation_name="Sportbond",
        signer_name="Sanne",
        signer_email="sanne@sport.example.org",
        declaration_text="Geen tabaksindustrie.",
        rules_text="Spelregels aanvaard.",
        rules_version="2026.1",
        rules_url="/spelregels/",
        consent_text="Ik deel.",
    )
    table = office_client.get(
        URL, {"soort": "verklaringen", "deelnemer": data["sport_org"].pk}
    ).content.decode()
    assert "Ondertekend door Sanne; spelregels versie 2026.1" in table.split("<tbody>")[1]
    other = office_client.get(
        URL, {"soort": "verklaringen", "deelnemer": data["zorg_org"].pk}
    ).content.decode()
    assert "Ondertekend door" not in other.split("<tbody>")[1]
    decisions = office_client.get(
        URL, {"soort": "besluiten", "van": "2026-03-01", "tot": "2026-03-31"}
    ).content.decode()
    assert "Toelaten: Voldoet aan de criteria" in decisions.split("<tbody>")[1]
