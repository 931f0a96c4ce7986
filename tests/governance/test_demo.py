"""The demo for people (issue 15.7): every demo core partner has a log-in, and one of each network-role flow
waits at a step someone can take, for those people to walk through."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import formats, timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.demo import DEMO_KEY
from governance import demo as governance_demo
from governance.flows import ExitRequestFlow, HandoverFlow, ReflectionFlow
from governance.models import ExitRequestProcess, HandoverProcess, ReflectionProcess
from network.access import core_partner_of
from network.demo import DEMO_PASSWORD
from network.models import Participant, Role

pytestmark = pytest.mark.django_db


def test_demo_core_partners_log_in_and_each_flow_waits_for_someone(client, demo):
    """One test, because loading the demo network is slow."""
    User = get_user_model()
    usernames = ["kernpartner", *governance_demo.CORE_PARTNER_LOGINS]
    users = [User.objects.get(username=name) for name in usernames]
    speaks_for = {core_partner_of(user) for user in users}
    core = set(Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE))
    assert len(users) == 7 and speaks_for == core
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        assert TOTPDevice.objects.filter(user=user, confirmed=True, key=DEMO_KEY).exists()

    def open_tasks(flow_task):
        return Task.objects.filter(flow_task=flow_task, status__in=[STATUS.NEW, STATUS.ASSIGNED])

    assert open_tasks(HandoverFlow.accept).get().owner.username == "partner"
    period = open_tasks(HandoverFlow.objection_period).get()
    assert period.process.coerced.objection_deadline > timezone.now()
    support = open_tasks(ExitRequestFlow.support).get()
    assert open_tasks(ReflectionFlow.reflect).count() == 1

    # Every open task of these flows has someone with a log-in who can act on it.
    active = list(User.objects.filter(is_active=True))
    for task in Task.objects.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED]):
        if task.process.flow_class not in (HandoverFlow, ExitRequestFlow, ReflectionFlow):
            continue
        node = task.flow_task
        assert (task.owner and task.owner.is_active) or any(node.can_assign(u, task) for u in active), task
    supporters = {u.username for u in active if support.flow_task.can_assign(u, support)}
    assert supporters == {
        "kernpartner",
        "kernpartner3",
        "kernpartner4",
        "kernpartner5",
        "kernpartner6",
        "kernpartner7",
    }

    # The archived reflection says when it was completed.
    archived = ReflectionProcess.objects.exclude(finished=None).get()
    client.force_login(User.objects.get(username="supporter"))
    page = client.get("/mijn/reflecties/").content.decode()
    assert f"Afgerond op {formats.date_format(timezone.localtime(archived.completed_at), 'j F Y')}" in page

    counts = (
        HandoverProcess.objects.count(),
        ExitRequestProcess.objects.count(),
        ReflectionProcess.objects.count(),
    )
    governance_demo.load(BaseCommand(stdout=io.StringIO()))  # idempotent
    again = (
        HandoverProcess.objects.count(),
        ExitRequestProcess.objects.count(),
        ReflectionProcess.objects.count(),
    )
    assert again == counts == (2, 1, 2)
    assert User.objects.filter(username__startswith="kernpartner").count() == 7
