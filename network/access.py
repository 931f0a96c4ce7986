"""Who may see what: members-only pages and the office/core-partner views."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import ContactPerson, Participant
from .roles import CORE_PARTNERS, OFFICE


def in_groups(user, *names):
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name__in=names).exists())


def is_office(user):
    return in_groups(user, OFFICE)


def active_contact(user):
    """The user's ContactPerson when it belongs to an active participant, else None."""
    if not user.is_authenticated:
        return None
    return (
        ContactPerson.objects.filter(user=user, participant__status=Participant.Status.ACTIVE)
        .select_related("participant")
        .first()
    )


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
core_or_office = _guard(lambda user: in_groups(user, OFFICE, CORE_PARTNERS))


def publicly_visible(page):
    """`page` when anyone may see it (live, with no view restriction on it or above it), else None: for a
    single page that another page names, where a listing would use `.live().public()`."""
    if page is None or not page.live or page.get_view_restrictions().exists():
        return None
    return page
