"""What the office can do to move a process of these flows on: close a handover's objection period early, and
withdraw a running process. Each is recorded, with the reason, in the audit log against the process, so it
shows in the process's history (history.timeline).
"""

from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from network import audit
from network.access import is_office

from . import access, flows, proposals
from .links import process_url
from .mail import mail_on_commit
from .models import ExitRequestProcess, HandoverProcess, ReflectionProcess


def open_objection_period(process):
    """The handover's waiting objection-period task, or None."""
    if not isinstance(process, HandoverProcess):
        return None
    return process.task_set.filter(flow_task=flows.HandoverFlow.objection_period, status=STATUS.NEW).first()


def can_close_objection_period(user, process):
    return is_office(user) and open_objection_period(process) is not None


def close_objection_period(process, user, reason):
    """End the objection period now; the office's task to complete the handover follows."""
    task = open_objection_period(process)
    flows.HandoverFlow.objection_period.run(task, by=user, reason=reason)


def can_withdraw(user, process):
    return is_office(user) and process.finished is None


def withdraw(process, user, reason):
    """Cancel every open task and the process (Viewflow's cancel, under the flow's lock), and tell the people
    it was about; a reflection's proposals are open again."""
    process.flow_class.instance.cancel(process)
    audit.record(audit.PROCESS_WITHDRAWN, process, user=user, data={"reason": reason})
    if isinstance(process, ReflectionProcess):
        proposals.release(process)  # they wait for the next reflection
    if isinstance(process, HandoverProcess):
        people = [process.departing] + ([process.successor] if process.successor_id else [])
    elif isinstance(process, ExitRequestProcess) and process.supported:
        people = [process.participant, process.requesting_participant]
    elif isinstance(process, ExitRequestProcess):
        people = [process.requesting_participant]
    else:
        return
    mail_on_commit(
        _("%(process)s is ingetrokken") % {"process": process},
        _("Het netwerkbureau heeft deze werkstroom ingetrokken.\n\nReden: %(reason)s\n\nDetails: %(url)s")
        % {"reason": reason, "url": process_url(process)},
        access.contact_addresses([p for p in people if p]),
    )
