"""Registering for a meeting and cancelling (own or by signed link); the meeting page itself is EventPage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from network.access import contact_for

from . import booking
from .forms import RegistrationForm
from .models import EventPage, Registration
from .tasks import send_registration_mail

ANONYMOUS_RATE = "10/h"


def _meeting(pk):
    """A published meeting anyone may see; a draft, a private or an unknown one is a 404."""
    return get_object_or_404(EventPage.objects.live().public(), pk=pk)


def _page_with_errors(request, event, form):
    """The meeting page again with the form's errors next to its fields, so nothing typed is lost."""
    context = event.get_context(request)
    context["form"] = form
    return TemplateResponse(request, event.get_template(request), context, status=400)


@require_POST
def register(request, pk):
    """The form (or the one-click button) on the meeting page posts here."""
    event = _meeting(pk)
    contact = contact_for(request.user)
    if contact:
        try:
            registration = booking.register(event, name=contact.name, email=contact.email, contact=contact)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(event.url)
        return _registered(request, event, registration)
    if not event.open_to_everyone:
        raise PermissionDenied(
            _("Alleen contactpersonen van deelnemers kunnen zich voor deze bijeenkomst aanmelden.")
        )
    if is_ratelimited(
        request, group="events.register", key="ip", rate=ANONYMOUS_RATE, method="POST", increment=True
    ):
        return render(request, "events/rate_limited.html", {"event": event}, status=429)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = booking.register(
                event, name=data["name"], email=data["email"], organisation=data["organisation"]
            )
        except booking.AlreadyRegistered:
            return _already_registered(request, event, data["email"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _registered(request, event, registration)
    return _page_with_errors(request, event, form)


def _registered(request, event, registration):
    return _answer(request, event, waiting=registration.status == Registration.Status.WAITING)


def _already_registered(request, event, email):
    """The form is open to anyone, so it must not tell whether an address is on the list: the visitor gets the
    answer a new registration would get now; the address's owner is mailed that nothing changed."""
    registration = event.registrations.active().filter(email=email.strip().lower()).first()
    if registration:
        transaction.on_commit(lambda: send_registration_mail.delay(registration.pk, "again"), robust=True)
    full = event.is_full()
    return _answer(request, event, waiting=full)


def _answer(request, event, *, waiting):
    if waiting:
        messages.warning(
            request,
            _(
                "De bijeenkomst is vol. U staat op de wachtlijst en krijgt bericht als er een plaats vrijkomt."
            ),
        )
    else:
        messages.success(request, _("U bent aangemeld. U ontvangt een bevestiging per e-mail."))
    return redirect(event.url)


@require_POST
def cancel_own(request, pk):
    """A logged-in contact cancels their own registration from the meeting page."""
    event = _meeting(pk)
    contact = contact_for(request.user)
    if not contact:
        raise PermissionDenied
    registration = event.registrations.active().filter(contact=contact).first()
    if registration:
        booking.cancel(registration)
        messages.success(request, _("U bent afgemeld."))
    return redirect(event.url)


def cancel_by_token(request, token):
    """The link in every mail: show what will be cancelled, cancel after one click."""
    registration = Registration.from_cancel_token(token)
    if registration is None:
        return render(request, "events/cancel_invalid.html", status=404)
    done = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not done:
        booking.cancel(registration)
        registration.refresh_from_db()
        done = True
    return render(
        request,
        "events/cancel.html",
        {"registration": registration, "event": registration.event, "done": done},
    )
