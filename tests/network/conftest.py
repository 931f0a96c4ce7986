"""Form data the network's forms post: a contact's own organisation page and the office's participant form."""


def management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def profile_post(contact, **overrides):
    data = {
        "org-name": contact.participant.name,
        "org-sector": "ggd",
        "org-region": "twente",
        "org-website": "",
        "org-kvk_number": "",
        "org-description": "",
        **management("contacts", 2, 1),
        "contacts-0-id": str(contact.pk),
        "contacts-0-participant": str(contact.participant_id),
        "contacts-0-name": contact.name,
        "contacts-0-email": contact.email,
        "contacts-0-phone": "",
        "contacts-0-job_title": "",
        "contacts-1-participant": str(contact.participant_id),
    }
    data.update(overrides)
    return data


def participant_form(role="partner", contact=True, **overrides):
    """What the office's participant form in the admin posts for "Gemeente Teststad" (with Els as contact)."""
    data = {
        "name": "Gemeente Teststad",
        "kind": "organisatie",
        "sector": "gemeente",
        "region": "utrecht",
        "role": role,
        "status": "actief",
        "joined_on": "2026-01-15",
        **management("contacts", 1 if contact else 0, 0),
    }
    if contact:
        data.update(
            {"contacts-0-name": "Els", "contacts-0-email": "els@example.org", "contacts-0-ORDER": "1"}
        )
    data.update(overrides)
    return data
