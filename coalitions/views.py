"""Bottom-up coalitions: starting one, asking to join, deciding on requests, answering invitations, leaving."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from network import audit
from network.access import active_contact, contact_for
from network.models import Role
from nnr_site.pagecache import new_generation
from nnr_site.uploads import store_image

from . import invitations, membership, similar, tasks, updates, writing
from .editors import ensure_editors
from .forms import DecisionForm, JoinRequestForm, StartCoalitionForm
from .models import (
    ActivityPage,
    CoalitionIndexPage,
    CoalitionMembership,
    CoalitionPage,
    CoalitionUpdate,
    JoinRequest,
    MemberRole,
    MembershipStatus,
    update_confirmed,
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
    context = {"form": form, "index": index, "contact": contact}
    if request.method == "POST" and index and form.is_valid():
        data = form.cleaned_data
        if "aanpassen" in request.POST:  # back from the warning: the form again, as it was typed
            return render(request, "coalitions/start_coalition.html", context)
        if "doorgaan" not in request.POST:
            found = similar.similar_coalitions(data["title"], data["region"], data["city"], form.theme_list())
            if found:
                return render(
                    request,
                    "coalitions/start_similar.html",
                    {
                        **context,
                        "similar": _with_my_state(found, contact),
                        "join_message": _join_message(data),
                    },
                )
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
    return render(request, "coalitions/start_coalition.html", context)


def _with_my_state(coalitions, contact):
    """Each similar coalition with what the person's organisation has to do with it already, if anything."""
    participant = contact.participant
    member_of = set(
        CoalitionMembership.objects.current()
        .filter(participant=participant, page__in=coalitions)
        .values_list("page_id", flat=True)
    )
    invited_to = set(
        CoalitionMembership.objects.filter(
            participant=participant, page__in=coalitions, status=MembershipStatus.INVITED
        ).values_list("page_id", flat=True)
    )
    asked = set(
        JoinRequest.objects.filter(
            participant=participant, coalition__in=coalitions, status=JoinRequest.Status.PENDING
        ).values_list("coalition_id", flat=True)
    )
    for coalition in coalitions:
        coalition.is_mine = coalition.pk in member_of
        coalition.invited = coalition.pk in invited_to
        coalition.asked = coalition.pk in asked
    return coalitions


def _join_message(data):
    """What the trekkers read when the person asks to join instead: the coalition it meant to start."""
    text = _("Wij wilden zelf de coalitie “%(title)s” starten, met als doel: %(goal)s") % data
    return text[:2000]


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


# Issue 19.1: a coalition shares its activities from the site and publishes them itself (no moderation).


def _refused(request):
    return render(request, "403.html", status=403)


def activity_state(activity):
    if activity is None or not activity.live:
        return _("Concept: nog niet op de site")
    if activity.has_unpublished_changes:
        return _("Gepubliceerd, met een concept")
    return _("Gepubliceerd")


def _fill_activity(page, form, coalition, user):
    data = form.cleaned_data
    page.title, page.draft_title = data["title"], data["title"]
    for name in ("summary", "status", "start_date", "end_date"):
        setattr(page, name, data[name])
    for name in writing.RICH_FIELDS:
        setattr(page, name, writing.to_html(data[name]))
    if data.get("remove_image"):
        page.image = None
    if data.get("image"):
        if coalition.collection_id is None:
            ensure_editors(coalition)
        page.image = store_image(
            data["image"], title=data["title"], collection=coalition.collection, user=user
        )


def _save_activity(request, form, coalition, page, *, new):
    """Save the form as a revision and publish it when asked; None when the page refuses the values."""
    publish = "publish" in request.POST
    try:
        with transaction.atomic():
            _fill_activity(page, form, coalition, request.user)
            if new:
                page.slug = _unique_slug(coalition, page.title)
                coalition.add_child(instance=page)
            revision = page.save_revision(user=request.user, log_action=True)
            if publish:
                revision.publish(user=request.user)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    if publish:
        messages.success(request, _("De activiteit staat op de coalitiepagina."))
        return redirect(coalition.url)
    messages.success(request, _("Uw concept is opgeslagen. Het staat nog niet op de site."))
    return redirect("coalitions:activity_edit", pk=page.pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request, page_id):
    coalition = _coalition(page_id)
    if not coalition.may_write_activities(request.user):
        return _refused(request)
    form = writing.ActivityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        page = ActivityPage(owner=request.user, live=False)
        if response := _save_activity(request, form, coalition, page, new=True):
            return response
    return render(request, "coalitions/activity_form.html", {"form": form, "coalition": coalition})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = get_object_or_404(ActivityPage, pk=pk)
    coalition = CoalitionPage.objects.live().filter(pk=activity.get_parent().pk).first()
    if coalition is None:
        raise Http404
    if not (
        coalition.may_write_activities(request.user)
        and activity.permissions_for_user(request.user).can_edit()
    ):
        return _refused(request)
    draft = activity.get_latest_revision_as_object()
    form = writing.ActivityForm(
        request.POST or None, request.FILES or None, activity=draft, initial=writing.activity_initial(draft)
    )
    if request.method == "POST" and form.is_valid():
        if response := _save_activity(request, form, coalition, draft, new=False):
            return response
    context = {
        "form": form,
        "coalition": coalition,
        "activity": activity,
        "draft": draft,
        "state": activity_state(activity),
    }
    return render(request, "coalitions/activity_form.html", context)


