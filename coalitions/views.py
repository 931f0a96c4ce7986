"""Bottom-up coalitions: starting one, asking to join, deciding on requests, answering invitations, leaving."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.access import active_contact, contact_for
from network.models import Role

from . import invitations, membership, tasks
from .forms import DecisionForm, JoinRequestForm, StartCoalitionForm
from .models import (
    CoalitionIndexPage,
    CoalitionMembership,
    CoalitionPage,
    JoinRequest,
    MemberRole,
    MembershipStatus,
)

STARTER_ROLES = {Role.PARTNER, Role.KERNPARTNER}


def may_start(contact):
    """Partners and core partners start coalitions; supporters first become partner."""
    return bool(contact) and contact.participant.is_active and contact.participant.role in STARTER_ROLES


def _unique_slug(parent, title):
    base = slugify(title)[:70] or "coalitie"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@login_required
def start_coalition(request):
    contact = contact_for(request.user)
    if not may_start(contact):
        return render(request, "coalitions/start_not_allowed.html", {"contact": contact}, status=403)
    index = CoalitionIndexPage.objects.live().first()
    form = StartCoalitionForm(request.POST or None)
    if request.method == "POST" and index and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            page = CoalitionPage(
                title=data["title"],
                slug=_unique_slug(index, data["title"]),
                kind=data["kind"],
                region=data["region"],
                city=data["city"],
                organisation_type=data["organisation_type"],
                goal=data["goal"],
                contact_email=data["contact_email"],
            )
            page.themes.add(*form.theme_list())
            page.memberships = [CoalitionMembership(participant=contact.participant, role=MemberRole.TREKKER)]
            index.add_child(instance=page)
            page.save_revision(user=request.user).publish(user=request.user)
            transaction.on_commit(partial(tasks.notify_office_new_coalition.delay, page.pk))
        messages.success(
            request,
            _("De coalitie is gestart en staat op de site. U bent trekker en kunt de pagina bewerken."),
        )
        return redirect(page.url)
    return render(
        request, "coalitions/start_coalition.html", {"form": form, "index": index, "contact": contact}
    )


def _coalition(page_id):
    return get_object_or_404(CoalitionPage.objects.live(), pk=page_id)


@require_POST
@login_required
def request_join(request, page_id):
    coalition = _coalition(page_id)
    contact = contact_for(request.user)
    form = JoinRequestForm(request.POST)
    if not contact or not contact.participant.is_active:
        messages.error(
            request, _("Alleen contactpersonen van deelnemers van het netwerk kunnen vragen om mee te doen.")
        )
    elif membership.current(coalition, contact.participant).exists():
        messages.info(request, _("Uw organisatie doet al mee met deze coalitie."))
    elif membership.invitation(coalition, contact.participant).exists():
        messages.info(
            request, _("Uw organisatie is al uitgenodigd. U kunt de uitnodiging accepteren op Mijn netwerk.")
        )
    elif form.is_valid():
        try:
            # One open request per organisation (a constraint): a second click, also at the same moment,
            # finds the first one and sends no second mail.
            with transaction.atomic():
                join_request = JoinRequest.objects.create(
                    coalition=coalition,
                    contact=contact,
                    participant=contact.participant,
                    message=form.cleaned_data["message"],
                )
                transaction.on_commit(partial(tasks.notify_trekkers_of_request.delay, join_request.pk))
        except IntegrityError:
            messages.info(
                request,
                _(
                    "Uw organisatie heeft al gevraagd om mee te doen met deze coalitie. "
                    "De trekkers van de coalitie beslissen erover."
                ),
            )
        else:
            messages.success(
                request, _("Uw verzoek is verstuurd. De trekkers van de coalitie beslissen erover.")
            )
    else:
        messages.error(request, _("Uw bericht is te lang (maximaal 2000 tekens)."))
    return redirect(coalition.url)


@require_POST
@login_required
def leave(request, page_id):
    coalition = _coalition(page_id)
    contact = contact_for(request.user)
    mine = membership.current(coalition, contact.participant).first() if contact else None
    if mine is None:
        messages.info(request, _("Uw organisatie is geen lid van deze coalitie."))
    elif mine.role == MemberRole.TREKKER and membership.trekker_count(coalition) <= 1:
        messages.error(
            request,
            _(
                "U bent de enige trekker. Maak eerst een ander lid trekker voordat uw organisatie de coalitie verlaat."
            ),
        )
    else:
        membership.end_membership(coalition, contact.participant)
        messages.success(request, _("Uw organisatie heeft de coalitie verlaten."))
    return redirect(coalition.url)


def _trekker_or_403(request, coalition):
    contact = contact_for(request.user)
    if contact and contact.participant.is_active and coalition.is_trekker(contact.participant):
        return None
    return render(request, "403.html", status=403)


@login_required
def join_requests(request, page_id):
    coalition = _coalition(page_id)
    if refused := _trekker_or_403(request, coalition):
        return refused
    requests = coalition.join_requests.select_related("contact__participant", "decided_by").order_by(
        "-created_at"
    )
    return render(
        request,
        "coalitions/join_requests.html",
        {
            "coalition": coalition,
            "pending": [r for r in requests if r.status == JoinRequest.Status.PENDING],
            "decided": [r for r in requests if r.status != JoinRequest.Status.PENDING][:50],
        },
    )


@require_POST
@login_required
def decide(request, pk):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("coalition", "contact__participant"), pk=pk
    )
    coalition = join_request.coalition
    if refused := _trekker_or_403(request, coalition):
        return refused
    form = DecisionForm(request.POST)
    if join_request.status != JoinRequest.Status.PENDING:
        messages.info(request, _("Over dit verzoek is al besloten."))
    elif form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        with transaction.atomic():
            locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
            if locked.status == JoinRequest.Status.PENDING:
                if accept:
                    membership.add_member(coalition, join_request.contact.participant, MemberRole.MEMBER)
                locked.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
                locked.decided_by, locked.decided_at = request.user, timezone.now()
                locked.save(update_fields=["status", "decided_by", "decided_at"])
                transaction.on_commit(partial(tasks.notify_requester_of_decision.delay, locked.pk))
        name = join_request.contact.participant.name
        if accept:
            messages.success(request, _("%(name)s doet nu mee met de coalitie.") % {"name": name})
        else:
            messages.success(request, _("Het verzoek van %(name)s is afgewezen.") % {"name": name})
    return redirect("coalitions:join_requests", page_id=coalition.pk)


@require_POST
@login_required
def answer_invitation(request, pk):
    """A contact of the invited participant accepts or declines; nobody else can (404, as for no invitation)."""
    contact = active_contact(request.user)
    invitation = get_object_or_404(
        CoalitionMembership.objects.select_related("page", "participant"),
        pk=pk,
        participant_id=contact.participant_id if contact else None,
        status=MembershipStatus.INVITED,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies of u de uitnodiging accepteert of afslaat."))
        return redirect("office:account_home")
    accept = form.cleaned_data["decision"] == "accept"
    names = {"name": invitation.participant.name, "coalition": invitation.page.title}
    if not invitations.answer(invitation, accept):
        messages.info(request, _("Over deze uitnodiging is al besloten."))
    elif accept:
        messages.success(request, _("%(name)s doet nu mee met de coalitie %(coalition)s.") % names)
    else:
        messages.success(
            request,
            _("U heeft de uitnodiging van %(coalition)s afgeslagen. De trekkers krijgen bericht.") % names,
        )
    return redirect("office:account_home")
