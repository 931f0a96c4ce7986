"""Network's own pages for a logged-in contact person: its organisation's profile, its consents, and
confirming a changed e-mail address."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import audit, email_change, tasks
from .access import active_contact
from .forms import (
    DATA_SHARING_TEXT,
    ConsentForm,
    ContactFormSet,
    ParticipantProfileForm,
    record_data_sharing,
)
from .models import ConsentRecord
from .privacy_report import privacy_report_response


def consents_of(contact):
    """The active consents of this contact person: those linked to it, never those of a typed address.

    Newsletter consent is given per address (double opt-in on that address), so for that purpose the
    contact's own address counts as well; it is confirmed (see email_change), like the preferences link
    on /mijn/.
    """
    if contact is None:
        return ConsentRecord.objects.none()
    newsletter_of_address = Q(
        contact=None, purpose=ConsentRecord.Purpose.NEWSLETTER, email__iexact=contact.email
    )
    return ConsentRecord.objects.filter(Q(contact=contact) | newsletter_of_address, withdrawn_at=None)


def _email_changes(formset):
    """(contact, new address) for each existing contact whose e-mail address was changed in the form."""
    deleted = formset.deleted_forms
    return [
        (f.instance, f.cleaned_data["email"])
        for f in formset.initial_forms
        if f not in deleted and "email" in f.changed_data
    ]


def _require_contact(request):
    contact = active_contact(request.user)
    if contact is None:
        raise PermissionDenied
    return contact


@login_required
def edit_organisation(request):
    """A contact person updates its own organisation's profile and contact persons (only its own)."""
    contact = _require_contact(request)
    participant = contact.participant
    form = ParticipantProfileForm(request.POST or None, instance=participant, prefix="org")
    formset = ContactFormSet(
        request.POST or None, instance=participant, prefix="contacts", form_kwargs={"editor": request.user}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        deleting = [f.instance for f in formset.deleted_forms if f.instance.pk]
        if contact in deleting:
            form.add_error(
                None, _("U kunt uzelf niet als contactpersoon verwijderen; vraag dat aan het netwerkbureau.")
            )
        else:
            changes = _email_changes(formset)
            with transaction.atomic():
                form.instance.save(changed_by=request.user)
                for changed, new_email in changes:
                    email_change.request_change(changed, new_email)
                    transaction.on_commit(partial(tasks.send_email_change_mails.delay, changed.pk, new_email))
                formset.save()
            messages.success(request, _("De gegevens van uw organisatie zijn bijgewerkt."))
            for changed, new_email in changes:
                messages.info(request, _pending_message(changed, new_email))
            return redirect("office:account_home")
    return render(
        request,
        "network/edit_organisation.html",
        {"form": form, "formset": formset, "participant": participant},
    )


def _pending_message(contact, new_email):
    return _(
        "Er is een bevestigingsmail gestuurd naar %(new)s. Het e-mailadres van %(name)s verandert pas als "
        "op de link in die mail is geklikt; tot die tijd blijft %(old)s in gebruik."
    ) % {"new": new_email, "name": contact.name, "old": contact.email}


@login_required
def privacy(request):
    """See my consents, withdraw one (effective at once) or give consent to share my details."""
    contact = active_contact(request.user)
    form = ConsentForm(request.POST or None) if request.POST.get("action") == "give" else ConsentForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "report":
            email = contact.email if contact else request.user.email
            audit.record_export(request.user, _("Eigen persoonsgegevens"), "pdf", about=email)
            return privacy_report_response(email, pdf=True)
        if action == "withdraw":
            purpose = request.POST.get("purpose")
            if purpose in ConsentRecord.Purpose.values:
                consents_of(contact).filter(purpose=purpose).withdraw()
                messages.success(request, _("Uw toestemming is ingetrokken. Dit geldt vanaf nu."))
            return redirect("network:privacy_mine")
        if action == "give" and contact and form.is_valid():
            if not contact.consents.filter(
                purpose=ConsentRecord.Purpose.DATA_SHARING, withdrawn_at=None
            ).exists():
                record_data_sharing(contact)
            messages.success(
                request, _("Dank u: uw contactgegevens zijn nu zichtbaar voor andere deelnemers.")
            )
            return redirect("network:privacy_mine")
    records = list(consents_of(contact))
    sharing = any(r.purpose == ConsentRecord.Purpose.DATA_SHARING for r in records)
    return render(
        request,
        "network/privacy.html",
        {
            "records": records,
            "contact": contact,
            "form": form,
            "sharing": sharing,
            "consent_text": DATA_SHARING_TEXT,
        },
    )


def confirm_email(request, token):
    """The link in the mail shows a button; the POST confirms (link scanners only GET)."""
    contact = email_change.contact_for_token(token)
    if contact is not None and contact.user_id and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if contact is None or (contact.user_id and contact.user_id != request.user.pk):
        return render(request, "network/confirm_email.html", {"invalid": True}, status=404)
    context = {"contact": contact, "new_email": contact.pending_email}
    if request.method == "POST":
        if not email_change.confirm(contact):
            context["error"] = _(
                "Dit e-mailadres is al in gebruik bij een andere contactpersoon van uw organisatie. "
                "Neem contact op met het netwerkbureau."
            )
            return render(request, "network/confirm_email.html", context, status=409)
        context["confirmed"] = True
    return render(request, "network/confirm_email.html", context)
