"""A contact person's new e-mail address counts only after the new address confirmed a signed link.

The address is where mail, the newsletter preferences link and password resets go, so an address typed on
/mijn/organisatie/ is kept as `pending_email` until its owner follows the link sent to it; the old address
is told about the change. The office changes addresses directly in the admin (a trusted role).

The link carries the contact, a fingerprint of its current address and the new address: it works only for
that contact and that change, and only once (after confirming, the current address no longer matches). When
the contact has an account of its own, the link works only for that account, logged in (views.confirm_email).
"""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .models import ContactPerson

SALT = "network.email_change"
MAX_AGE = datetime.timedelta(days=3)


def request_change(contact, new_email):
    """Keep the new address aside until it is confirmed.

    `contact` is an unsaved-changes instance from the form: its e-mail goes back to the stored one. The
    caller saves it and, once the transaction commits, mails both addresses (tasks.send_email_change_mails,
    which builds the link with make_token).
    """
    contact.email = ContactPerson.objects.values_list("email", flat=True).get(pk=contact.pk)
    contact.pending_email = new_email


def _fingerprint(address):
    """The current address in the link without showing it (a link's payload is signed, not encrypted)."""
    return salted_hmac(SALT, address.lower()).hexdigest()[:20]


def make_token(contact, new_email):
    payload = {"contact": contact.pk, "from": _fingerprint(contact.email), "to": new_email.lower()}
    return signing.dumps(payload, salt=SALT)


def contact_for_token(token):
    """The contact whose change this link confirms, or None (forged, expired, used or superseded)."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    contact = (
        ContactPerson.objects.select_related("participant", "user").filter(pk=payload["contact"]).first()
    )
    if (
        contact is None
        or not contact.pending_email
        or _fingerprint(contact.email) != payload["from"]
        or contact.pending_email.lower() != payload["to"]
    ):
        return None
    return contact


def confirm(contact):
    """Make the pending address the contact's (and its user account's) address. False if it is taken."""
    new_email = contact.pending_email
    try:
        with transaction.atomic():
            contact.email, contact.pending_email = new_email, ""
            contact.save(update_fields=["email", "pending_email"])
            if contact.user_id:
                contact.user.email = new_email
                contact.user.save(update_fields=["email"])
    except IntegrityError:  # a colleague of the same participant got this address in the meantime
        return False
    return True
