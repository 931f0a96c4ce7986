"""The mails about what someone follows: the weekly digest and the short one at once. Each carries the
person's own unsubscribe link (RFC 8058 one-click, withdrawing the consent for these mails only, not the
newsletter) and a link to the preferences; both are built with the newsletter's ``build_message``."""

from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from coalitions.updates import sender
from coalitions.writing import render_text
from newsletters.mail import absolute, build_message

UNSUBSCRIBE_SALT = "following.unsubscribe"
DIGEST_SUBJECT = gettext_noop("Nieuw in uw netwerk")


def unsubscribe_token(contact):
    """Signed with SECRET_KEY and bound to one contact person: it unsubscribes that person only."""
    return signing.dumps(contact.pk, salt=UNSUBSCRIBE_SALT)


def contact_id_from_token(token):
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def unsubscribe_urls(contact):
    token = unsubscribe_token(contact)
    return (
        absolute(reverse("following:unsubscribe", args=[token])),
        absolute(reverse("following:one_click", args=[token])),
    )


def _links(contact):
    page, one_click = unsubscribe_urls(contact)
    return {
        "unsubscribe_url": page,
        "preferences_url": absolute(reverse("following:preferences")),
        "home_url": absolute(reverse("office:account_home")),
    }, (page, one_click)


def _message(subject, template, context, contact, **kwargs):
    links, unsubscribe = _links(contact)
    context = {**context, **links, "contact": contact}
    html = render_to_string(f"following/email/{template}.html", context)
    text = render_to_string(f"following/email/{template}.txt", context)
    return build_message(subject, html, text, contact.email, unsubscribe=unsubscribe, **kwargs)


def _item(title, url, meta=""):
    return {"title": title, "url": absolute(url), "meta": meta}


def sections(digest):
    """The digest as (heading, [{title, url, meta}]) in the order the mail shows them; empty ones left out."""
    when = lambda moment: date_format(timezone.localtime(moment), "l j F, H:i")  # noqa: E731
    parts = [
        (
            _("Nieuwe activiteiten van coalities die u volgt"),
            [_item(a.title, a.url, a.get_parent().title) for a in digest.activities],
        ),
        (
            _("Nieuwe kennis over thema's die u volgt"),
            [_item(a.title, a.url, ", ".join(t.name for t in a.tags.all())) for a in digest.articles],
        ),
        (
            _("Bijeenkomsten in uw regio's"),
            [_item(m.title, m.url, f"{when(m.start)} · {m.get_region_display()}") for m in digest.meetings],
        ),
        (
            _("Open verzoeken om mee te doen met uw coalities"),
            [
                _item(
                    r.participant.name,
                    reverse("coalitions:join_requests", args=[r.coalition_id]),
                    r.coalition.title,
                )
                for r in digest.join_requests
            ],
        ),
        (_("Uw open taken"), [_item(t.title, t.url, t.about) for t in digest.tasks]),
    ]
    return [(heading, items) for heading, items in parts if items]


def digest_message(contact, digest, **kwargs):
    return _message(_(DIGEST_SUBJECT), "digest", {"sections": sections(digest)}, contact, **kwargs)


def at_once_message(contact, page, reason, **kwargs):
    """``reason``: why this person gets it, e.g. 'U volgt de coalitie Rookvrij Twente.'"""
    subject = _("Nieuw: %(title)s") % {"title": page.title}
    context = {"page": page, "url": absolute(page.url), "reason": reason}
    return _message(subject, "at_once", context, contact, **kwargs)


def coalition_update_message(recipient, update, **kwargs):
    """A coalition's update to one member: from the coalition, replies to its address, and a footer that says
    why this person gets it (the membership; no unsubscribe link, leaving the coalition ends it)."""
    coalition = update.coalition
    context = {
        "update": update,
        "coalition": coalition,
        "body": render_text(update.text),
        "url": absolute(coalition.url),
        "recipient": recipient,
    }
    html = render_to_string("coalitions/email/update.html", context)
    text = render_to_string("coalitions/email/update.txt", context)
    return build_message(
        update.subject,
        html,
        text,
        recipient.email,
        unsubscribe=False,
        from_email=sender(coalition),
        reply_to=[coalition.contact_email],
        **kwargs,
    )
