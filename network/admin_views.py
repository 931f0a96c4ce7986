"""Admin views for the network office: privacy (export and erasure of one person)."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import is_office
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
