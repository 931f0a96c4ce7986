"""Follow and stop following (POSTs from the "Volgen" buttons), the preferences screen, and unsubscribing
from the mails about what one follows (from the mail, without logging in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalitions.models import CoalitionMembership
from network.access import active_contact
from network.models import ContactPerson
from nnr_site.mail import one_click_unsubscribe

from .follows import (
    followed_coalitions,
    followed_regions,
    followed_themes,
    give_consent,
    has_consent,
    set_following,
    settings_for,
    subject_name,
    subject_of,
    withdraw_consent,
)
from .forms import FollowSettingsForm
from .mail import contact_id_from_token


def _contact(request):
    contact = active_contact(request.user)
    if contact is None:
        raise PermissionDenied
    return contact


@login_required
@require_POST
def follow(request):
    """The "Volgen" / "Niet meer volgen" button: back to the page it was on."""
    contact = _contact(request)
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    subject = subject_of(kind, key)
    if subject is None:
        raise Http404
    following = request.POST.get("action") == "volgen"
    set_following(contact, kind, subject, following)
    name = subject_name(kind, subject)
    messages.success(
        request,
        (_("U volgt nu %(name)s.") if following else _("U volgt %(name)s niet meer.")) % {"name": name},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "following:preferences"
    return redirect(target)


@login_required
def preferences(request):
    """What I follow and how I hear about it (reached from /mijn/ and from every mail)."""
    contact = _contact(request)
    consent = has_consent(contact)
    form = FollowSettingsForm(
        request.POST or None, instance=settings_for(contact), initial={"consent": consent}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.cleaned_data["consent"]:
                give_consent(contact)
            else:
                withdraw_consent(contact)
        messages.success(request, _("Uw keuzes zijn opgeslagen."))
        return redirect("following:preferences")
    own = set(
        CoalitionMembership.objects.current()
        .filter(participant=contact.participant)
        .values_list("page_id", flat=True)
    )
    return render(
        request,
        "following/preferences.html",
        {
            "form": form,
            "consent": consent,
            "coalitions": [(c, c.pk in own) for c in followed_coalitions(contact)],
            "themes": list(followed_themes(contact)),
            "regions": followed_regions(contact),
        },
    )


def _from_token(token):
    pk = contact_id_from_token(token)
    return ContactPerson.objects.filter(pk=pk).first() if isinstance(pk, int) else None


one_click = one_click_unsubscribe(_from_token, withdraw_consent)


def unsubscribe(request, token):
    """The link under each mail: one button stops these mails (the newsletter is another matter)."""
    contact = _from_token(token)
    if contact is None:
        return render(request, "following/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        withdraw_consent(contact)
        done = True
    return render(
        request,
        "following/unsubscribe.html",
        {"email": contact.email, "done": done, "subscribed": has_consent(contact), "token": token},
    )
