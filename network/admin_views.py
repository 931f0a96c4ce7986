"""Admin views for the network office: privacy (export and erasure of one person) and the archive."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import archive, audit
from .access import is_office
from .crossapp import coalitions
from .export import csv_response, xlsx_response
from .models import Participant
from .privacy import erase_person, export_person, provider_labels


class OfficeOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_office(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de persoon"))


class PrivacyView(OfficeOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
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
                _t("De persoonsgegevens van %(email)s zijn gewist: %(report)s")
                % {
                    "email": email,
                    "report": json.dumps(report, ensure_ascii=False, default=str),
                },
            )
            return redirect("network_privacy")
        return redirect("network_privacy")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = kwargs.get("data")
        if data is not None:
            context["data_json"] = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        context["providers"] = ["network", *provider_labels()]
        return context


class ArchiveFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=[(k, v[0]) for k, v in archive.SOURCES.items()])
    van = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    coalitie = forms.TypedChoiceField(label=_("Coalitie"), required=False, coerce=int, empty_value=None)
    deelnemer = forms.ModelChoiceField(
        label=_("Deelnemer"), queryset=Participant.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages = coalitions()
        if pages is None:
            del self.fields["coalitie"]
        else:
            self.fields["coalitie"].choices = [("", _("Alle coalities"))] + [
                (p.pk, p.title) for p in pages.order_by("title")
            ]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _t("De einddatum ligt vóór de begindatum."))
        return data

    def filters(self):
        data = self.cleaned_data
        coalition = None
        if data.get("coalitie"):
            coalition = coalitions().filter(pk=data["coalitie"]).first()
        return archive.Filters(data.get("van"), data.get("tot"), coalition, data.get("deelnemer"))


class ArchiveView(OfficeOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Archive of activities, lessons, declarations and workflow decisions; filter and export."""

    template_name = "network/admin/archive.html"
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
