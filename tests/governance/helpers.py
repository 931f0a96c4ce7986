"""Building blocks for the network-role flow tests: participants with a logged-in-able contact user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from network.models import ContactPerson, Participant, Role
from network.roles import OFFICE, ensure_groups


def member(name, role=Role.PARTNER, username=None):
    """A participant with one contact person whose user (password "pw") is in the role's group."""
    if not Group.objects.filter(name=OFFICE).exists():
        ensure_groups()
    username = username or name.lower().replace(" ", "")
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    participant = Participant.objects.create(name=name, role=role)
    ContactPerson.objects.create(
        participant=participant, name=f"Contact {name}", email=user.email, user=user, is_primary=True
    )
    return participant, user


def office_user(username="bureau"):
    if not Group.objects.filter(name=OFFICE).exists():
        ensure_groups()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=OFFICE))
    return user


def core_partners(count, prefix="Kern"):
    return [member(f"{prefix} {i}", Role.KERNPARTNER) for i in range(1, count + 1)]


def open_task(process, node):
    from viewflow.workflow.status import STATUS

    return process.task_set.filter(flow_task=node, status__in=[STATUS.NEW, STATUS.ASSIGNED]).get()


def task_path(task):
    from governance.views import task_url

    return task_url(task)


def as_user(client, user):
    client.force_login(user)
    return client
