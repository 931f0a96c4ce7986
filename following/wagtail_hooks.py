from django.template.loader import render_to_string
from wagtail import hooks

from network.access import active_contact

from .follows import (
    followed_coalitions,
    has_consent,
    is_following,
    settings_for,
    subject_name,
    subject_of,
    theme_and_region_counts,
)
from .models import Kind

# What a page names (home/templatetags/nnr_hooks.py) -> the kind of subject followed here.
KINDS = {"coalition": Kind.COALITION, "theme": Kind.THEME, "region": Kind.REGION}


def _named(kind, subject):
    """(the subject as following stores it, its name, the key a form posts) or None when it is unknown."""
    if kind != Kind.COALITION:
        subject = subject_of(kind, subject)
    if subject is None:
        return None
    if kind == Kind.COALITION:
        key = subject.pk
    elif kind == Kind.THEME:
        key = subject.slug
    else:
        key = subject
    return subject, subject_name(kind, subject), key


@hooks.register("nnr_subject_actions")
def follow_button(request, kind, subject):
    """ "Volgen" / "Niet meer volgen" on coalition pages and the listings filtered on a theme or region; a
    visitor who is not logged in gets a log-in link instead."""
    kind = KINDS.get(kind)
    named = _named(kind, subject) if kind else None
    if named is None:
        return ""
    subject, name, key = named
    contact = active_contact(request.user)
    context = {
        "kind": kind,
        "key": key,
        "name": name,
        "anonymous": not request.user.is_authenticated,
        "contact": contact,
        "following": bool(contact) and is_following(contact, kind, subject),
        "next": request.get_full_path(),
    }
    return render_to_string("following/button.html", context, request=request)


@hooks.register("nnr_account_panels", order=25)
def follow_panel(request, contact):
    """'Volgen' on /mijn/: what the person follows and how it hears about it."""
    if contact is None or not contact.participant.is_active:
        return ""
    themes, regions = theme_and_region_counts(contact)
    context = {
        "coalitions": followed_coalitions(contact).count(),
        "themes": themes,
        "regions": regions,
        "settings": settings_for(contact),
        "consent": has_consent(contact),
    }
    return render_to_string("following/account_panel.html", context, request=request)
