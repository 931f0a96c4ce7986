"""The parts of "Mijn netwerk" (/mijn/): my coalitions, tasks, suggestions, news, own profile, consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .access import active_contact
from .crossapp import active_memberships, get_model
from .forms import ConsentForm, ContactFormSet, ParticipantProfileForm
from .models import ConsentRecord

# The text a person agrees to on /mijn/privacy/; stored with the consent record.
DATA_SHARING_TEXT = (
    "Ik geef toestemming om mijn naam, functie, e-mailadres en telefoonnummer te delen met de andere "
    "deelnemers van Netwerk Nederland Rookvrij, in de deelnemerslijst die alleen voor deelnemers zichtbaar is. "
    "Ik kan deze toestemming altijd intrekken via Mijn netwerk."
)
DATA_SHARING_VERSION = "mijn-netwerk-2026.1"


def my_coalitions(participant):
    memberships = active_memberships()
    if memberships is None or participant is None:
        return []
    return list(
        memberships.filter(participant=participant, page__live=True)
        .select_related("page")
        .order_by("page__title")
    )


def recent_activity(limit=6):
    """The newest published coalitions, activities, knowledge articles and meetings."""
    from wagtail.models import Page

    kinds = [
        get_model(label)
        for label in (
            "coalitions.ActivityPage",
            "coalitions.CoalitionPage",
            "knowledge.KnowledgeArticlePage",
            "events.EventPage",
        )
    ]
    kinds = [k for k in kinds if k is not None]
    if not kinds:
        return []
    return list(Page.objects.live().public().type(*kinds).order_by("-first_published_at").specific()[:limit])


def my_tasks(user):
    """(number of open tasks assigned to me, link to the admin Taken area or None)."""
    try:
        url = reverse("taken:inbox")
    except NoReverseMatch:
        url = None
    from viewflow.workflow.models import Task

    count = (
        Task.objects.filter(owner=user, finished__isnull=True)
        .exclude(status__in=["CANCELED", "DONE"])
        .count()
    )
    return count, url


def consents_for(emails):
    """Active consent records for any of these addresses (case-insensitive)."""
    query = Q(pk__in=[])
    for email in {e.lower() for e in emails if e}:
        query |= Q(email__iexact=email)
    return list(ConsentRecord.objects.filter(query, withdrawn_at=None))


def _my_emails(request, contact):
    return {request.user.email, contact.email if contact else ""} - {""}


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
    formset = ContactFormSet(request.POST or None, instance=participant, prefix="contacts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        deleting = [f.instance for f in formset.deleted_forms if f.instance.pk]
        if contact in deleting:
            form.add_error(
                None, _("U kunt uzelf niet als contactpersoon verwijderen; vraag dat aan het netwerkbureau.")
            )
        else:
            with transaction.atomic():
                form.instance.save(changed_by=request.user)
                formset.save()
            messages.success(request, _("De gegevens van uw organisatie zijn bijgewerkt."))
            return redirect("account_home")
    return render(
        request,
        "network/edit_organisation.html",
        {"form": form, "formset": formset, "participant": participant},
    )


@login_required
def privacy(request):
    """See my consents, withdraw one (effective at once) or give consent to share my details."""
    contact = active_contact(request.user)
    emails = _my_emails(request, contact)
    form = ConsentForm(request.POST or None) if request.POST.get("action") == "give" else ConsentForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw":
            purpose = request.POST.get("purpose")
            if purpose in ConsentRecord.Purpose.values:
                for email in emails:
                    ConsentRecord.withdraw(email, purpose)
                messages.success(request, _("Uw toestemming is ingetrokken. Dit geldt vanaf nu."))
            return redirect("network_privacy_mine")
        if action == "give" and contact and form.is_valid():
            if not ConsentRecord.has_consent(contact.email, ConsentRecord.Purpose.DATA_SHARING):
                ConsentRecord.objects.create(
                    email=contact.email,
                    contact=contact,
                    purpose=ConsentRecord.Purpose.DATA_SHARING,
                    text=DATA_SHARING_TEXT,
                    text_version=DATA_SHARING_VERSION,
                )
            messages.success(
                request, _("Dank u: uw contactgegevens zijn nu zichtbaar voor andere deelnemers.")
            )
            return redirect("network_privacy_mine")
    records = consents_for(emails)
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
