"""The network-role workflows: handing over the core-partner role, asking a participant to leave, and the
core partners' periodic reflection.

Human tasks are `RoleTask` nodes: Viewflow's permission check, narrowed to the people who may do that task.
Waiting periods are Handle nodes closed by the periodic task `governance.tasks.close_expired_periods`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from network import audit
from network.access import core_partner_of, is_core_partner, is_office
from network.models import Role
from workflows import reminders

from . import access, handover, task_views
from .departure import depart
from .links import process_url
from .mail import mail_on_commit
from .models import ExitRequestProcess, HandoverNomination, HandoverProcess, ReflectionProcess


class RoleTask(flow.View):
    """A human task that only the people a rule allows may take and execute: rule(user, process) -> bool."""

    def __init__(self, view, rule, **kwargs):
        super().__init__(view, **kwargs)
        self._rule = rule

    def allows(self, user, task):
        return bool(user and user.is_authenticated and self._rule(user, task.process.coerced))

    def can_assign(self, user, task):
        if task.owner_id or not self.allows(user, task):
            return False
        return super().can_assign(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.allows(user, task)


def departing_or_office(user, process):
    return access.is_user_of(user, process.departing) or is_office(user)


def successor_user(user, process):
    return access.is_user_of(user, process.successor)


def office(user, process):
    return is_office(user)


def other_core_partner(user, process):
    """A core partner that is not the one the process is about, nor the one that filed it."""
    mine = core_partner_of(user)
    about = getattr(process, "participant_id", None) or getattr(process, "departing_id", None)
    return mine is not None and mine.pk not in (about, getattr(process, "requesting_participant_id", None))


def core_partner(user, process):
    return is_core_partner(user)


def concerned_participant(user, process):
    return access.is_user_of(user, process.participant)


def core_partner_not_concerned(user, process):
    return core_partner(user, process) and not concerned_participant(user, process)


def _other_core_partner_addresses(exclude):
    users = access.users_of(access.active_core_partners().exclude(pk__in=exclude))
    return [u.email for u in users]


class HandoverFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = HandoverProcess
    process_title = _("Overdracht kernpartnerrol")
    process_description = _("Een kernpartner draagt zijn taken en inbreng over aan een opvolger.")
    summary_template_name = "governance/handover/_summary.html"

    start = flow.StartHandle(this.start_handover).Next(this.build_checklist)
    build_checklist = flow.Function(this.generate_checklist).Next(this.prepare)
    prepare = (
        RoleTask(task_views.PrepareHandoverView.as_view(), departing_or_office)
        .Annotation(title=_("Overdracht voorbereiden"))
        .Assign(lambda activation: activation.process.started_by)
        .Next(this.nominate)
    )
    nominate = (
        RoleTask(task_views.NominateView.as_view(), departing_or_office)
        .Annotation(title=_("Opvolger voordragen"))
        .Assign(lambda activation: activation.process.started_by)
        .Next(this.check_nomination)
    )
    check_nomination = (
        flow.If(lambda activation: activation.process.open_seat).Then(this.inform).Else(this.accept)
    )
    accept = (
        RoleTask(task_views.AcceptNominationView.as_view(), successor_user)
        .Annotation(title=_("Voordracht als kernpartner beantwoorden"))
        .Assign(lambda activation: access.primary_user(activation.process.successor))
        .Next(this.check_accepted)
    )
    check_accepted = flow.If(this.nomination_accepted).Then(this.inform).Else(this.nominate)
    inform = flow.Function(this.inform_core_partners).Next(this.objection_period)
    objection_period = (
        flow.Handle(this.close_objection_period).Annotation(title=_("Bezwaartermijn")).Next(this.complete)
    )
    complete = (
        RoleTask(task_views.CompleteHandoverView.as_view(), office)
        .Annotation(title=_("Overdracht afronden"))
        .Permission("governance.act_as_office")
        .Next(this.after_decision)
    )
    after_decision = (
        flow.Switch()
        .Case(this.apply, lambda a: a.process.decision == HandoverProcess.Decision.COMPLETE)
        .Case(this.nominate, lambda a: a.process.decision == HandoverProcess.Decision.RENOMINATE)
        .Default(this.stopped)
    )
    apply = flow.Function(this.apply_handover).Next(this.end)
    end = flow.End()
    stopped = flow.End()

    def start_handover(self, activation, departing, by, departing_new_role=Role.PARTNER):
        activation.process.departing = departing
        activation.process.started_by = by
        activation.process.departing_new_role = departing_new_role
        return activation.process

    def generate_checklist(self, activation):
        handover.build_checklist(activation.process)

    def nomination_accepted(self, activation):
        last = activation.process.nominations.order_by("-nominated_at", "-pk").first()
        return bool(last and last.response == HandoverNomination.Response.ACCEPTED)

    def inform_core_partners(self, activation):
        process = activation.process
        process.objection_deadline = timezone.now() + timedelta(days=settings.NNR_OBJECTION_DAYS)
        process.save(update_fields=["objection_deadline"])
        successor = (
            process.successor.name if process.successor and not process.open_seat else _("een open plaats")
        )
        mail_on_commit(
            _("Overdracht kernpartnerrol van %(name)s") % {"name": process.departing},
            _(
                "%(name)s stopt als kernpartner. Opvolging: %(successor)s.\n\n"
                "Heeft u bezwaar? Dat kan tot %(deadline)s via Mijn netwerk: %(url)s"
            )
            % {
                "name": process.departing,
                "successor": successor,
                "deadline": timezone.localtime(process.objection_deadline).strftime("%d-%m-%Y %H:%M"),
                "url": process_url(process),
            },
            _other_core_partner_addresses([process.departing_id, process.successor_id or 0]),
        )

    def close_objection_period(self, activation):
        """Run by the timer task once the objection period is over (or by the office to close it early)."""

    def apply_handover(self, activation):
        """Both role changes and the transfers in one transaction, so no half handover can remain."""
        process = activation.process
        by = process.completed_by
        with transaction.atomic():
            departing = type(process.departing).objects.select_for_update().get(pk=process.departing_id)
            departing.change_role(
                process.departing_new_role,
                by=by,
                reason=_("Overdracht kernpartnerrol (#%(pk)s)") % {"pk": process.pk},
            )
            if process.successor_id and not process.open_seat:
                successor = type(process.successor).objects.select_for_update().get(pk=process.successor_id)
                successor.change_role(
                    Role.KERNPARTNER,
                    by=by,
                    reason=_("Opvolger van %(name)s (overdracht #%(pk)s)")
                    % {"name": departing, "pk": process.pk},
                )
            transferred = handover.transfer(process)
        people = [process.departing] + (
            [process.successor] if process.successor_id and not process.open_seat else []
        )
        mail_on_commit(
            _("Overdracht kernpartnerrol afgerond"),
            _(
                "De overdracht van de kernpartnerrol van %(name)s is afgerond. %(count)s punten van de "
                "overdrachtslijst zijn overgedragen. Details: %(url)s"
            )
            % {"name": process.departing, "count": transferred, "url": process_url(process)},
            [u.email for u in access.users_of(people)],
        )


class ExitRequestFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = ExitRequestProcess
    process_title = _("Verzoek tot vertrek")
    process_description = _(
        "Kernpartners vragen een deelnemer, met verwijzing naar de spelregels, te vertrekken."
    )
    summary_template_name = "governance/exit/_request.html"

    start = flow.StartHandle(this.start_request).Next(this.support)
    support = (
        RoleTask(task_views.SupportExitView.as_view(), other_core_partner)
        .Annotation(title=_("Verzoek tot vertrek steunen of niet"))
        .Permission("governance.act_as_core_partner")
        .Next(this.check_support)
    )
    check_support = flow.If(lambda a: a.process.supported).Then(this.inform).Else(this.not_supported)
    inform = flow.Function(this.inform_participant).Next(this.hearing)
    hearing = flow.SplitFirst().Always(this.respond).Always(this.hearing_over)
    respond = (
        RoleTask(task_views.RespondExitView.as_view(), concerned_participant)
        .Annotation(title=_("Reageren op het verzoek tot vertrek"))
        .Assign(lambda activation: access.primary_user(activation.process.participant))
        .Next(this.outcome)
    )
    hearing_over = flow.Handle().Annotation(title=_("Reactietermijn")).Next(this.outcome)
    outcome = (
        RoleTask(task_views.ExitOutcomeView.as_view(), core_partner_not_concerned)
        .Annotation(title=_("Uitkomst van het verzoek tot vertrek vastleggen"))
        .Permission("governance.act_as_core_partner")
        .Next(this.check_outcome)
    )
    check_outcome = (
        flow.If(lambda a: a.process.outcome == ExitRequestProcess.Outcome.DEPARTURE)
        .Then(this.depart)
        .Else(this.end)
    )
    depart = flow.Function(this.apply_departure).Next(this.end)
    end = flow.End()
    not_supported = flow.End()

    def start_request(self, activation, participant, by, requesting_participant, reason, rule):
        process = activation.process
        process.participant = participant
        process.requested_by = by
        process.requesting_participant = requesting_participant
        process.reason = reason
        process.rule = rule
        return process

    def inform_participant(self, activation):
        process = activation.process
        process.hearing_deadline = timezone.now() + timedelta(days=settings.NNR_HEARING_DAYS)
        process.save(update_fields=["hearing_deadline"])
        mail_on_commit(
            _("Verzoek om het netwerk te verlaten"),
            _(
                "De kernpartners van Netwerk Nederland Rookvrij vragen %(name)s het netwerk te verlaten.\n\n"
                "Reden: %(reason)s\nSpelregel: %(rule)s\n\n"
                "U kunt hierop reageren tot %(deadline)s via Mijn netwerk: %(url)s"
            )
            % {
                "name": process.participant,
                "reason": process.reason,
                "rule": process.rule,
                "deadline": timezone.localtime(process.hearing_deadline).strftime("%d-%m-%Y"),
                "url": process_url(process),
            },
            [c.email for c in process.participant.contacts.all()],
        )

    def apply_departure(self, activation):
        depart(activation.process)


class ReflectionFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = ReflectionProcess
    process_title = _("Reflectie op missie, spelregels en netwerkvorm")
    summary_template_name = "governance/reflection/_summary.html"

    start = flow.StartHandle(this.start_reflection).Next(this.reflect)
    reflect = (
        RoleTask(task_views.ReflectView.as_view(), core_partner)
        .Annotation(title=_("Reflectie op missie, spelregels en netwerkvorm"))
        .Permission("governance.act_as_core_partner")
        .Next(this.end)
    )
    end = flow.End()

    def start_reflection(self, activation, title=""):
        activation.process.title = title or _("Reflectie %(year)s") % {"year": timezone.localdate().year}
        mail_on_commit(
            _("Tijd voor de reflectie op missie, spelregels en netwerkvorm"),
            _("Er staat een reflectietaak voor de kernpartners klaar in Mijn netwerk."),
            [u.email for u in access.users_of(access.active_core_partners())],
        )
        return activation.process


# Reminders for tasks that sit idle, through the Taken area's reminders (links into the admin). Tasks for the
# successor and the concerned participant, who may have no admin access, are reminded by
# governance.tasks.remind_participants with a link to their task on the site.
for _node, _days in (
    (HandoverFlow.prepare, 7),
    (HandoverFlow.nominate, 7),
    (HandoverFlow.complete, 5),
    (ExitRequestFlow.support, 7),
    (ExitRequestFlow.outcome, 7),
    (ReflectionFlow.reflect, 30),
):
    reminders.watch(_node, days=_days)
PARTICIPANT_TASKS = {HandoverFlow.accept: 7, ExitRequestFlow.respond: 5}

# What each decision task decided, for the audit log (network.audit).
audit.decision_field(HandoverFlow.complete, "decision")
audit.decision_field(ExitRequestFlow.support, "supported")
audit.decision_field(ExitRequestFlow.outcome, "outcome")
