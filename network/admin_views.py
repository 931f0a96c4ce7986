"""Network's admin views: participants edited with their role history, privacy (export and erasure of one
person) and the Logboek; and the office-only pieces other apps' admin views reuse."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry
from wagtail.snippets.views.snippets import CreateView, EditView

from . import audit, logbook
from .access import is_office
from .export import neutralise
from .privacy import app_names, erase_person, erasure_summary, export_person, provider_labels
from .privacy_report import privacy_report_response


class YesNoColumn(Column):
    """A yes/no field as "Ja"/"Nee" in an admin list (Wagtail's BooleanColumn titles its icons "True"/"False")."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return "–" if value is None else (_t("Ja") if value else _t("Nee"))


class MomentColumn(Column):
    """A date and time as the office reads it ("1 december 2026 14:05", Amsterdam time), or nothing."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return formats.date_format(timezone.localtime(value), "j F Y H:i") if value else ""


class OfficeOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminScreenMixin(WagtailAdminTemplateMixin):
    """An admin screen of ours whose header names it: Wagtail's default breadcrumbs say only "Home"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


class RecordingEditorMixin:
    """Saves the participant with the editing user, so a role change records who made it."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.save(changed_by=self.request.user)
        self.form.save_m2m()
        for formset in getattr(self.form, "formsets", {}).values():
            formset.save()
        return instance


class HeadingMixin:
    """Gives a snippet's add and edit screens their <h1>: Wagtail's snippet templates show the title only as an
    <h2> and leave the slim header's screen-reader <h1> empty (it is filled from `title`)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "title": context.get("page_subtitle") or context.get("page_title")}


class ParticipantCreateView(HeadingMixin, RecordingEditorMixin, CreateView):
    pass


class ParticipantEditView(HeadingMixin, RecordingEditorMixin, EditView):
    pass


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de persoon"))


class PrivacyView(OfficeOnlyMixin, AdminScreenMixin, TemplateView):
    """Look a person up by e-mail, download everything as JSON, or erase the person after confirming."""

    template_name = "network/admin/privacy.html"
    page_title = _("Privacy (AVG)")
    header_icon = "lock"

    def get(self, request):
        form = PersonForm(request.GET or None)
        data = export_person(form.cleaned_data["email"]) if form.is_valid() else None
        return self.render_to_response(self.get_context_data(form=form, data=data))

    def post(self, request):
        form = PersonForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, data=None))
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "export":
            audit.record_export(request.user, _t("Persoonsgegevens (inzageverzoek)"), "json", about=email)
            body = json.dumps(export_person(email), indent=2, ensure_ascii=False, default=str)
            response = HttpResponse(body, content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="persoonsgegevens-{slugify(email)}.json"'
            return response
        if request.POST.get("action") in ("report_html", "report_pdf"):
            pdf = request.POST["action"] == "report_pdf"
            audit.record_export(
                request.user, _t("Persoonsgegevens (inzageverzoek)"), "pdf" if pdf else "html", about=email
            )
            return privacy_report_response(email, pdf=pdf)
        if request.POST.get("action") == "erase":
            if request.POST.get("confirm", "").strip().lower() != email.lower():
                form.add_error(
                    None, _t("Bevestig het wissen door het e-mailadres nogmaals exact in te vullen.")
                )
                data = export_person(email)
                return self.render_to_response(self.get_context_data(form=form, data=data))
            report = erase_person(email)
            audit.record_erasure(request.user, report)
            messages.success(
                request,
                " ".join(
                    [_t("De persoonsgegevens van %(email)s zijn gewist.") % {"email": email}]
                    + erasure_summary(report)
                ),
            )
            return redirect("network_privacy")
        return redirect("network_privacy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = kwargs.get("data")
        if data is not None:
            context["data_json"] = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        context["providers"] = app_names(["network", *provider_labels()])
        return context


DATE_FORMAT = "j F Y H:i"  # "1 december 2026 14:05"
ABOUT_NO_OBJECT = (audit.EXPORT, audit.ERASURE)


def _local_time(value):
    return timezone.localtime(value).replace(tzinfo=None)


class LogbookView(OfficeOnlyMixin, LogEntriesView):
    """The Logboek (see network.logbook): every audited entry, for the office only."""

    page_title = _("Logboek")
    header_icon = "history"
    results_template_name = "network/admin/logbook_results.html"
    filterset_class = logbook.LogbookFilterSet
    index_url_name = "network_logbook"
    index_results_url_name = "network_logbook_results"
    list_export = ["timestamp", "message", "label", "kind", "actor"]
    export_headings = {
        "timestamp": _("Wanneer"),
        "message": _("Wat"),
        "label": _("Over"),
        "kind": _("Soort"),
        "actor": _("Door"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            "timestamp": {
                self.FORMAT_CSV: lambda value: formats.date_format(timezone.localtime(value), DATE_FORMAT),
                self.FORMAT_XLSX: _local_time,
            },
        }

    def get_filename(self):
        return f"logboek-{timezone.localdate():%Y-%m-%d}"

    def get_filtered_queryset(self):
        """As Wagtail's site history, but every audited entry instead of those on objects the user may see."""
        self.log_models = list(registry.get_log_entry_models())
        queryset = None
        for index, model in enumerate(self.log_models):
            rows = (
                self.filter_queryset(model.objects.filter(logbook.audited()))
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
                .order_by()
            )
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.actor = (
                entry.user_display_name if entry.user_id else (entry.data or {}).get("door") or _("systeem")
            )
            # Exports and erasures are logged against the account that did them; "gebruiker" would mislead.
            entry.kind = "" if entry.action in ABOUT_NO_OBJECT else entry.object_verbose_name
        return entries

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value
