"""A coalition writes to its members (issue 19.4): who receives an update, and who it comes from.

The reason to mail is the membership itself (no consent is asked for): each contact person of a participant
that is a current member (accepted, not left, still in the network) and each external member with an address,
once per address. The mail comes from the coalition ("<coalition> via Netwerk Nederland Rookvrij"), replies
go to the coalition's own address. The sending itself is `following.tasks.send_coalition_update`.
"""

from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings

from network.models import ContactPerson
from nnr_site.mail import subject as one_line


@dataclass(frozen=True)
class Recipient:
    name: str
    organisation: str
    email: str
    external: bool = False


def recipients(coalition):
    """Everyone an update of the coalition goes to now, members' contacts first, one per address."""
    contacts = (
        ContactPerson.objects.filter(
            participant__in=coalition.current_memberships().order_by().values("participant_id")
        )
        .select_related("participant")
        .order_by("participant__name", "-is_primary", "name")
    )
    found = [Recipient(c.name, c.participant.name, c.email) for c in contacts]
    found += [
        Recipient(m.name, m.organisation, m.email, external=True)
        for m in coalition.external_members.exclude(email="").order_by("name")
    ]
    seen, unique = set(), []
    for recipient in found:
        key = recipient.email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def sender(coalition):
    """The From header: the coalition as the name, the platform's own address (the one mail is sent from)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return formataddr((one_line(f"{coalition.title} via {settings.WAGTAIL_SITE_NAME}"), address))