# Issue 19.4: a trekker writes to the coalition's members; the mail comes from the coalition.


def _own_update(request, pk):
    """The draft or sent update, and whether the user may write for its coalition (its trekkers only)."""
    update = get_object_or_404(
        CoalitionUpdate.objects.select_related("coalition"), pk=pk, coalition__live=True
    )
    return update, update.coalition.may_write_updates(request.user)


def _update_form(request, coalition, update=None):
    form = writing.UpdateForm(request.POST or None, instance=update)
    if request.method == "POST" and form.is_valid():
        update = form.save(commit=False)
        update.coalition, update.written_by = coalition, request.user
        update.save()
        return redirect("coalitions:update_send", pk=update.pk)
    return render(
        request, "coalitions/update_form.html", {"form": form, "coalition": coalition, "update": update}
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_new(request, page_id):
    coalition = _coalition(page_id)
    if not coalition.may_write_updates(request.user):
        return _refused(request)
    return _update_form(request, coalition)


@login_required
@require_http_methods(["GET", "POST"])
def update_edit(request, pk):
    update, allowed = _own_update(request, pk)
    if not allowed:
        return _refused(request)
    if update.status == CoalitionUpdate.Status.SENT:
        messages.info(request, _("Dit bericht is al verstuurd; het kan niet meer worden aangepast."))
        return redirect("coalitions:update_detail", page_id=update.coalition_id, pk=update.pk)
    return _update_form(request, update.coalition, update)


def _send(request, update, people):
    """Mark the draft sent (once, also when the button is pressed twice) and hand it to the mailer."""
    with transaction.atomic():
        changed = CoalitionUpdate.objects.filter(pk=update.pk, status=CoalitionUpdate.Status.DRAFT).update(
            status=CoalitionUpdate.Status.SENT, sent_at=timezone.now(), recipient_count=len(people)
        )
        if changed:
            update.refresh_from_db()
            update_confirmed.send(sender=CoalitionUpdate, update=update)
            audit.record(
                audit.COALITION_UPDATE_SENT,
                update,
                user=request.user,
                title=update.subject,
                data={"subject": update.subject, "count": len(people), "coalition": update.coalition.title},
            )
            if update.is_public:
                transaction.on_commit(new_generation)  # the public archive on the cached coalition page
    return changed


@login_required
@require_http_methods(["GET", "POST"])
def update_send(request, pk):
    """The preview: the mail as the members get it and exactly who gets it; then the irreversible send."""
    update, allowed = _own_update(request, pk)
    if not allowed:
        return _refused(request)
    coalition = update.coalition
    if update.status == CoalitionUpdate.Status.SENT:
        messages.info(request, _("Dit bericht is al verstuurd."))
        return redirect("coalitions:update_detail", page_id=coalition.pk, pk=update.pk)
    people = updates.recipients(coalition)
    if request.method == "POST":
        if request.POST.get("count") != str(len(people)):
            messages.warning(
                request,
                _("Het aantal ontvangers is intussen veranderd. Bekijk de lijst opnieuw en bevestig dan."),
            )
        elif not people:
            messages.error(request, _("Deze coalitie heeft geen leden met een e-mailadres."))
        else:
            _send(request, update, people)
            messages.success(
                request,
                ngettext(
                    "Het bericht wordt verstuurd naar %(n)d lid.",
                    "Het bericht wordt verstuurd naar %(n)d leden.",
                    len(people),
                )
                % {"n": len(people)},
            )
            return redirect("coalitions:update_detail", page_id=coalition.pk, pk=update.pk)
    context = {
        "update": update,
        "coalition": coalition,
        "people": people,
        "count": len(people),
        "body": writing.render_text(update.text),
        "sender": updates.sender(coalition),
    }
    return render(request, "coalitions/update_preview.html", context)


def update_detail(request, page_id, pk):
    """A sent update in the coalition's archive: public ones for everyone, members-only ones for its members."""
    coalition = _coalition(page_id)
    update = coalition.updates_for(request.user).filter(pk=pk).first()
    if update is None:
        exists = coalition.updates.filter(pk=pk, status=CoalitionUpdate.Status.SENT).exists()
        if exists and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    context = {"update": update, "coalition": coalition, "body": writing.render_text(update.text)}
    context["may_write_updates"] = coalition.may_write_updates(request.user)
    return render(request, "coalitions/update_detail.html", context)
