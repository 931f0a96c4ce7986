"""Who may see what: the one place that answers "whose contact is this user?" and "is this user the office / a
core partner?", for members-only pages, the office/core-partner views and the flows.

Two flavours of the contact lookup, on purpose:
- `contact_for(user)`: the user's ContactPerson, whatever its participant's status (pages that show a
  participant that left what it may no longer do, and the flows about a participant);
- `active_contact(user)`: only when its participant is active (member-only pages and actions).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import ContactPerson, Participant, Role
from .roles import CORE_PARTNERS, OFFICE


def client_ip(request):
    """The visitor's address, or None; behind a proxy the header that RATELIMIT_IP_META_KEY names (production),
    whose first entry is the visitor. Used for lock-outs, the audit log and signed declarations alike."""
    if request is None:
        return None
    value = request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip() or None


def _remembered(user, key, compute):
    """Compute once per user object, i.e. once per request (as Django keeps a user's permissions): a page asks
    "whose contact is this?" and "in which groups?" from many panels and templates."""
    memo = getattr(user, "_nnr_access", None)
    if memo is None:
        memo = user._nnr_access = {}
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember_all(users):
    """What `contact_for` and `group_names` would read, for many users in two queries: for lists that ask of
    each of many users whether it may act (workflows.tasklist)."""
    users = [u for u in users if "contact" not in getattr(u, "_nnr_access", {})]
    if not users:
        return
    contacts = {
        c.user_id: c for c in ContactPerson.objects.filter(user__in=users).select_related("participant")
    }
    groups = {u.pk: set() for u in users}
    through = get_user_model().groups.through
    for user_id, name in through.objects.filter(user__in=users).values_list("user_id", "group__name"):
        groups[user_id].add(name)
    for user in users:
        memo = user.__dict__.setdefault("_nnr_access", {})
        memo.update(contact=contacts.get(user.pk), groups=groups[user.pk])


def group_names(user):
    """The names of the logged-in user's groups (a superuser's too: it passes `in_groups` without them)."""
    if not user or not user.is_authenticated:
        return set()
    return _remembered(user, "groups", lambda: set(user.groups.values_list("name", flat=True)))


def in_groups(user, *names):
    """Logged in and in one of the groups; a superuser passes every group test."""
    return (
        bool(user)
        and user.is_authenticated
        and (user.is_superuser or not group_names(user).isdisjoint(names))
    )


def is_office(user):
    return in_groups(user, OFFICE)


def is_core_or_office(user):
    """In the office's or the core partners' group (the network-health page): a group test, see `is_core_partner`."""
    return in_groups(user, OFFICE, CORE_PARTNERS)


def contact_for(user):
    """The user's ContactPerson (with its participant), whatever the participant's status; else None."""
    if user is None or not user.is_authenticated:
        return None
    return _remembered(
        user, "contact", lambda: ContactPerson.objects.filter(user=user).select_related("participant").first()
    )


def active_contact(user):
    """The user's ContactPerson when it belongs to an active participant, else None."""
    contact = contact_for(user)
    return contact if contact and contact.participant.status == Participant.Status.ACTIVE else None


def participant_of(user):
    """The participant the user is a contact person of (whatever its status), or None."""
    contact = contact_for(user)
    return contact.participant if contact else None


def core_partner_of(user):
    """The active core partner the user speaks for, or None: its contact, and in the core partners' group
    (a superuser without such a contact is none)."""
    contact = active_contact(user)
    if contact and contact.participant.role == Role.KERNPARTNER and CORE_PARTNERS in group_names(user):
        return contact.participant
    return None


def is_core_partner(user):
    """Speaks for an active core partner, as the flows ask; being in the group (or a superuser) is not enough."""
    return core_partner_of(user) is not None


def is_member(user):
    """Logged in as a contact of an active participant (or as the office)."""
    return active_contact(user) is not None or is_office(user)


def _guard(test):
    def decorator(view):
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


members_only = _guard(is_member)
office_only = _guard(is_office)
core_or_office = _guard(is_core_or_office)


def publicly_visible(page):
    """`page` when anyone may see it (live, with no view restriction on it or above it), else None: for a
    single page that another page names, where a listing would use `.live().public()`."""
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    return page
