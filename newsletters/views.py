"""Public sign-up (double opt-in), one-click unsubscribe and preferences; the office's send screen."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from network import audit
from network.models import ConsentRecord

from .audience import recipient_count
from .forms import CONSENT_TEXT, CONSENT_VERSION, PreferencesForm, ScheduleForm, SignupForm
from .mail import CONFIRM_SALT, email_from_unsubscribe_token
from .models import Mailing, NewsletterPage, Subscriber, Suppression
from .tasks import begin_sending, send_confirmation, send_test

CONFIRM_MAX_AGE = 7 * 24 * 3600
PERMISSION = "newsletters.send_newsletter"


# --- public ---------------------------------------------------------------------------------------------


def signup(request, page):
    """/nieuwsbrief/: nothing is sent to a new address except the confirmation link."""
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        limited = is_ratelimited(request, group="newsletter-signup", key="ip", rate="20/h", increment=True)
        if limited:
            form.add_error(None, _("Te veel aanmeldingen vanaf dit adres; probeer het later opnieuw."))
        elif form.is_valid():
            _start_subscription(form.cleaned_data)
            return render(request, "newsletters/signup_sent.html", {"page": page})
    return render(request, "newsletters/newsletter_index_page.html", {"page": page, "form": form})


@transaction.atomic
def _start_subscription(data):
    subscriber, _created = Subscriber.objects.get_or_create(email=data["email"])
    if subscriber.is_public and subscriber.is_active:
        return  # already subscribed: say nothing that reveals it, send nothing
    subscriber.is_public = True
    subscriber.name = data.get("name") or subscriber.name
    subscriber.regions = data.get("regions") or []
    subscriber.save()
    subscriber.themes.set(data.get("themes") or [])
    token = signing.dumps(subscriber.email, salt=CONFIRM_SALT)
    transaction.on_commit(lambda: send_confirmation.delay(subscriber.email, token), robust=True)


def confirm(request, token):
    """The link in the confirmation mail shows a button; the POST confirms (link scanners only GET)."""
    try:
        email = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return render(request, "newsletters/confirm.html", {"invalid": True}, status=400)
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return render(request, "newsletters/confirm.html", {"invalid": True}, status=400)
    if request.method == "POST":
        with transaction.atomic():
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.is_public = True
            subscriber.save()
            Suppression.objects.filter(email=email, reason=Suppression.Reason.UNSUBSCRIBED).delete()
            if not ConsentRecord.has_consent(email, ConsentRecord.Purpose.NEWSLETTER):
                ConsentRecord.objects.create(
                    email=email,
                    purpose=ConsentRecord.Purpose.NEWSLETTER,
                    text=str(CONSENT_TEXT),
                    text_version=CONSENT_VERSION,
                )
        return render(request, "newsletters/confirm.html", {"confirmed": True})
    return render(request, "newsletters/confirm.html", {"email": email})


def unsubscribe_address(email):
    with transaction.atomic():
        Suppression.add(email, Suppression.Reason.UNSUBSCRIBED)
        Subscriber.objects.filter(email=email, unsubscribed_at=None).update(unsubscribed_at=timezone.now())
        ConsentRecord.withdraw(email, ConsentRecord.Purpose.NEWSLETTER)


@csrf_exempt
@require_POST
def one_click(request, token):
    """RFC 8058: the mail client POSTs ``List-Unsubscribe=One-Click`` here; no page, no second step."""
    email = email_from_unsubscribe_token(token)
    if email is None:
        return HttpResponseBadRequest(_("Ongeldige afmeldlink."))
    unsubscribe_address(email)
    return HttpResponse(_("U bent afgemeld."), content_type="text/plain; charset=utf-8")


def unsubscribe(request, token):
    """The footer link: one button unsubscribes; below it, the address's preferences."""
    email = email_from_unsubscribe_token(token)
    if email is None:
        return render(request, "newsletters/unsubscribe.html", {"invalid": True}, status=400)
    subscriber = Subscriber.objects.filter(email=email).first()
    initial = {}
    if subscriber:
        initial = {"themes": subscriber.themes.all(), "regions": subscriber.regions}
    form = PreferencesForm(initial=initial)
    done = None
    if request.method == "POST" and request.POST.get("action") == "unsubscribe":
        unsubscribe_address(email)
        done = "unsubscribed"
    elif request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                subscriber, _created = Subscriber.objects.get_or_create(email=email)
                subscriber.regions = form.cleaned_data["regions"]
                subscriber.save()
                subscriber.themes.set(form.cleaned_data["themes"])
            done = "saved"
    blocked = Suppression.objects.filter(email=email).exists()
    return render(
        request,
        "newsletters/unsubscribe.html",
        {"email": email, "form": form, "done": done, "blocked": blocked, "token": token},
    )


