"""The office's send screen in the admin (registered in wagtail_hooks): test mail, send, schedule, cancel,
and the progress while sending."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from network import audit

from .audience import recipient_count
from .forms import ScheduleForm
from .models import Mailing, NewsletterPage
from .tasks import begin_sending, send_test

PERMISSION = "newsletters.send_newsletter"


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
            return redirect("newsletters_send", page.pk)
        if action in ("send", "schedule") and not page.live:
            messages.error(request, _("Publiceer de nieuwsbrief eerst; dan staat hij ook in het archief."))
        elif action == "send":
            if begin_sending(mailing, request.user):
                audit.record(audit.NEWSLETTER_SEND, page, user=request.user, data={"step": "gestart"})
                messages.success(request, _("De nieuwsbrief wordt verstuurd."))
            return redirect("newsletters_send", page.pk)
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
            return redirect("newsletters_send", page.pk)
        elif action == "cancel":
            if Mailing.objects.filter(
                pk=mailing.pk, status__in=[Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
            ).update(status=Mailing.Status.CANCELLED):
                audit.record(audit.NEWSLETTER_SEND, page, user=request.user, data={"step": "geannuleerd"})
            messages.success(
                request, _("De verzending is geannuleerd; wat al verstuurd is, blijft verstuurd.")
            )
            return redirect("newsletters_send", page.pk)
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
        "progress_url": reverse("newsletters_progress", args=[page.pk]),
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
