import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from network.models import ContactPerson, Participant, Role, RoleChange

pytestmark = pytest.mark.django_db

CSV = """naam;soort;sector;regio;rol;kvk;website;lid sinds;contact naam;contact e-mail;contact telefoon
GGD Haaglanden;organisatie;GGD;Den Haag;partner;12345678;https://ggd.example.org;2024-03-01;Els de Wit;els@ggd.example.org;070 1234567
Sportclub Oost;;Sportvereniging of -bond;utrecht;supporter;;;;Kees;kees@sport.example.org;
Kapot;;onbekende sector;;;;;;;;
Zonder mail;;;;;;;;Piet;;
"""


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "partners.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_participants", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_saves_nothing(csv_file):
    out = run(csv_file, "--dry-run")
    assert "2 nieuw" in out and "2 fout" in out and "Proefrun" in out
    assert "rij 4 (Kapot): onbekende sector" in out
    assert "rij 5 (Zonder mail): contactpersoon zonder e-mailadres" in out
    assert not Participant.objects.exists()


def test_import_then_rerun_changes_nothing(csv_file):
    out = run(csv_file)
    assert "2 nieuw" in out and "2 fout" in out
    ggd = Participant.objects.get(name="GGD Haaglanden")
    assert (ggd.sector, ggd.region, ggd.role, str(ggd.joined_on)) == (
        "ggd",
        "haaglanden",
        "partner",
        "2024-03-01",
    )
    assert ggd.contacts.get().email == "els@ggd.example.org"
    assert ggd.role_changes.get().to_role == Role.PARTNER
    changes = RoleChange.objects.count()
    out = run(csv_file)
    assert "0 nieuw" in out and "2 ongewijzigd" in out
    assert Participant.objects.count() == 2 and ContactPerson.objects.count() == 2
    assert RoleChange.objects.count() == changes


def test_rerun_matches_by_kvk_and_writes_role_history(tmp_path, csv_file):
    run(csv_file)
    changed = tmp_path / "nieuw.csv"
    changed.write_text("naam,kvk,rol\nGGD Haaglanden en omstreken,12345678,kernpartner\n", encoding="utf-8")
    assert "1 bijgewerkt" in run(changed)
    ggd = Participant.objects.get(kvk_number="12345678")
    assert ggd.name == "GGD Haaglanden en omstreken" and ggd.role == Role.KERNPARTNER
    latest = ggd.role_changes.first()
    assert (latest.from_role, latest.to_role) == (Role.PARTNER, Role.KERNPARTNER) and "ANR" in latest.reason


def test_xlsx_is_read_too(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "Sector", "Regio", "Rol", "Contact_naam", "Contact_email"])
    sheet.append(["Longfonds", "gezondheidsfonds", "GGD Amsterdam", "Kernpartner", "An", "an@lf.example.org"])
    path = tmp_path / "partners.xlsx"
    book.save(path)
    assert "1 nieuw" in run(path)
    longfonds = Participant.objects.get(name="Longfonds")
    assert longfonds.role == Role.KERNPARTNER and longfonds.region == "amsterdam"


def test_unknown_columns_stop_before_anything_happens(tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text("naam,kleur\nA,rood\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kleur"):
        run(path)
