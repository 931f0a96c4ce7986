"""The office's view of current lock-outs, and lifting one after confirming."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from network import audit
from network.admin_views import AdminScreenMixin, OfficeOnlyMixin
from network.audit_receivers import account_named

from .lockout import current_lockouts, lift

KINDS = {"username": _("Gebruikersnaam"), "ip_address": _("IP-adres")}


class LockoutsView(OfficeOnlyMixin, AdminScreenMixin, TemplateView):
    template_name = "accounts/admin/lockouts.html"
    page_title = _("Geblokkeerde log-ins")
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lockouts"] = [(lockout, KINDS[lockout.kind]) for lockout in current_lockouts()]
        return context


class LiftLockoutView(OfficeOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks "are you sure?", POST lifts the lock-out."""

    template_name = "accounts/admin/lift_lockout.html"
    page_title = _("Blokkade opheffen")
    header_icon = "lock-open"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("accounts_lockouts"), "label": LockoutsView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.kind = request.GET.get("soort") or request.POST.get("soort")
        self.value = request.GET.get("waarde") or request.POST.get("waarde")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.kind not in KINDS or not self.value:
            return redirect("accounts_lockouts")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.kind in KINDS and self.value and lift(self.kind, self.value):
            about = account_named(self.value) if self.kind == "username" else None
            what = str(KINDS[self.kind]).lower()
            audit.record(
                audit.LOCKOUT_LIFTED, about or request.user, data={"what": what, "value": self.value}
            )
            messages.success(
                request,
                _t("De blokkade van %(kind)s %(value)s is opgeheven.") % {"kind": what, "value": self.value},
            )
        return redirect("accounts_lockouts")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, kind_label=KINDS[self.kind], value=self.value)
        return context
