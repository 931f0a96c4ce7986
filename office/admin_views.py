"""The office's archive in the admin: activities, lessons, declarations and workflow decisions; filter and export."""

from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from network import audit
from network.admin_views import AdminScreenMixin, OfficeOnlyMixin
from network.export import csv_response, xlsx_response

from . import archive
from .forms import ArchiveFilterForm


class ArchiveView(OfficeOnlyMixin, AdminScreenMixin, TemplateView):
    """Archive of activities, lessons, declarations and workflow decisions; filter and export."""

    template_name = "office/admin/archive.html"
    page_title = _("Archief")
    header_icon = "folder-open-inverse"

    def get(self, request):
        params = request.GET.copy()
        params.setdefault("soort", "activiteiten")
        form = ArchiveFilterForm(params)
        rows = archive.rows_for(form.cleaned_data["soort"], form.filters()) if form.is_valid() else []
        export = request.GET.get("export")
        if form.is_valid() and export in ("csv", "xlsx"):
            return self.export(rows, form.cleaned_data["soort"], export)
        query = params.copy()
        query.pop("export", None)
        return self.render_to_response(
            self.get_context_data(form=form, rows=rows, columns=archive.COLUMNS, query=query.urlencode())
        )

    def export(self, rows, source, fmt):
        audit.record_export(self.request.user, _t("Archief: %s") % archive.SOURCES[source][0], fmt, len(rows))
        headers = [str(label) for _key, label in archive.COLUMNS]
        values = [
            [row[key] if row[key] is not None else "" for key, _label in archive.COLUMNS] for row in rows
        ]
        filename = f"archief-{source}-{timezone.localdate():%Y%m%d}.{fmt}"
        if fmt == "csv":
            return csv_response(filename, headers, values)
        return xlsx_response(filename, source, headers, values)
