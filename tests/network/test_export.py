"""Issue 16: the office's participant exports open as-is in Dutch Excel: Dutch labels, contacts, local times."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from network.factories import ContactPersonFactory, ParticipantFactory
from network.models import Role, RoleChange

pytestmark = pytest.mark.django_db

PARTICIPANTS = reverse("wagtailsnippets_network_participant:list")


@pytest.fixture
def ggd():
    participant = ParticipantFactory(
        name="GGD Utrecht",
        role=Role.PARTNER,
        sector="ggd",
        region="utrecht",
        joined_on=datetime.date(2025, 3, 4),
    )
    ContactPersonFactory(participant=participant, name="Anna de Vries", email="anna@ggd.example.org")
    return participant


def test_participants_csv_has_dutch_labels_contacts_and_dates(office_client, ggd):
    response = office_client.get(PARTICIPANTS, {"export": "csv"})
    body = response.content
    assert body.startswith("\ufeff".encode()), "a byte order mark, so Excel reads the accents"
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[0] == "Naam" and "Contactpersonen" in lines[0]
    row = next(line for line in lines if line.startswith("GGD Utrecht;"))
    assert ";GGD;" in row and ";Partner;" in row and "GGD regio Utrecht" in row
    assert ";ggd;" not in row and ";utrecht;" not in row and ";partner;" not in row
    assert "4 maart 2025" in row and "Anna de Vries <anna@ggd.example.org>" in row


def test_times_are_local_and_written_out(office_client, ggd, office_user):
    RoleChange.objects.create(
        participant=ggd,
        from_role=Role.SUPPORTER,
        to_role=Role.PARTNER,
        changed_by=office_user,
        changed_at=datetime.datetime(2026, 12, 1, 13, 5, tzinfo=datetime.UTC),
    )
    listing = reverse("wagtailsnippets_network_rolechange:list")
    csv = office_client.get(listing, {"export": "csv"}).content.decode("utf-8-sig")
    assert "1 december 2026 14:05" in csv and "+00:00" not in csv and ";nee;" in csv
    book = load_workbook(io.BytesIO(office_client.get(listing, {"export": "xlsx"}).content))
    cells = [cell.value for row in book.active.iter_rows() for cell in row]
    assert datetime.datetime(2026, 12, 1, 14, 5) in cells, "the office's local time in a date cell"
    assert timezone.get_current_timezone_name() == "Europe/Amsterdam"


def test_the_role_history_list_says_ja_or_nee(office_client, ggd, office_user):
    RoleChange.objects.create(
        participant=ggd,
        from_role=Role.PARTNER,
        to_role=Role.SUPPORTER,
        left_network=True,
        changed_by=office_user,
    )
    html = office_client.get(reverse("wagtailsnippets_network_rolechange:list")).content.decode()
    assert ">Ja<" in html.replace("\n", "").replace(" ", "")
    assert "True" not in html and "False" not in html
