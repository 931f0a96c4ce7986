"""The members-only directory (/deelnemers/): participants and the contact persons who agreed to share."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from .access import members_only
from .crossapp import active_memberships
from .forms import DirectoryFilterForm
from .models import ConsentRecord, ContactPerson, Participant


def with_visible_contacts(participants):
    """Attach `shared_contacts` and `hidden_contacts` (a count) to each participant."""
    contacts = list(
        ContactPerson.objects.filter(participant__in=participants).order_by("-is_primary", "name")
    )
    # Consent belongs to the contact person it was given by, not to whoever has the same address.
    sharing = set(
        ConsentRecord.objects.filter(
            purpose=ConsentRecord.Purpose.DATA_SHARING, withdrawn_at=None, contact__in=contacts
        ).values_list("contact_id", flat=True)
    )
    by_participant = {}
    for contact in contacts:
        by_participant.setdefault(contact.participant_id, []).append(contact)
    for participant in participants:
        mine = by_participant.get(participant.pk, [])
        participant.shared_contacts = [c for c in mine if c.pk in sharing]
        participant.hidden_contacts = len(mine) - len(participant.shared_contacts)
    return participants


def _coalitions_by_participant(participant_ids):
    memberships = active_memberships()
    if memberships is None:
        return {}
    found = {}
    rows = memberships.filter(participant_id__in=participant_ids, page__live=True).select_related("page")
    for membership in rows.order_by("page__title"):
        found.setdefault(membership.participant_id, []).append(membership)
    return found


@members_only
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    participants = Participant.objects.filter(status=Participant.Status.ACTIVE)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            participants = participants.filter(
                Q(name__icontains=data["q"]) | Q(description__icontains=data["q"])
            ).distinct()
        for field in ("region", "sector", "role"):
            if data[field]:
                participants = participants.filter(**{field: data[field]})
        if data.get("coalition"):
            memberships = active_memberships()
            participants = participants.filter(
                pk__in=memberships.filter(page_id=data["coalition"]).values("participant_id")
            )
    page = Paginator(participants.order_by("name"), 25).get_page(request.GET.get("pagina"))
    items = with_visible_contacts(list(page.object_list))
    coalitions = _coalitions_by_participant([p.pk for p in items])
    for participant in items:
        participant.memberships = coalitions.get(participant.pk, [])
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "page": page,
            "participants": items,
            "total": page.paginator.count,
            "query": query.urlencode(),
        },
    )


@members_only
def directory_detail(request, pk):
    participant = get_object_or_404(Participant, pk=pk, status=Participant.Status.ACTIVE)
    with_visible_contacts([participant])
    participant.memberships = _coalitions_by_participant([participant.pk]).get(participant.pk, [])
    return render(request, "network/directory_detail.html", {"participant": participant})
