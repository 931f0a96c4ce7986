"""The network-role flows' task forms: preparing and completing a handover, the nomination, the exit
request's support, response and outcome, and the reflection.

Apart from the other views, because the flows (flows.py) name these views and the other views start the flows.
They are workflows' TaskFormView, called as `view(request, pk=<task pk>)` from our public task address and
from the admin's "Taken" area alike; they check themselves who may take and do the task (Viewflow's
activation API does not).
"""

from django.db.models import Count
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from network.access import core_partner_of
from workflows.views import TaskFormView

from . import forms, proposals
from .access import active_core_partners
from .links import process_url
from .mail import mail_on_commit
from .models import HandoverDocument, HandoverNomination


class RoleTaskFormView(TaskFormView):
    """A task of these flows: whoever its RoleTask node allows sees it, on the site or in the Taken area, and
    submitting takes it while it is still free. Afterwards the user is on the process's page."""

    template_name = "governance/handover/task.html"
    success_message = _lazy("Dank u, de taak is afgerond.")

    def may_see(self, user, task):
        return task.flow_task.allows(user, task)

    def may_take(self, user, task):
        return task.flow_task.can_assign(user, task)

    def may_execute(self, user, task):
        return task.flow_task.can_execute(user, task)

    def get_success_url(self):
        return process_url(self.process, absolute=False)

    def busy_url(self):
        return self.request.path

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, ModelForm):
            kwargs["instance"] = self.process
        return kwargs

    def for_office(self):
        """Does the office do this task for someone who has no log-in (flows.RoleTask)?"""
        return self.task.flow_task.for_office(self.task)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.task.flow_task.task_title,
            process_url=process_url(self.process, absolute=False),
            for_office=self.for_office(),
            **kwargs,
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def task_done(self, form, activation):
        form.save()


class PrepareHandoverView(RoleTaskFormView):
    form_class = forms.PrepareHandoverForm
    template_name = "governance/handover/prepare.html"

    def task_done(self, form, activation):
        form.save()
        chosen = form.cleaned_data["transfer"]
        self.process.checklist.update(transfer=False)
        self.process.checklist.filter(pk__in=[i.pk for i in chosen]).update(transfer=True)
        if form.cleaned_data.get("document"):
            document = form.cleaned_data["document"]
            HandoverDocument.objects.create(
                process=self.process,
                title=form.cleaned_data["document_title"],
                file=document,
                original_name=document.name[:255],
            )


class NominateView(RoleTaskFormView):
    form_class = forms.NominateForm
    template_name = "governance/handover/nominate.html"

    def task_done(self, form, activation):
        process = self.process
        process.open_seat = form.cleaned_data["open_seat"]
        process.successor = None if process.open_seat else form.cleaned_data["successor"]
        process.save(update_fields=["open_seat", "successor"])
        if process.successor:
            HandoverNomination.objects.create(
                process=process, participant=process.successor, nominated_by=self.request.user
            )


class AcceptNominationView(RoleTaskFormView):
    form_class = forms.AcceptNominationForm
    template_name = "governance/handover/accept.html"

    def task_done(self, form, activation):
        nomination = self.process.nominations.filter(participant=self.process.successor, response="").last()
        if nomination is None:
            nomination = HandoverNomination(process=self.process, participant=self.process.successor)
        nomination.response = form.cleaned_data["response"]
        nomination.response_note = form.cleaned_data["note"]
        nomination.responded_by = self.request.user
        nomination.responded_at = timezone.now()
        nomination.save()


class CompleteHandoverView(RoleTaskFormView):
    form_class = forms.CompleteHandoverForm
    template_name = "governance/handover/complete.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()


class SupportExitView(RoleTaskFormView):
    form_class = forms.SupportExitForm
    template_name = "governance/exit/task.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.for_office():
            process = self.process
            kwargs["on_behalf_of"] = active_core_partners().exclude(
                pk__in=[process.participant_id, process.requesting_participant_id or 0]
            )
        return kwargs

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.supported_by = self.request.user
        process.supporting_participant = form.cleaned_data.get("supporting_participant") or core_partner_of(
            self.request.user
        )
        process.save()


class RespondExitView(RoleTaskFormView):
    form_class = forms.RespondExitForm
    template_name = "governance/exit/task.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.responded_at = timezone.now()
        process.save()


class ExitOutcomeView(RoleTaskFormView):
    form_class = forms.ExitOutcomeForm
    template_name = "governance/exit/task.html"

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.decided_by = self.request.user
        process.decided_at = timezone.now()
        process.save()
        mail_on_commit(
            _("Uitkomst van het verzoek tot vertrek"),
            _("De kernpartners hebben de uitkomst vastgelegd: %(outcome)s.\n\n%(note)s")
            % {"outcome": process.get_outcome_display(), "note": process.outcome_note},
            [c.email for c in process.participant.contacts.all()],
        )


class ReflectView(RoleTaskFormView):
    """The conclusions, and a decision about each proposal still to be decided (governance.proposals)."""

    form_class = forms.ReflectForm
    template_name = "governance/reflection/task.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["proposals"] = (
            proposals.undecided()
            .select_related("proposer__participant")
            .annotate(support_count=Count("supports", distinct=True))
            .order_by("created_at", "pk")
        )
        return kwargs

    def task_done(self, form, activation):
        process = form.save(commit=False)
        process.completed_by = self.request.user
        process.completed_at = timezone.now()
        process.save()
        proposals.decide(process, form.decisions(), self.request.user)
