"""Building blocks for the network-role flow tests: members whose contact user can log in, open tasks."""

from viewflow.workflow.status import STATUS

from governance.links import task_url
from network.factories import ContactUserFactory, OfficeUserFactory
from network.models import Role


def member(name, role=Role.PARTNER, username=None):
    """A participant with one (primary) contact person whose user (password "pw") is in the role's group."""
    user = ContactUserFactory(
        username=username or name.lower().replace(" ", ""),
        role=role,
        contact__name=f"Contact {name}",
        contact__is_primary=True,
        contact__participant__name=name,
    )
    return user.contact_person.participant, user


def office_user(username="bureau"):
    return OfficeUserFactory(username=username)


def core_partners(count, prefix="Kern"):
    return [member(f"{prefix} {i}", Role.KERNPARTNER) for i in range(1, count + 1)]


def open_task(process, node):
    return process.task_set.filter(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED]).get()


def task_path(task):
    return task_url(task)
