"""The privacy export as a report a person can read (HTML, and PDF through WeasyPrint).

`export_person` gives the data per app as JSON (the machine-readable copy the AVG asks for); this module
turns the same data into Dutch headings, labels and dates, says per part why the network keeps it, and leaves
out secrets (password hashes). WeasyPrint is a kept library that renders HTML and CSS to PDF without a
browser; it needs Pango from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0).
"""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import ConsentRecord
from .privacy import export_person

SECRET_FIELDS = {"password"}
# Codes in the export shown by their label; parts shown elsewhere in the report already.
VALUE_LABELS = {"doel": dict(ConsentRecord.Purpose.choices)}
SHOWN_ELSEWHERE = {"auth.user"}  # the network's "gebruikersaccounts"

# Why the network keeps each part (keys as export_person names them); other parts get the general reason.
WHY = {
    "contactpersonen": _(
        "U bent contactpersoon van een deelnemer: zo kan het netwerk met uw organisatie samenwerken."
    ),
    "toestemmingen": _("Wat u toestond, met de tekst die u toen zag; u kunt elke toestemming intrekken."),
    "gebruikersaccounts": _("Uw account om in te loggen op het platform."),
    "als_nieuw_email_aangevraagd": _("Een nieuw e-mailadres dat nog bevestigd moet worden."),
}
GENERAL_WHY = _("Gegevens die het platform bij uw e-mailadres bewaart voor zijn werk als netwerk.")


def _label(key):
    return key.replace("_", " ").capitalize()


def _text(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, str) and (moment := parse_datetime(value)) is not None:
        value = moment
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def _shown(key, value):
    labels = VALUE_LABELS.get(key)
    return labels.get(value, value) if labels and isinstance(value, str) else value


def _records(rows, model=None):
    """Each row as (label, text) pairs; with `model`, labels are its fields' Dutch names."""

    def label(key):
        if model is not None:
            try:
                return str(model._meta.get_field(key).verbose_name).capitalize()
            except FieldDoesNotExist:
                pass
        return _label(key)

    return [
        [(label(k), _text(_shown(k, v))) for k, v in row.items() if k not in SECRET_FIELDS] for row in rows
    ]


def _app_name(label):
    try:
        return str(apps.get_app_config(label).verbose_name)
    except LookupError:
        return _label(label)


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def sections(data):
    """[{title, parts: [{title, why, records: [[(label, text)]]}]}] for the parts that hold something."""
    result = []
    for key, value in data.items():
        if key == "email":
            continue
        if key == "overige_gegevens":
            parts = [
                {
                    "title": str(model._meta.verbose_name_plural).capitalize() if model else _label(label),
                    "why": GENERAL_WHY,
                    "records": _records(rows, model),
                }
                for label, rows in value.items()
                if label not in SHOWN_ELSEWHERE
                for model in [_model(label)]
            ]
            title = _("Overige gegevens")
        elif isinstance(value, dict):
            parts = [
                {"title": _label(part), "why": WHY.get(part, GENERAL_WHY), "records": _records(rows)}
                for part, rows in value.items()
                if rows
            ]
            title = _app_name(key)
        else:
            parts = (
                [{"title": _app_name(key), "why": GENERAL_WHY, "records": _records(value)}] if value else []
            )
            title = _app_name(key)
        if parts:
            result.append({"title": title, "parts": parts})
    return result


def report_html(email):
    """The whole report as one HTML document, with its own styles (the same for the browser and the PDF)."""
    return render_to_string(
        "network/privacy_report.html",
        {"email": email, "sections": sections(export_person(email)), "made_at": timezone.now()},
    )


def report_pdf(email):
    from weasyprint import HTML  # loads Pango; only needed for this download

    return HTML(string=report_html(email)).write_pdf()


def privacy_report_response(email, *, pdf):
    """The report as a download: PDF, or HTML to read in the browser."""
    if not pdf:
        return HttpResponse(report_html(email))
    response = HttpResponse(report_pdf(email), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="persoonsgegevens-{slugify(email)}.pdf"'
    return response
