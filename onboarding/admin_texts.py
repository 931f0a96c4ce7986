"""The office's screens for the texts to sign: drafts edited in a viewset (wagtail_hooks.py), publishing after a
confirmation that says whether the change is material and how many participants will be mailed, and the overview
of the re-confirmations (per participant the version it last confirmed of each text; each round's progress; who
has not confirmed, for the core partners)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import confirmations, diff, tasks
from .models import ConfirmationRequest, ConfirmationRound, DeclarationText

PUBLISH = "onboarding.publish_declarationtext"
VIEW_ROUNDS = "onboarding.view_confirmationround"


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PublishView(AdminPage):
    """GET: what publishing this draft does; POST: publish it (and start the round when it is material)."""

    permission = PUBLISH
    header_icon = "doc-full"
    template_name = "onboarding/admin/text_publish.html"

    def get_page_title(self):
        return _t("Publiceren: %(text)s") % {"text": self.text.get_kind_display()}

    def dispatch(self, request, pk):
        self.text = get_object_or_404(DeclarationText.objects.drafts(), pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        current = DeclarationText.current(self.text.kind)
        return super().get_context_data(
            text=self.text,
            current=current,
            number=(current.number + 1) if current else 1,
            mailed=confirmations.mailed_count() if self.text.material else 0,
            paragraphs=diff.compare(current.text, self.text.text) if current else None,
            **kwargs,
        )

    def post(self, request, pk):
        with transaction.atomic():
            round_ = confirmations.publish(self.text, request.user)
            if round_ is not None:
                transaction.on_commit(lambda: tasks.send_round.delay(round_.pk), robust=True)
        message = _t("%(text)s is gepubliceerd.") % {"text": self.text}
        if round_ is not None:
            message += " " + _t("%(count)s deelnemers krijgen een e-mail met het verzoek te bevestigen.") % {
                "count": round_.requests.count()
            }
            messages.success(request, message)
            return redirect("onboarding_confirmation_round", round_.pk)
        messages.success(request, message)
        return redirect("declaratietexts:index")


class OverviewView(AdminPage):
    permission = VIEW_ROUNDS
    page_title = _("Bevestigingen")
    header_icon = "tick"
    template_name = "onboarding/admin/confirmations.html"

    def get_context_data(self, **kwargs):
        participants = list(confirmations.active_participants().order_by("name"))
        confirmed = confirmations.last_confirmed(participants)
        kinds = list(DeclarationText.Kind)
        current = {kind: DeclarationText.current(kind) for kind in kinds}
        rows = [
            {
                "participant": p,
                "cells": [
                    {"last": confirmed[p.pk].get(kind), "current": current[kind] and current[kind].number}
                    for kind in kinds
                ],
            }
            for p in participants
        ]
        rounds = [_progress(r) for r in ConfirmationRound.objects.select_related("text")[:20]]
        return super().get_context_data(
            kinds=[k.label for k in kinds],
            rows=rows,
            rounds=rounds,
            overdue=confirmations.overdue_redeclarations(),
            **kwargs,
        )


def _progress(round_):
    requests = list(round_.requests.all())
    round_.total = len(requests)
    round_.confirmed = sum(1 for r in requests if r.confirmed_at)
    round_.disagreed = sum(1 for r in requests if r.disagreed_at)
    round_.waiting = round_.total - round_.confirmed - round_.disagreed
    return round_


class RoundView(AdminPage):
    permission = VIEW_ROUNDS
    header_icon = "tick"
    template_name = "onboarding/admin/confirmation_round.html"

    def get_page_title(self):
        return str(self.round)

    def dispatch(self, request, pk):
        self.round = get_object_or_404(ConfirmationRound.objects.select_related("text"), pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        requests = ConfirmationRequest.objects.filter(round=self.round).select_related(
            "participant", "contact"
        )
        return super().get_context_data(
            round=_progress(self.round),
            not_confirmed=[r for r in requests if not r.confirmed_at],
            confirmed=[r for r in requests if r.confirmed_at],
            **kwargs,
        )