# --- admin: the office sends ------------------------------------------------------------------------------


def _newsletter_for(request, page_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    page = get_object_or_404(NewsletterPage, pk=page_id)
    mailing, _created = Mailing.objects.get_or_create(newsletter=page)
    return page, mailing


def send_view(request, page_id):
    """Recipient count, test/send/schedule/cancel buttons, and the live progress while sending."""
    page, mailing = _newsletter_for(request, page_id)
    schedule_form = ScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None,
        initial={"scheduled_for": mailing.scheduled_for},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, _("Uw account heeft geen e-mailadres."))
            else:
                transaction.on_commit(lambda: send_test.delay(page.pk, request.user.email))
                messages.success(
                    request, _("Testmail verstuurd naar %(email)s.") % {"email": request.user.email}
                )
            return redirect("newsletters_admin:send", page.pk)
        if action in ("send", "schedule") and not page.live:
            messages.error(request, _("Publiceer de nieuwsbrief eerst; dan staat hij ook in het archief."))
        elif action == "send":
            if begin_sending(mailing, request.user):
                audit.record(audit.NEWSLETTER_SEND, page, user=request.user, data={"step": "gestart"})
                messages.success(request, _("De nieuwsbrief wordt verstuurd."))
            return redirect("newsletters_admin:send", page.pk)
        elif action == "schedule" and schedule_form.is_valid():
            updated = Mailing.objects.filter(
                pk=mailing.pk,
                status__in=[Mailing.Status.DRAFT, Mailing.Status.SCHEDULED, Mailing.Status.CANCELLED],
            ).update(
                status=Mailing.Status.SCHEDULED,
                scheduled_for=schedule_form.cleaned_data["scheduled_for"],
                requested_by=request.user,
            )
            if updated:
                when = schedule_form.cleaned_data["scheduled_for"].isoformat()
                audit.record(
                    audit.NEWSLETTER_SEND, page, user=request.user, data={"step": "gepland", "when": when}
                )
                messages.success(request, _("De verzending is gepland."))
            return redirect("newsletters_admin:send", page.pk)
        elif action == "cancel":
            if Mailing.objects.filter(
                pk=mailing.pk, status__in=[Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
            ).update(status=Mailing.Status.CANCELLED):
                audit.record(audit.NEWSLETTER_SEND, page, user=request.user, data={"step": "geannuleerd"})
            messages.success(
                request, _("De verzending is geannuleerd; wat al verstuurd is, blijft verstuurd.")
            )
            return redirect("newsletters_admin:send", page.pk)
        mailing.refresh_from_db()
    counts = mailing.counts()
    context = {
        "page": page,
        "mailing": mailing,
        "counts": counts,
        "total": sum(counts.values()),
        "recipient_count": None if mailing.ledger_complete else recipient_count(page),
        "schedule_form": schedule_form,
        "failed": mailing.deliveries.filter(status="failed").order_by("email")[:200],
        "progress_url": reverse("newsletters_admin:progress", args=[page.pk]),
    }
    return render(request, "newsletters/admin/send.html", context)


def progress_view(request, page_id):
    """JSON for the progress bar: counts per status, refreshed every few seconds by a small script."""
    _page, mailing = _newsletter_for(request, page_id)
    counts = mailing.counts()
    return JsonResponse(
        {
            "status": mailing.status,
            "status_label": mailing.get_status_display(),
            "counts": counts,
            "total": sum(counts.values()),
            "done": mailing.status in (Mailing.Status.SENT, Mailing.Status.CANCELLED),
        }
    )
