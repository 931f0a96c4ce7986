"""Spreadsheet exports (CSV and XLSX) that never hand a spreadsheet program a formula.

Text that applicants, partners or editors typed may start with `=`, `+`, `-` or `@` (or a tab or carriage
return, which some programs skip before reading a formula): `=HYPERLINK("http://…")` in an organisation's
name would otherwise become a live link or worse in the office's spreadsheet (CSV or formula injection).
XLSX cells are written as text cells, as Wagtail's own exports do (wagtail.admin.views.mixins
SpreadsheetExportMixin), and CSV, which has no cell types, gets such text prefixed with an apostrophe
(OWASP's advice). Wagtail's mixin leaves CSV as it is, so `SafeExportIndexView` adds the apostrophe there too.

What the office opens must read as-is in Dutch Excel: choices as their Dutch labels (not codes), yes/no as
"ja"/"nee", times in Europe/Amsterdam ("1 december 2026 14:05" in CSV, a date cell in XLSX), CSV with `;` and
a byte order mark.
"""

import csv
import datetime
import io

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from . import audit

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """`value`, with an apostrophe in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell_text(value):
    """A value as the text a Dutch reader expects in a CSV cell."""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return "" if value is None else value


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, headers, rows):
    """A `;`-separated UTF-8 CSV download (with a byte order mark, so Excel reads the accents)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        writer.writerow([neutralise(cell_text(v)) for v in row])
    return _attachment(response, filename)


def xlsx_response(filename, sheet_title, headers, rows):
    """An XLSX download with one sheet; every text cell is stored as text, never as a formula."""
    from openpyxl import Workbook  # heavy (0.1 s at start-up), only for downloads
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31])

    def cells(values):
        for value in values:
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                value = timezone.make_naive(value)  # Excel has no time zones: the office's local time
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":
                cell.data_type = "s"
            yield cell

    sheet.append(cells(str(h) for h in headers))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


class SafeExportIndexView(SnippetIndexView):
    """A snippet listing whose CSV export neutralises formulas too (Wagtail already does so for XLSX), and whose
    downloads are recorded in the audit log: they hold personal data."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        name = _("Lijst %(name)s") % {"name": capfirst(self.model._meta.verbose_name_plural)}
        audit.record_export(self.request.user, name, spreadsheet_format, len(queryset))
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        """Choices by their Dutch label, as the listing shows them."""
        row = super().to_row_dict(item)
        for name in row:
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.choices:
                row[name] = getattr(item, f"get_{name}_display")()
        return row

    def write_csv_response(self, queryset):
        headers = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [self.preprocess_field_value(f, v, self.FORMAT_CSV) for f, v in self.to_row_dict(item).items()]
            for item in queryset
        )
        return csv_response(f"{self.get_filename()}.csv", headers, rows)

    def write_xlsx_response(self, queryset):
        headers = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [self.preprocess_field_value(f, v, self.FORMAT_XLSX) for f, v in self.to_row_dict(item).items()]
            for item in queryset
        )
        name = capfirst(self.model._meta.verbose_name_plural)
        return xlsx_response(f"{self.get_filename()}.xlsx", name, headers, rows)

    def preprocess_field_value(self, field, value, export_format):
        """Text as it is (csv_response and xlsx_response make it safe and Dutch), lists joined, models by name."""
        if isinstance(value, (str, int, float, bool, datetime.date)) or value is None:
            return value
        return super().preprocess_field_value(field, value, export_format)
