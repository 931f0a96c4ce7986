"""The office's admin screens: the archive (activities, lessons, declarations and workflow decisions; filter
and export) and merging two coalitions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from network import audit
from network.admin_views import AdminScreenMixin, OfficeOnlyMixin
from network.export import csv_response, xlsx_response

from . import archive, merge
from .forms import ArchiveFilterForm, ConfirmMergeForm, MergeCoalitionsForm


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


class MergeCoalitionsView(OfficeOnlyMixin, AdminScreenMixin, TemplateView):
    """ "Coalities samenvoegen": choose the coalition that stays and the one that goes, read exactly what will
    happen, confirm; then `office.merge` does it (issue 19.8)."""

    template_name = "office/admin/merge_coalitions.html"
    page_title = _("Coalities samenvoegen")
    header_icon = "group"

    def get(self, request):
        form = MergeCoalitionsForm(request.GET or None)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            confirm = ConfirmMergeForm(initial={"keep": data["keep"].pk, "remove": data["remove"].pk})
            return self._preview(data["keep"], data["remove"], confirm)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = ConfirmMergeForm(request.POST)
        if not form.is_valid():
            keep, remove = form.cleaned_data.get("keep"), form.cleaned_data.get("remove")
            if keep and remove and keep.pk != remove.pk:
                return self._preview(keep, remove, form)
            return self.render_to_response(self.get_context_data(form=MergeCoalitionsForm(request.POST)))
        keep, remove = form.cleaned_data["keep"], form.cleaned_data["remove"]
        title = remove.title
        merge.merge(keep, remove, request.user)
        messages.success(
            request,
            _t("“%(removed)s” is samengevoegd met “%(kept)s”. Het oude webadres verwijst naar “%(kept)s”.")
            % {"removed": title, "kept": keep.title},
        )
        return redirect("office_merge_coalitions")

    def _preview(self, keep, remove, confirm):
        return self.render_to_response(
            self.get_context_data(
                plan=merge.plan(keep, remove), confirm_form=confirm, keep=keep, remove=remove
            )
        )
