"""The audit log (issue 13): each kind of event shows in the office's Logboek, in Dutch, with who did it."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from network import audit
from network.factories import ContactUserFactory, OfficeUserFactory, ParticipantFactory, add_groups
from network.models import ConsentRecord, Role
from network.roles import PARTNERS

from .conftest import participant_form

pytestmark = pytest.mark.django_db
LOGBOOK = "/admin/logboek/"


@pytest.fixture
def office_user(db):
    return OfficeUserFactory(username="bureau", first_name="Bea", last_name="Bureau")


@pytest.fixture
def contact(db):
    return ContactUserFactory(
        username="ilse",
        email="ilse@ggd.example.org",
        first_name="Ilse",
        contact__name="Ilse Jansen",
        contact__participant__name="GGD Twente",
    ).contact_person


def logbook(client, reader, **params):
    client.force_login(reader)
    response = client.get(LOGBOOK, params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    """The text of each row of the Logboek's table, whitespace collapsed."""
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def row_with(html, text):
    found = [row for row in rows(html) if text in row]
    assert found, f"no row with {text!r} in {rows(html)}"
    return found[0]


def test_role_change_in_the_admin_shows_what_about_whom_by_whom(client, office_user):
    participant = ParticipantFactory(name="Gemeente Teststad", role=Role.SUPPORTER)
    client.force_login(office_user)
    edit_url = reverse("wagtailsnippets_network_participant:edit", args=[participant.pk])
    response = client.post(edit_url, participant_form(contact=False))
    assert response.status_code == 302
    row = row_with(logbook(client, office_user), "Rol gewijzigd van supporter naar partner")
    assert "Gemeente Teststad" in row and "Bea Bureau" in row
    # The participant's own history in the admin shows it too.
    history = reverse("wagtailsnippets_network_participant:history", args=[participant.pk])
    assert "Rol gewijzigd van supporter naar partner" in client.get(history).content.decode()


def test_consent_given_and_withdrawn_on_mijn_privacy(client, office_user, contact):
    client.force_login(contact.user)
    client.post("/mijn/privacy/", {"action": "give", "agree": "on"})
    client.post("/mijn/privacy/", {"action": "withdraw", "purpose": "gegevens_delen"})
    assert not ConsentRecord.has_consent(contact.email, "gegevens_delen")
    html = logbook(client, office_user)
    given = row_with(html, "Toestemming gegeven voor “Gegevens delen met andere deelnemers”")
    withdrawn = row_with(html, "Toestemming ingetrokken voor “Gegevens delen met andere deelnemers”")
    for row in (given, withdrawn):
        assert "Ilse Jansen (ilse@ggd.example.org)" in row and row.endswith("Ilse")


def test_withdrawal_through_an_unsubscribe_link_is_by_the_person(client, office_user):
    ConsentRecord.objects.create(
        email="lezer@example.org", purpose="nieuwsbrief", text="Ja", text_version="1"
    )
    assert ConsentRecord.withdraw("lezer@example.org", "nieuwsbrief") == 1
    row = row_with(logbook(client, office_user), "Toestemming ingetrokken voor “Nieuwsbrief ontvangen”")
    assert "de persoon zelf" in row


def test_archive_and_privacy_exports_and_the_erasure(client, office_user, contact):
    client.force_login(office_user)
    assert client.get("/admin/archief/", {"soort": "activiteiten", "export": "csv"}).status_code == 200
    export = client.post("/admin/privacy/", {"email": contact.email, "action": "export"})
    assert export["Content-Type"] == "application/json"
    html = logbook(client, office_user)
    assert "Bea Bureau" in row_with(html, "Archief: Activiteiten gedownload (CSV, 0 regels)")
    assert contact.email in row_with(html, "Persoonsgegevens (inzageverzoek) gedownload (JSON)")

    client.post("/admin/privacy/", {"email": contact.email, "action": "erase", "confirm": contact.email})
    html = logbook(client, office_user)
    assert "Bea Bureau" in row_with(html, "Persoonsgegevens van een persoon gewist")
    # The erasure took the address out of the earlier entries as well, and the new one does not name it.
    table = " ".join(rows(html))
    assert contact.email not in table and "Ilse Jansen" not in table


def test_participant_list_export_is_recorded(client, office_user):
    ParticipantFactory(name="Sportclub", role=Role.SUPPORTER)
    client.force_login(office_user)
    export = client.get(reverse("wagtailsnippets_network_participant:list"), {"export": "xlsx"})
    assert export.status_code == 200
    row = row_with(logbook(client, office_user), "Lijst Deelnemers gedownload (XLSX, 1 regels)")
    assert "Bea Bureau" in row


