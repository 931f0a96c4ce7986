"""Import the ANR partner list (CSV or XLSX) into participants and contact persons.

Column mapping (header names are matched case-insensitively; spaces and dashes count as underscores):

| column | field | values |
|---|---|---|
| naam (required) | Participant.name | |
| soort | kind | organisatie / individu (default organisatie) |
| sector | sector | code or Dutch label, e.g. ggd, "Gemeente of provincie" (default overig) |
| regio | region | GGD region code, name or main city, e.g. utrecht, "GGD Haaglanden", Den Haag |
| rol | role | kernpartner / partner / supporter (default supporter) |
| kvk | kvk_number | 8 digits |
| website | website | |
| omschrijving | description | |
| lid_sinds | joined_on | 2026-01-31, 31-01-2026 or an Excel date |
| contact_naam, contact_email, contact_telefoon, contact_functie | one ContactPerson | e-mail required when a contact is given |

A row matches an existing participant by KvK number, otherwise by name (case-insensitive), so running the
import again updates instead of duplicating. Role changes go through Participant.change_role, which writes
the role history.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import ContactPerson, Participant, Role, Sector
from .regions import GGD_REGIONS, GGDRegion

COLUMNS = {
    "naam": "name",
    "soort": "kind",
    "sector": "sector",
    "regio": "region",
    "rol": "role",
    "kvk": "kvk_number",
    "kvk_nummer": "kvk_number",
    "website": "website",
    "omschrijving": "description",
    "lid_sinds": "joined_on",
    "contact_naam": "contact_name",
    "contact_email": "contact_email",
    "contact_e_mail": "contact_email",
    "contact_telefoon": "contact_phone",
    "contact_functie": "contact_job_title",
}
OUTCOMES = {"nieuw": "created", "bijgewerkt": "updated", "ongewijzigd": "unchanged"}
IMPORT_REASON = "Overgenomen uit de partnerlijst van de ANR (import)"


def _key(text):
    return "".join(c if c.isalnum() else "_" for c in str(text or "").strip().lower()).strip("_")


def _choice(value, choices, what, extra=None):
    """Find a choice by code or label (case-insensitive); raise a Dutch error otherwise."""
    wanted = _key(value)
    lookup = {}
    for code, label in choices:
        lookup[_key(code)] = code
        lookup[_key(label)] = code
    lookup.update(extra or {})
    if wanted not in lookup:
        raise ValueError(f"onbekende {what} '{value}'")
    return lookup[wanted]


REGION_ALIASES = {_key(city): code for code, _name, city, *_ in GGD_REGIONS}


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"onleesbare datum '{value}' (gebruik bijvoorbeeld 2026-01-31)")


def read_rows(path):
    """(row number, {column: value}) for each non-empty data row of a CSV or XLSX file."""
    if str(path).lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # heavy (0.1 s at start-up), only for XLSX files

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return []
    headers = [_key(h) for h in rows[0]]
    unknown = [h for h in headers if h and h not in COLUMNS]
    if "naam" not in headers:
        raise ValueError("de kolom 'naam' ontbreekt")
    if unknown:
        raise ValueError(f"onbekende kolommen: {', '.join(unknown)}")
    result = []
    for number, row in enumerate(rows[1:], start=2):
        values = {
            COLUMNS[h]: ("" if v is None else v if isinstance(v, datetime.date) else str(v).strip())
            for h, v in zip(headers, row, strict=False)
            if h
        }
        if any(values.values()):
            result.append((number, values))
    return result


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def _participant_values(values):
    data = {"name": values["name"]}
    if not data["name"]:
        raise ValueError("naam is leeg")
    if values.get("kind"):
        data["kind"] = _choice(values["kind"], Participant.Kind.choices, "soort")
    if values.get("sector"):
        data["sector"] = _choice(values["sector"], Sector.choices, "sector")
    if values.get("region"):
        data["region"] = _choice(values["region"], GGDRegion.choices, "regio", REGION_ALIASES)
    if values.get("role"):
        data["role"] = _choice(values["role"], Role.choices, "rol")
    for key in ("kvk_number", "website", "description"):
        if values.get(key):
            data[key] = values[key]
    if values.get("joined_on"):
        data["joined_on"] = _date(values["joined_on"])
    return data


def _find(data):
    if data.get("kvk_number"):
        found = Participant.objects.filter(kvk_number=data["kvk_number"]).first()
        if found:
            return found
    return Participant.objects.filter(name__iexact=data["name"]).first()


def _import_row(values, by=None):
    """Create or update one participant (and contact); returns "nieuw", "bijgewerkt" or "ongewijzigd"."""
    data = _participant_values(values)
    role = data.pop("role", None)
    participant = _find(data)
    created = participant is None
    if created:
        participant = Participant(role=role or Role.SUPPORTER)
    changed = created
    for key, value in data.items():
        if getattr(participant, key) != value:
            setattr(participant, key, value)
            changed = True
    participant.full_clean()
    if changed:
        participant.save(changed_by=by, reason=IMPORT_REASON)
    if role and participant.role != role:
        participant.change_role(role, by=by, reason=IMPORT_REASON)
        changed = True
    changed |= _import_contact(participant, values)
    return "nieuw" if created else "bijgewerkt" if changed else "ongewijzigd"


def _import_contact(participant, values):
    email = values.get("contact_email", "")
    if not email:
        if values.get("contact_name"):
            raise ValueError("contactpersoon zonder e-mailadres")
        return False
    contact = participant.contacts.filter(email__iexact=email).first() or ContactPerson(
        participant=participant, email=email, is_primary=not participant.contacts.exists()
    )
    changed = contact.pk is None
    for key, column in (
        ("name", "contact_name"),
        ("phone", "contact_phone"),
        ("job_title", "contact_job_title"),
    ):
        if values.get(column) and getattr(contact, key) != values[column]:
            setattr(contact, key, values[column])
            changed = True
    if not contact.name:
        raise ValueError("contactpersoon zonder naam")
    contact.full_clean(exclude=["participant", "user"], validate_unique=False)
    if changed:
        contact.save()
    return changed


def _messages(error):
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v) for k, v in error.message_dict.items()
        )
    return str(error)


def import_participants(path, dry_run=False, by=None):
    """Import every row; a bad row is reported and skipped, the others go ahead."""
    report = Report()
    rows = read_rows(path)
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():
                    outcome = _import_row(values, by=by)
            except (ValueError, ValidationError) as error:
                message = f"rij {number} ({values.get('name') or '?'}): {_messages(error)}"
                report.errors.append(message)
                report.lines.append(f"FOUT {message}")
                continue
            counter = OUTCOMES[outcome]
            setattr(report, counter, getattr(report, counter) + 1)
            report.lines.append(f"rij {number}: {values['name']}: {outcome}")
        if dry_run:
            transaction.set_rollback(True)
    return report
