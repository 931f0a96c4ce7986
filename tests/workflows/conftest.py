"""Building blocks for the task list tests: a group task of the core partners, a personal task of a participant."""

import pytest
from viewflow.workflow.status import STATUS

from governance.flows import ReflectionFlow
from governance.tasks import start_due_reflection
from tests.governance.conftest import core_partners


def open_task(process, node):
    return process.task_set.filter(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED]).get()


@pytest.fixture
def kern(db):
    """Three core partners, each with a log-in."""
    return core_partners(3)


@pytest.fixture
def reflection(kern, django_capture_on_commit_callbacks):
    """The periodic reflection, started as beat starts it: one task for whichever core partner picks it up."""
    with django_capture_on_commit_callbacks(execute=True):
        pk = start_due_reflection()
    process = ReflectionFlow.process_class.objects.get(pk=pk)
    return process, open_task(process, ReflectionFlow.reflect)


@pytest.fixture
def governance_task_pages(monkeypatch):
    """The flows name their task's page with `task_url` (issue 15's contract); governance's flows point at their
    /werkstromen/ pages. Until governance's own part of issue 15 lands, give them that hook here."""
    from governance import flows, links

    for flow_class in (flows.HandoverFlow, flows.ExitRequestFlow, flows.ReflectionFlow):
        if not hasattr(flow_class, "task_url"):
            monkeypatch.setattr(flow_class, "task_url", staticmethod(links.task_url), raising=False)
