"""Registering and cancelling, with the capacity check and the waiting list.

Both lock the meeting's row (SELECT ... FOR UPDATE on PostgreSQL) so two people cannot take the last place at
the same moment; mails go out only after the transaction commits.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EventPage, Registration
from .tasks import send_registration_mail


class AlreadyRegistered(ValidationError):
    """The address already has a place or a spot on the waiting list for this meeting."""


def _lock(event):
    """Re-read the meeting with its row locked for the rest of the transaction."""
    queryset = EventPage.objects.all()
    if connection.features.has_select_for_update:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=event.pk)


def register(event, *, name, email, organisation="", contact=None):
    """Register someone: a place when there is one, otherwise the waiting list. Raises ValidationError."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            event = _lock(event)
            if not event.registration_open:
                raise ValidationError(_("Aanmelden voor deze bijeenkomst is gesloten."))
            registration = Registration.objects.filter(event=event, email=email).first()
            if registration and registration.status != Registration.Status.CANCELLED:
                raise AlreadyRegistered(_("Met dit e-mailadres is al aangemeld voor deze bijeenkomst."))
            if contact and event.registrations.active().filter(contact=contact).exists():
                # Registered before under an address the contact has changed since.
                raise ValidationError(_("U bent al aangemeld voor deze bijeenkomst."))
            full = event.is_full()
            registration = registration or Registration(event=event, email=email)
            registration.name = name
            registration.organisation = organisation
            registration.contact = contact
            registration.participant = contact.participant if contact else None
            registration.status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
            registration.created_at = timezone.now()
            registration.cancelled_at = registration.promoted_at = registration.reminded_at = None
            registration.save()
            transaction.on_commit(
                lambda: send_registration_mail.delay(registration.pk, registration.status), robust=True
            )
    except IntegrityError as exc:  # a concurrent registration with the same address won the race
        raise AlreadyRegistered(_("Met dit e-mailadres is al aangemeld voor deze bijeenkomst.")) from exc
    return registration


def cancel(registration):
    """Cancel; a freed place goes to the first on the waiting list, who is mailed. Returns who moved up."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return None
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if was_confirmed and not event.is_past:
            free = event.capacity is None or event.confirmed_count() < event.capacity
            promoted = (
                event.registrations.filter(status=Registration.Status.WAITING)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted and free:
                promoted.status = Registration.Status.CONFIRMED
                promoted.promoted_at = timezone.now()
                promoted.save(update_fields=["status", "promoted_at"])
                transaction.on_commit(
                    lambda: send_registration_mail.delay(promoted.pk, "promoted"), robust=True
                )
            else:
                promoted = None
    return promoted
