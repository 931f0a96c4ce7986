"""OnboardingFlow: application → e-mail verification → screening → (core partners) → admit or refuse."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import STATUS

from network import audit
from network.models import ConsentRecord, ContactPerson, Participant
from workflows import reminders

from . import task_views, tasks
from .models import Application

Outcome = Application.Outcome


class OnboardingFlow(flow.Flow):
    """Aanmelding

    Een organisatie of persoon meldt zich aan als partner of supporter van het netwerk."""

    process_class = Application
    lock_impl = lock.select_for_update_lock
    process_title = _("Aanmelding")
    summary_template_name = "onboarding/application_summary.html"

    start = (
        flow.StartHandle(this.start_application)
        .Annotation(title=_("Aanmelding ontvangen"))
        .Next(this.verify_email)
    )
    verify_email = (
        flow.Handle(this.confirm_email).Annotation(title=_("E-mailadres bevestigen")).Next(this.screening)
    )
    screening = (
        flow.View(task_views.ScreeningView.as_view())
        .Permission("onboarding.screen_application")
        .Annotation(title=_("Aanmelding screenen"))
        .Next(this.route)
    )
    route = (
        flow.Switch()
        .Case(this.admit, lambda activation: activation.process.screening_outcome == Outcome.ACCEPT)
        .Case(this.refuse, lambda activation: activation.process.screening_outcome == Outcome.REJECT)
        .Default(this.core_partners)
        .Annotation(title=_("Uitkomst screening"))
    )
    core_partners = (
        flow.View(task_views.CorePartnerDecisionView.as_view())
        .Permission("onboarding.decide_application")
        .Annotation(title=_("Besluit kernpartners"))
        .Next(this.decided)
    )
    decided = (
        flow.If(lambda activation: activation.process.decision == Outcome.ACCEPT)
        .Then(this.admit)
        .Else(this.refuse)
        .Annotation(title=_("Besluit"))
    )
    admit = (
        flow.Function(this.admit_applicant)
        .Annotation(title=_("Deelnemer aanmaken en uitnodigen"))
        .Next(this.end)
    )
    refuse = flow.Function(this.refuse_applicant).Annotation(title=_("Afwijzing versturen")).Next(this.end)
    end = flow.End().Annotation(title=_("Afgerond"))

    @classmethod
    def task_url(cls, task):
        """The one screen where the office screens, or the core partners decide on, an application."""
        if task.flow_task in (cls.screening, cls.core_partners):
            return reverse("onboarding_screening_task", args=[task.pk])
        return reverse("taken:task", args=[task.pk])

    def start_application(self, activation, data):
        for name, value in data.items():
            setattr(activation.process, name, value)
        return activation.process

    def confirm_email(self, activation):
        activation.process.email_confirmed_at = timezone.now()
        activation.process.save()

    def _decider(self, process):
        last = (
            process.task_set.filter(flow_task_type="HUMAN", status=STATUS.DONE).order_by("-finished").first()
        )
        return last.owner if last else None

    def admit_applicant(self, activation):
        """Create the participant (which writes the role history), its contact, a user account and consent."""
        application = activation.process
        decider = self._decider(application)
        participant = Participant(
            name=application.organisation_name,
            kind=application.kind,
            sector=application.sector,
            region=application.region,
            website=application.website,
            kvk_number=application.kvk_number,
            description=application.motivation,
            role=application.desired_role,
        )
        participant.save(
            changed_by=decider, reason=_("Toegelaten via aanmelding #%(pk)s") % {"pk": application.pk}
        )
        user = get_user_model().objects.create_user(
            username=_free_username(application.email),
            email=application.email,
            first_name=application.contact_name[:150],
        )  # no password: the invitation lets them choose one
        contact = ContactPerson.objects.create(
            participant=participant,
            name=application.contact_name,
            email=application.email,
            phone=application.phone,
            job_title=application.job_title,
            user=user,
            is_primary=True,
        )
        declaration = application.declarations.order_by("-pk").first()
        ConsentRecord.objects.create(
            email=application.email,
            contact=contact,
            purpose=ConsentRecord.Purpose.DATA_SHARING,
            text=declaration.consent_text if declaration else "",
            text_version=declaration.rules_version if declaration else "",
            given_at=declaration.signed_at if declaration else timezone.now(),
        )
        application.participant = participant
        application.decision = Outcome.ACCEPT
        application.decided_at = timezone.now()
        application.save()
        transaction.on_commit(lambda: tasks.send_invitation_email.delay(application.pk, user.pk), robust=True)

    def refuse_applicant(self, activation):
        application = activation.process
        application.decision = Outcome.REJECT
        application.decided_at = timezone.now()
        application.save()
        transaction.on_commit(lambda: tasks.send_rejection_email.delay(application.pk), robust=True)


def _free_username(email):
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "deelnemer"
    users = get_user_model().objects
    candidate, n = base, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


reminders.watch(OnboardingFlow.screening, days=settings.NNR_SCREENING_TERM_DAYS)

# What each decision task decided, for the audit log (network.audit).
audit.decision_field(OnboardingFlow.screening, "screening_outcome")
audit.decision_field(OnboardingFlow.core_partners, "decision")
