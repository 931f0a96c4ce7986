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
from network.access import is_office
from network.models import Role
from workflows import reminders

from . import access, handover, proposals, task_views
from .departure import depart
from .links import process_url, task_url
from .mail import mail_on_commit, office_address
from .models import ExitRequestProcess, HandoverNomination, HandoverProcess, ReflectionProcess

OFFICE_PERMISSION = "governance.act_as_office"
CORE_PARTNER_PERMISSION = "governance.act_as_core_partner"


class RoleTask(flow.View):
    """A human task that only the people its rule (access.Rule) allows may take and execute.

    When nobody the rule admits has an active log-in as the task is created, the task goes to the office (it
    gets the office's permission, and only the office may do it): a flow never waits on a person who cannot
    be reached. The office then does it on that person's behalf, after contact by phone or e-mail.
    """

    _owner_permission_obj = None  # Viewflow reads it for every task; only .Permission() would set it

    def __init__(self, view, rule, **kwargs):
        super().__init__(view, **kwargs)
        self.rule = rule

    def for_office(self, task):
        """Was this task given to the office because nobody its rule admits could be reached?"""
        return task.owner_permission == OFFICE_PERMISSION and self._owner_permission != OFFICE_PERMISSION

    def calc_owner_permission(self, activation):
        if not self.rule.reachable(activation.process):
            return OFFICE_PERMISSION
        return super().calc_owner_permission(activation)

    def calc_owner(self, activation):
        return None if self.for_office(activation.task) else super().calc_owner(activation)

    def allows(self, user, task):
        if not (user and user.is_authenticated):
            return False
        if self.for_office(task):
            return is_office(user)
        return bool(self.rule.allows(user, task.process.coerced))

    def can_assign(self, user, task):
        if task.owner_id or not self.allows(user, task):
            return False
        return super().can_assign(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.allows(user, task)


class OnTheSite:
    """The tasks of these flows are done on the site, at their /werkstromen/… address; the task lists of
    workflows link there (`Flow.task_url`)."""

    task_url = staticmethod(task_url)


class HandoverFlow(OnTheSite, flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = HandoverProcess
    process_title = _("Overdracht kernpartnerrol")
    process_description = _("Een kernpartner draagt zijn taken en inbreng over aan een opvolger.")
    summary_template_name = "governance/handover/_summary.html"

    start = (
        flow.StartHandle(this.start_handover)
        .Annotation(title=_("Overdracht gestart"))
        .Next(this.build_checklist)
    )
    build_checklist = (
        flow.Function(this.generate_checklist)
        .Annotation(title=_("Overdrachtslijst opgesteld"))
        .Next(this.prepare)
    )
    prepare = (
        RoleTask(task_views.PrepareHandoverView.as_view(), access.DEPARTING_OR_OFFICE)
        .Annotation(title=_("Overdracht voorbereiden"))
        .Assign(lambda activation: activation.process.started_by)
        .Next(this.nominate)
    )
    nominate = (
        RoleTask(task_views.NominateView.as_view(), access.DEPARTING_OR_OFFICE)
        .Annotation(title=_("Opvolger voordragen"))
        .Assign(lambda activation: activation.process.started_by)
        .Next(this.check_nomination)
    )
    check_nomination = (
        flow.If(lambda activation: activation.process.open_seat)
        .Annotation(title=_("Opvolger of open plaats?"))
        .Then(this.inform)
        .Else(this.accept)
    )
    accept = (
        RoleTask(task_views.AcceptNominationView.as_view(), access.SUCCESSOR)
        .Annotation(title=_("Voordracht als kernpartner beantwoorden"))
        .Assign(lambda activation: access.primary_user(activation.process.successor))
        .Next(this.check_accepted)
    )
    check_accepted = (
        flow.If(this.nomination_accepted)
        .Annotation(title=_("Voordracht aanvaard?"))
        .Then(this.inform)
        .Else(this.nominate)
    )
    inform = (
        flow.Function(this.inform_core_partners)
        .Annotation(title=_("Kernpartners geïnformeerd"))
        .Next(this.objection_period)
    )
    objection_period = (
        flow.Handle(this.close_objection_period)
        .Annotation(
            title=_("Bezwaartermijn"),
            description=_(
                "De andere kernpartners kunnen bezwaar maken; daarna rondt het netwerkbureau de overdracht af. "
                "Het netwerkbureau kan de termijn eerder sluiten."
            ),
        )
        .Next(this.complete)
    )
    complete = (
        RoleTask(task_views.CompleteHandoverView.as_view(), access.THE_OFFICE)
        .Annotation(title=_("Overdracht afronden"))
        .Permission(OFFICE_PERMISSION)
        .Next(this.after_decision)
    )
    after_decision = (
        flow.Switch()
        .Annotation(title=_("Besluit van het netwerkbureau"))
        .Case(this.apply, lambda a: a.process.decision == HandoverProcess.Decision.COMPLETE)
        .Case(this.nominate, lambda a: a.process.decision == HandoverProcess.Decision.RENOMINATE)
        .Default(this.stopped)
    )
    apply = (
        flow.Function(this.apply_handover)
        .Annotation(title=_("Rollen gewijzigd en taken overgedragen"))
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Overdracht afgerond"))
    stopped = flow.End().Annotation(title=_("Overdracht stopgezet"))

    def start_handover(self, activation, departing, by, departing_new_role=Role.PARTNER):
        activation.task.owner = by  # who started it, for the process's history
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
        """Announce the handover to the other core partners (every contact person, with or without a log-in)
        and to the office, who may close the objection period early."""
        process = activation.process
        process.objection_deadline = timezone.now() + timedelta(days=settings.NNR_OBJECTION_DAYS)
        process.save(update_fields=["objection_deadline"])
        successor = (
            process.successor.name if process.successor and not process.open_seat else _("een open plaats")
        )
        others = access.active_core_partners().exclude(
            pk__in=[process.departing_id, process.successor_id or 0]
        )
        mail_on_commit(
            _("Overdracht kernpartnerrol van %(name)s") % {"name": process.departing},
            _(
                "%(name)s stopt als kernpartner. Opvolging: %(successor)s.\n\n"
                "Heeft u bezwaar? Dat kan tot %(deadline)s op de pagina van deze overdracht: %(url)s\n"
                "Heeft u geen account op de site? Mail uw bezwaar dan aan het netwerkbureau: %(office)s"
            )
            % {
                "name": process.departing,
                "successor": successor,
                "deadline": timezone.localtime(process.objection_deadline).strftime("%d-%m-%Y %H:%M"),
                "url": process_url(process),
                "office": office_address(),
            },
            access.contact_addresses(others.prefetch_related("contacts"))
            + [u.email for u in access.office_users().distinct()],
        )

    def close_objection_period(self, activation, by=None, reason=""):
        """Run by the timer task once the objection period is over, or by the office (`by`, with its reason)
        to close it early: then objections were possible until now, and the audit log keeps why."""
        if by is None:
            return
        process = activation.process
        planned = process.objection_deadline
        process.objection_deadline = timezone.now()
        process.save(update_fields=["objection_deadline"])
        audit.record(
            audit.OBJECTION_PERIOD_CLOSED,
            process,
            user=by,
            data={"reason": reason, "planned": planned.isoformat() if planned else ""},
        )

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
            access.contact_addresses(people),
        )


class ExitRequestFlow(OnTheSite, flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = ExitRequestProcess
    process_title = _("Verzoek tot vertrek")
    process_description = _(
        "Kernpartners vragen een deelnemer, met verwijzing naar de spelregels, te vertrekken."
    )
    summary_template_name = "governance/exit/_request.html"

    start = (
        flow.StartHandle(this.start_request)
        .Annotation(title=_("Verzoek tot vertrek ingediend"))
        .Next(this.support)
    )
    support = (
        RoleTask(task_views.SupportExitView.as_view(), access.OTHER_CORE_PARTNER)
        .Annotation(title=_("Verzoek tot vertrek steunen of niet"))
        .Permission(CORE_PARTNER_PERMISSION)
        .Next(this.check_support)
    )
    check_support = (
        flow.If(lambda a: a.process.supported)
        .Annotation(title=_("Gesteund door een andere kernpartner?"))
        .Then(this.inform)
        .Else(this.not_supported)
    )
    inform = (
        flow.Function(this.inform_participant)
        .Annotation(title=_("Deelnemer geïnformeerd"))
        .Next(this.hearing)
    )
    hearing = (
        flow.SplitFirst()
        .Annotation(title=_("Reactie of einde van de reactietermijn"))
        .Always(this.respond)
        .Always(this.hearing_over)
    )
    respond = (
        RoleTask(task_views.RespondExitView.as_view(), access.CONCERNED_PARTICIPANT)
        .Annotation(title=_("Reageren op het verzoek tot vertrek"))
        .Assign(lambda activation: access.primary_user(activation.process.participant))
        .Next(this.outcome)
    )
    respond.announced_by_flow = True  # inform_participant mails the hearing notice (workflows/reminders.py)
    hearing_over = (
        flow.Handle()
        .Annotation(
            title=_("Reactietermijn"),
            description=_(
                "De deelnemer kan op het verzoek reageren; na de termijn leggen de kernpartners de uitkomst vast."
            ),
        )
        .Next(this.outcome)
    )
    outcome = (
        RoleTask(task_views.ExitOutcomeView.as_view(), access.CORE_PARTNER_NOT_CONCERNED)
        .Annotation(title=_("Uitkomst van het verzoek tot vertrek vastleggen"))
        .Permission(CORE_PARTNER_PERMISSION)
        .Next(this.check_outcome)
    )
    check_outcome = (
        flow.If(lambda a: a.process.outcome == ExitRequestProcess.Outcome.DEPARTURE)
        .Annotation(title=_("Vertrekt de deelnemer?"))
        .Then(this.depart)
        .Else(this.end)
    )
    depart = (
        flow.Function(this.apply_departure)
        .Annotation(title=_("Deelnemer vertrokken uit het netwerk"))
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Verzoek tot vertrek afgehandeld"))
    not_supported = flow.End().Annotation(title=_("Niet gesteund: het verzoek vervalt"))

    def start_request(self, activation, participant, by, requesting_participant, reason, rule):
        process = activation.process
        activation.task.owner = by  # who filed it, for the process's history
        process.participant = participant
        process.requested_by = by
        process.requesting_participant = requesting_participant
        process.reason = reason
        process.rule = rule
        return process

    def inform_participant(self, activation):
        """Tell every contact person of the participant, with or without a log-in; without one, they answer
        the office, who records the answer (the response task is then the office's: RoleTask)."""
        process = activation.process
        process.hearing_deadline = timezone.now() + timedelta(days=settings.NNR_HEARING_DAYS)
        process.save(update_fields=["hearing_deadline"])
        values = {
            "name": process.participant,
            "reason": process.reason,
            "rule": process.rule,
            "deadline": timezone.localtime(process.hearing_deadline).strftime("%d-%m-%Y"),
            "url": process_url(process),
            "office": office_address(),
        }
        if access.CONCERNED_PARTICIPANT.reachable(process):
            how = _("U kunt hierop reageren tot %(deadline)s via Mijn netwerk: %(url)s") % values
        else:
            how = (
                _("U kunt hierop reageren tot %(deadline)s door het netwerkbureau te mailen: %(office)s")
                % values
            )
        mail_on_commit(
            _("Verzoek om het netwerk te verlaten"),
            _(
                "De kernpartners van Netwerk Nederland Rookvrij vragen %(name)s het netwerk te verlaten.\n\n"
                "Reden: %(reason)s\nSpelregel: %(rule)s\n\n"
            )
            % values
            + how,
            access.contact_addresses([process.participant]),
        )

    def apply_departure(self, activation):
        depart(activation.process)


class ReflectionFlow(OnTheSite, flow.Flow):
    lock_impl = lock.select_for_update_lock
    process_class = ReflectionProcess
    process_title = _("Reflectie op missie, spelregels en netwerkvorm")
    summary_template_name = "governance/reflection/_summary.html"

    start = (
        flow.StartHandle(this.start_reflection)
        .Annotation(title=_("Reflectie gestart"))
        .Next(this.take_in_proposals)
    )
    take_in_proposals = (
        flow.Function(this.put_proposals_on_agenda)
        .Annotation(title=_("Open voorstellen op de agenda gezet"))
        .Next(this.reflect)
    )
    reflect = (
        RoleTask(task_views.ReflectView.as_view(), access.CORE_PARTNER)
        .Annotation(title=_("Reflectie op missie, spelregels en netwerkvorm"))
        .Permission(CORE_PARTNER_PERMISSION)
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Reflectie afgerond"))

    def start_reflection(self, activation, title=""):
        """The core partners hear of it by workflows' mail about their new task."""
        activation.process.title = title or _("Reflectie %(year)s") % {"year": timezone.localdate().year}
        return activation.process

    def put_proposals_on_agenda(self, activation):
        """The proposals still to be decided come into this reflection (those filed later join it too)."""
        proposals.take_in(activation.process)


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
