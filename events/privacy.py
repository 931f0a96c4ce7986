"""Personal data in registrations, for the office's AVG export and erasure of one person (by e-mail)."""

from .models import Registration


def export_for_email(email):
    """Everything we keep about this address's meeting registrations, as JSON-ready dicts."""
    registrations = Registration.objects.filter(email__iexact=email.strip()).select_related("event")
    return [
        {
            "bijeenkomst": r.event.title,
            "begint_op": r.event.start.isoformat(),
            "naam": r.name,
            "e-mailadres": r.email,
            "organisatie": r.organisation,
            "deelnemer": str(r.participant) if r.participant_id else "",
            "status": r.status,
            "aangemeld_op": r.created_at.isoformat(),
            "afgemeld_op": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "herinnering_verstuurd_op": r.reminded_at.isoformat() if r.reminded_at else None,
        }
        for r in registrations
    ]


def erase_email(email):
    """Anonymise this address's registrations; the counts per meeting (and the organisation) stay. Returns how many."""
    erased = 0
    for registration in Registration.objects.filter(email__iexact=email.strip()):
        registration.name = "Verwijderd"
        registration.email = f"verwijderd-{registration.pk}@example.invalid"
        registration.organisation = ""
        registration.contact = None
        registration.save(update_fields=["name", "email", "organisation", "contact"])
        erased += 1
    return erased