def test_log_in_failed_log_in_and_log_out_through_the_site(client, office_user, contact):
    contact.user.set_password("Rookvrij-2026!")
    contact.user.save()
    client.post("/login/", {"username": "ilse", "password": "fout"})
    client.post("/login/", {"username": "niemand", "password": "fout"})
    assert client.post("/login/", {"username": "ilse", "password": "Rookvrij-2026!"}).status_code == 302
    client.post("/logout/")
    html = logbook(client, office_user)
    failed = row_with(html, "Inloggen mislukt met gebruikersnaam “ilse”")
    assert "iemand die niet ingelogd is" in failed
    assert "niemand" not in html  # attempts on accounts that do not exist have nothing to be logged against
    assert row_with(html, "Ingelogd ilse").endswith("Ilse")
    assert row_with(html, "Uitgelogd").endswith("Ilse")
    entry = ModelLogEntry.objects.get(action=audit.LOGIN, user=contact.user)
    assert entry.data["ip"] == "127.0.0.1" and "password" not in json.dumps(entry.data)


def test_lock_out_and_lifting_it_are_in_the_logbook_once(client, office_user, contact):
    for _ in range(7):  # the 5th wrong password locks; the two refused tries after it add no row
        client.post("/login/", {"username": "ilse", "password": "fout"}, REMOTE_ADDR="192.0.2.7")
    html = logbook(client, office_user)
    assert len([r for r in rows(html) if "Inloggen tijdelijk geblokkeerd" in r]) == 1
    assert "“ilse”" in row_with(html, "Inloggen tijdelijk geblokkeerd")

    client.post("/admin/blokkades/opheffen/", {"soort": "username", "waarde": "ilse"})
    assert row_with(logbook(client, office_user), "Blokkade opgeheven").endswith("Bea Bureau")


def test_filters_by_action_user_date_and_object(client, office_user, contact):
    ParticipantFactory(name="Sportclub", role=Role.SUPPORTER)
    contact.participant.change_role(Role.SUPPORTER, by=office_user)
    html = logbook(client, office_user, action=audit.ROLE_CHANGE, label="twente")
    assert len(rows(html)) == 2 and all("GGD Twente" in row for row in rows(html))
    assert "Bea Bureau" in row_with(html, "Rol gewijzigd van partner naar supporter")
    html = logbook(client, office_user, user=office_user.pk)
    assert "Sportclub" not in html and "GGD Twente" in html
    html = logbook(client, office_user, timestamp_from="2000-01-01", timestamp_to="2000-01-02")
    assert "GGD Twente" not in html and "niets in het logboek" in html


def test_only_the_office_opens_the_logbook(client, contact):
    response = client.get(LOGBOOK)
    assert response.status_code == 302 and "/login/" in response["Location"]
    add_groups(contact.user, [PARTNERS])
    client.force_login(contact.user)
    for url in (LOGBOOK, LOGBOOK + "resultaten/", LOGBOOK + "?export=csv"):
        refused = client.get(url)
        assert refused.status_code in (302, 403) and "GGD Twente" not in refused.content.decode()
    assert "/admin/logboek/" not in client.get("/admin/").content.decode()


def test_the_office_has_the_menu_item_and_exports_csv_and_xlsx(client, office_user):
    ParticipantFactory(name="=HYPERLINK(1)", role=Role.SUPPORTER)
    client.force_login(office_user)
    assert "/admin/logboek/" in client.get("/admin/").content.decode()
    export = client.get(LOGBOOK, {"export": "csv", "action": audit.ROLE_CHANGE})
    assert export.status_code == 200 and "logboek-" in export["Content-Disposition"]
    table = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(table) == 2 and table[0] == ["Wanneer", "Wat", "Over", "Soort", "Door"]
    assert table[1][1] == "Toegevoegd aan het netwerk als supporter"
    assert table[1][2] == "'=HYPERLINK(1)"  # not run as a formula by a spreadsheet
    assert table[1][4] == "systeem"
    export = client.get(LOGBOOK, {"export": "xlsx", "action": audit.ROLE_CHANGE})
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 2 and values[0] == ("Wanneer", "Wat", "Over", "Soort", "Door")
    assert values[1][1] == "Toegevoegd aan het netwerk als supporter" and values[1][2] == "=HYPERLINK(1)"
    assert sheet.cell(2, 3).data_type == "s"
