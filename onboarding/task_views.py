"""The onboarding flow's task forms: the office's screening and the core partners' decision.

Apart from the public views, because the flow (flows.py) names these views and the public views start the flow.
Both are one screen: the whole application, the signed declarations from the archive with their hash, what
the network already knows that looks like it (onboarding/screening.py), and the decision form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows import permissions
from workflows.views import GONE_MESSAGE, TaskFormView

from .forms import CorePartnerDecisionForm, ScreeningForm
from .models import Application
from .screening import Signals


class ApplicationTaskView(TaskFormView):
    """A decision about one application, done in the admin at the flow's own address (OnboardingFlow.task_url).

    Whoever may take the task can open it straight from the screening list and decide: submitting takes it
    (under the flow's lock, so of two people the second is told it is gone). The office also sees a task a
    colleague holds, without the form; a colleague who sends the form after it was taken is told so.
    """

    template_name = "onboarding/admin/application_task.html"

    def may_take(self, user, task):
        return permissions.can_assign(user, task)

    def get_page_title(self):
        return f"{self.task.title}: {self.process.organisation_name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("onboarding_screening"), "label": _("Screening")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return reverse("onboarding_screening")

    def busy_url(self):
        return reverse("onboarding_screening_task", args=[self.task.pk])

    def dispatch(self, request, pk):
        try:
            return super().dispatch(request, pk)
        except PermissionDenied:
            task = getattr(self, "task", None)
            if task is None or not request.user.has_perm("onboarding.screen_application"):
                raise
            if not permissions.can_view_task(request.user, task):
                raise
            if request.method == "POST":  # a colleague took it meanwhile
                messages.error(request, GONE_MESSAGE)
                return redirect(self.busy_url())
            return self.render_to_response(self.get_context_data(form=None, read_only=True))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.process}

    def get_context_data(self, **kwargs):
        application = self.process
        signals = Signals([application])
        declarations = [
            (declaration, declaration.compute_hash() == declaration.record_hash)
            for declaration in application.declarations.order_by("pk")
        ]
        task = self.task
        user = self.request.user
        deadline = application.deadline(task)
        return super().get_context_data(
            application=application,
            declarations=declarations,
            existing=signals.existing(application),
            similar=signals.similar(application),
            earlier=signals.earlier(application),
            deadline=deadline,
            overdue=bool(deadline and deadline < timezone.now()),
            waiting_days=(timezone.now() - task.created).days,
            is_mine=task.owner_id == user.pk,
            can_assign=permissions.can_assign(user, task),
            **kwargs,
        )


class ScreeningView(ApplicationTaskView):
    """The network office checks an application: accept, reject, or ask the core partners."""

    form_class = ScreeningForm
    decision_heading = _("Uw screening")

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


class CorePartnerDecisionView(ApplicationTaskView):
    """The core partners decide on an application the office put before them."""

    form_class = CorePartnerDecisionForm
    decision_heading = _("Uw besluit als kernpartner")

    def get_context_data(self, **kwargs):
        done = set(self.process.screening_checks)
        return super().get_context_data(
            office_checks=[label for key, label in ScreeningForm.CHECKS if key in done], **kwargs
        )

    def task_done(self, form, activation):
        application = activation.process
        application.decision = form.cleaned_data["decision"]
        application.decision_reason = form.cleaned_data["reason"]
        application.save()
