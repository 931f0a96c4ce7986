"""The onboarding flow's task forms: the office's screening and the core partners' decision.

Apart from the public views, because the flow (flows.py) names these views and the public views start the flow.
"""

from network.models import ContactPerson, Participant
from workflows.views import TaskFormView

from .forms import CorePartnerDecisionForm, ScreeningForm
from .models import Application


class ScreeningView(TaskFormView):
    """The network office checks an application: accept, reject, or ask the core partners."""

    form_class = ScreeningForm
    template_name = "onboarding/screening_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.process}

    def get_context_data(self, **kwargs):
        app = self.process
        similar = Participant.objects.filter(name__icontains=app.organisation_name[:20])
        return super().get_context_data(
            declaration=app.declarations.order_by("-pk").first(),
            similar_participants=similar[:10],
            email_in_use=ContactPerson.objects.filter(email__iexact=app.email).select_related("participant"),
            other_applications=Application.open_duplicates(app.email, app.organisation_name).exclude(
                pk=app.pk
            ),
            **kwargs,
        )

    def task_done(self, form, activation):
        application = activation.process
        outcome = form.cleaned_data["outcome"]
        application.screening_checks = form.cleaned_data["checks"]
        application.screening_outcome = outcome
        application.screening_notes = form.cleaned_data["reason"]
        if outcome != Application.Outcome.ASK_CORE_PARTNERS:
            application.decision = outcome
            application.decision_reason = form.cleaned_data["reason"]
        application.save()


class CorePartnerDecisionView(TaskFormView):
    """The core partners decide on an application the office put before them."""

    form_class = CorePartnerDecisionForm
    template_name = "onboarding/screening_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.process}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            declaration=self.process.declarations.order_by("-pk").first(), **kwargs
        )

    def task_done(self, form, activation):
        application = activation.process
        application.decision = form.cleaned_data["decision"]
        application.decision_reason = form.cleaned_data["reason"]
        application.save()
