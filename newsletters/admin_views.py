"""The office's newsletter screens in the admin (registered in wagtail_hooks), all behind 'send_newsletter':

- the list of newsletters with their status and counts ("Nieuwsbrieven"), and "Nieuwe nieuwsbrief";
- one newsletter's send screen: its audience in short, test mails, progress, and the buttons that lead to
- the audience screen: segments ticked by the office (nothing pre-ticked), per segment the count and the
  overlap removed, a sample, the full list as CSV, who is skipped and why; a new segment is saved there;
- the confirmation: send, schedule, cancel and retry show a summary first and act only on a POST that
  repeats the number of recipients the office saw (anything else shows the summary again);
- the e-mail preview, also as one recipient gets it; the report after sending.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network import audit
from network.export import csv_response

from . import report as reports
from .admin_forms import AudienceForm, SegmentForm, TestForm
from .audience import SKIP_REASONS, breakdown, describe, recipient_count
from .forms import ScheduleForm
from .mail import PREVIEW_ADDRESS, email_preview_response, preview_message
from .models import Delivery, Mailing, NewsletterArchivePage, NewsletterPage, Segment, Suppression
from .tasks import MAX_TEST_ADDRESSES, begin_sending, retry_failed, send_tests

PERMISSION = "newsletters.send_newsletter"
EDITABLE = (Mailing.Status.DRAFT, Mailing.Status.CANCELLED)
STARTABLE = [Mailing.Status.DRAFT, Mailing.Status.SCHEDULED, Mailing.Status.CANCELLED]
ACTIONS = ("send", "schedule", "cancel", "retry")


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _newsletter_for(request, page_id):
    _check(request)
    page = get_object_or_404(NewsletterPage, pk=page_id)
    mailing, _created = Mailing.objects.get_or_create(newsletter=page)
    return page, mailing


def _audience_editable(mailing):
    return mailing.status in EDITABLE and not mailing.ledger_complete


def _tabs(page, mailing, current):
    tabs = [
        ("send", _("Overzicht"), reverse("newsletters_send", args=[page.pk])),
        ("audience", _("Ontvangers"), reverse("newsletters_audience", args=[page.pk])),
        ("preview", _("E-mailvoorbeeld"), reverse("newsletters_preview", args=[page.pk])),
    ]
    if mailing.ledger_complete:
        tabs.append(("report", _("Verslag"), reverse("newsletters_report", args=[page.pk])))
    return [{"key": k, "label": label, "url": url, "current": k == current} for k, label, url in tabs]


SCREEN_TITLES = {
    "send": gettext_lazy("Nieuwsbrief versturen"),
    "audience": gettext_lazy("Ontvangers kiezen"),
    "preview": gettext_lazy("E-mailvoorbeeld"),
    "report": gettext_lazy("Verslag van de verzending"),
}
CONFIRM_TITLES = {
    "send": gettext_lazy("Versturen bevestigen"),
    "schedule": gettext_lazy("Inplannen bevestigen"),
    "cancel": gettext_lazy("Verzending annuleren"),
    "retry": gettext_lazy("Mislukte adressen opnieuw proberen"),
}


def _context(page, mailing, current, **extra):
    extra.setdefault("screen_title", SCREEN_TITLES[current])
    return {"page": page, "mailing": mailing, "tabs": _tabs(page, mailing, current), **extra}


# --- the list ---------------------------------------------------------------------------------------------


def index_view(request):
    """Every newsletter, newest first, with its sending status and counts; 'Nieuwe nieuwsbrief'."""
    _check(request)
    status = request.GET.get("status", "")
    pages = NewsletterPage.objects.select_related("mailing").order_by(
        F("latest_revision_created_at").desc(nulls_last=True), "-pk"
    )
    if status == Mailing.Status.DRAFT:
        pages = pages.filter(Q(mailing=None) | Q(mailing__status=status))
    elif status in Mailing.Status.values:
        pages = pages.filter(mailing__status=status)
    paginator = Paginator(pages, 50)
    listing = paginator.get_page(request.GET.get("p"))
    counts = {
        row["mailing__newsletter"]: row
        for row in Delivery.objects.filter(mailing__newsletter__in=[p.pk for p in listing])
        .values("mailing__newsletter")
        .annotate(
            sent=Count("id", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("id", filter=Q(status=Delivery.Status.FAILED)),
            pending=Count("id", filter=Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED])),
            total=Count("id"),
        )
    }
    rows = []
    for page in listing:
        mailing = getattr(page, "mailing", None)
        rows.append(
            {
                "page": page,
                "status": mailing.status if mailing else Mailing.Status.DRAFT,
                "status_label": mailing.get_status_display() if mailing else Mailing.Status.DRAFT.label,
                "mailing": mailing,
                "counts": counts.get(page.pk),
            }
        )
    archive = NewsletterArchivePage.objects.first()
    filters = [("", _("Alle"))] + [(value, label) for value, label in Mailing.Status.choices]
    context = {
        "rows": rows,
        "listing": listing,
        "status": status,
        "filters": [
            {"value": v, "label": label, "current": v == status, "url": "?" + urlencode({"status": v})}
            for v, label in filters
        ],
        "add_url": reverse("wagtailadmin_pages:add", args=["newsletters", "newsletterpage", archive.pk])
        if archive
        else None,
    }
    return render(request, "newsletters/admin/index.html", context)


# --- one newsletter -----------------------------------------------------------------------------------------


def send_view(request, page_id):
    """Status, the chosen audience with its count, test mails, the buttons to the confirmation, progress.

    A POST here only sends test mails: send, schedule, cancel and retry lead to the confirmation screen."""
    page, mailing = _newsletter_for(request, page_id)
    test_form = TestForm(initial={"addresses": request.user.email})
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ACTIONS:
            query = {"action": action}
            if request.POST.get("scheduled_for"):
                query["scheduled_for"] = request.POST["scheduled_for"]
            return redirect(reverse("newsletters_confirm", args=[page.pk]) + "?" + urlencode(query))
        if action == "test":
            test_form = TestForm(request.POST)
            if test_form.is_valid():
                addresses = test_form.cleaned_data["addresses"]
                user_id = request.user.pk
                transaction.on_commit(lambda: send_tests.delay(page.pk, addresses, user_id))
                messages.success(
                    request,
                    _("Testmail verstuurd naar %(addresses)s. Testmails tellen niet mee in de verzending.")
                    % {"addresses": ", ".join(addresses)},
                )
                return redirect("newsletters_send", page.pk)
    counts = mailing.counts()
    segments = list(page.segments.all())
    context = _context(
        page,
        mailing,
        "send",
        counts=counts,
        total=sum(counts.values()),
        segments=segments,
        recipient_count=None if mailing.ledger_complete or not segments else recipient_count(page),
        audience_editable=_audience_editable(mailing),
        schedule_form=ScheduleForm(initial={"scheduled_for": mailing.scheduled_for}),
        test_form=test_form,
        max_test=MAX_TEST_ADDRESSES,
        test_mails=page.test_mails.select_related("requested_by")[:20],
        failed_count=counts[Delivery.Status.FAILED],
        progress_url=reverse("newsletters_progress", args=[page.pk]),
    )
    return render(request, "newsletters/admin/send.html", context)


def audience_view(request, page_id):
    """Choose the segments (nothing ticked that the office did not tick) and see what they add up to."""
    page, mailing = _newsletter_for(request, page_id)
    Segment.ensure_standard()
    editable = _audience_editable(mailing)
    form = AudienceForm(initial={"segments": page.segments.all()})
    segment_form = SegmentForm(prefix="nieuw")
    if request.method == "POST" and editable:
        if request.POST.get("action") == "new_segment":
            segment_form = SegmentForm(request.POST, prefix="nieuw")
            if segment_form.is_valid():
                segment = segment_form.save()
                page.segments.add(segment)
                messages.success(
                    request,
                    _("Doelgroep '%(name)s' opgeslagen en gekozen voor deze nieuwsbrief.")
                    % {"name": segment},
                )
                return redirect("newsletters_audience", page.pk)
        else:
            form = AudienceForm(request.POST)
            if form.is_valid():
                page.segments.set(form.cleaned_data["segments"])
                messages.success(request, _("De ontvangers van deze nieuwsbrief zijn opgeslagen."))
                return redirect("newsletters_audience", page.pk)
    result = breakdown(page)
    chosen = {row.segment.pk for row in result.rows}
    choices = []
    for segment in Segment.objects.prefetch_related("themes", "coalitions"):
        choices.append(
            {"segment": segment, "checked": segment.pk in chosen, "description": segment.describe()}
        )
    context = _context(
        page,
        mailing,
        "audience",
        form=form,
        choices=choices,
        segment_form=segment_form,
        show_segment_form=segment_form.is_bound,
        editable=editable,
        result=result,
        sample=result.sample(),
        csv_url=reverse("newsletters_recipients_csv", args=[page.pk]),
    )
    return render(request, "newsletters/admin/audience.html", context)


def recipients_csv_view(request, page_id):
    """Every recipient of the chosen segments: address, name, organisation, segment."""
    page, _mailing = _newsletter_for(request, page_id)
    result = breakdown(page)
    rows = [
        (person.email, person.name, person.organisation, result.segment_of[person.email].name)
        for person in describe(result.recipients)
    ]
    title = _("Ontvangers van %(title)s") % {"title": page.title}
    audit.record_export(request.user, title, "csv", len(rows), about=page.title)
    return csv_response(
        f"ontvangers-{page.slug}.csv", [_("E-mailadres"), _("Naam"), _("Organisatie"), _("Doelgroep")], rows
    )


# --- confirmation -------------------------------------------------------------------------------------------


def _plan(page, mailing):
    """(breakdown or None, how many would receive it): a resumed send goes to the rest of its ledger."""
    if mailing.ledger_complete:
        return None, mailing.deliveries.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED]
        ).count()
    result = breakdown(page)
    return result, result.total


def _snapshot(result):
    return [
        {
            "id": row.segment.pk,
            "name": row.segment.name,
            "description": row.segment.describe(),
            "count": row.count,
        }
        for row in result.rows
    ]


def _problem(action, page, mailing, count, segments):
    """Why the action cannot be done now, or None."""
    if action in ("send", "schedule"):
        if mailing.status not in STARTABLE:
            return _("Deze nieuwsbrief wordt al verstuurd of is verstuurd.")
        if not page.live:
            return _("Publiceer de nieuwsbrief eerst; dan staat hij ook in het archief.")
        if not mailing.ledger_complete and not segments:
            return _("Kies eerst de ontvangers.")
        if not count:
            return _("Er is niemand om deze nieuwsbrief naar te sturen.")
    if action == "cancel" and mailing.status not in (Mailing.Status.SCHEDULED, Mailing.Status.SENDING):
        return _("Er is geen verzending om te annuleren.")
    if action == "retry" and not count:
        return _("Er zijn geen mislukte adressen om opnieuw te proberen.")
    return None


def confirm_view(request, page_id):
    """The summary before send, schedule, cancel or retry; the action happens only on a POST with
    ``confirm_count`` equal to the count this summary shows (the count the office confirmed)."""
    page, mailing = _newsletter_for(request, page_id)
    data = request.POST if request.method == "POST" else request.GET
    action = data.get("action")
    if action not in ACTIONS:
        return redirect("newsletters_send", page.pk)
    segments = list(page.segments.all())
    result = None
    if action == "retry":
        count = mailing.deliveries.filter(status=Delivery.Status.FAILED).count()
    elif action == "cancel":
        count = mailing.deliveries.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.CLAIMED]
        ).count()
    else:
        result, count = _plan(page, mailing)
    schedule_form = None
    if action == "schedule":
        schedule_form = ScheduleForm(data if data.get("scheduled_for") else None)
    problem = _problem(action, page, mailing, count, segments)
    error = None
    if request.method == "POST" and problem is None:
        confirmed = request.POST.get("confirm_count", "")
        if schedule_form is not None and not schedule_form.is_valid():
            pass  # the error is shown at the field
        elif confirmed != str(count) and action != "cancel":
            if confirmed:
                error = _(
                    "Het aantal ontvangers is veranderd (van %(old)s naar %(new)s). Controleer het overzicht "
                    "en bevestig opnieuw."
                ) % {"old": confirmed, "new": count}
        elif action == "cancel" and request.POST.get("confirm") != "cancel":
            pass
        else:
            return _carry_out(request, action, page, mailing, count, result, schedule_form)
    when = None
    if schedule_form is not None and schedule_form.is_bound and schedule_form.is_valid():
        when = schedule_form.cleaned_data["scheduled_for"]
    context = _context(
        page,
        mailing,
        "send",
        screen_title=CONFIRM_TITLES[action],
        action=action,
        count=count,
        result=result,
        segments=segments,
        problem=problem,
        error=error,
        schedule_form=schedule_form,
        when=when,
        sender=settings.DEFAULT_FROM_EMAIL,
        subject=page.email_subject,
        unpublished=page.live and page.has_unpublished_changes,
        counts=mailing.counts(),
    )
    return render(request, "newsletters/admin/confirm.html", context)


def _carry_out(request, action, page, mailing, count, result, schedule_form):
    user = request.user
    names = [row.segment.name for row in result.rows] if result else []
    if action in ("send", "schedule") and result is not None:
        Mailing.objects.filter(pk=mailing.pk).update(audience=_snapshot(result), confirmed_count=count)
    if action == "send":
        if begin_sending(mailing, user):
            audit.record(
                audit.NEWSLETTER_SEND,
                page,
                user=user,
                data={"step": "gestart", "count": count, "segments": names},
            )
            messages.success(
                request,
                _("De nieuwsbrief wordt verstuurd naar %(count)s ontvangers.") % {"count": count},
            )
    elif action == "schedule":
        when = schedule_form.cleaned_data["scheduled_for"]
        if Mailing.objects.filter(pk=mailing.pk, status__in=STARTABLE).update(
            status=Mailing.Status.SCHEDULED, scheduled_for=when, requested_by=user
        ):
            data = {"step": "gepland", "when": when.isoformat(), "count": count, "segments": names}
            audit.record(audit.NEWSLETTER_SEND, page, user=user, data=data)
            messages.success(
                request,
                _("De verzending is gepland op %(when)s.")
                % {"when": date_format(timezone.localtime(when), "j F Y H:i")},
            )
    elif action == "cancel":
        if Mailing.objects.filter(
            pk=mailing.pk, status__in=[Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
        ).update(status=Mailing.Status.CANCELLED):
            audit.record(audit.NEWSLETTER_SEND, page, user=user, data={"step": "geannuleerd"})
        messages.success(request, _("De verzending is geannuleerd; wat al verstuurd is, blijft verstuurd."))
    elif action == "retry":
        queued = retry_failed(mailing, user)
        if queued:
            audit.record(audit.NEWSLETTER_SEND, page, user=user, data={"step": "opnieuw", "count": queued})
            messages.success(
                request, _("%(count)s mislukte adressen worden opnieuw geprobeerd.") % {"count": queued}
            )
    return redirect("newsletters_send", page.pk)


# --- preview and report -------------------------------------------------------------------------------------


def _recipient(request):
    return (request.GET.get("ontvanger") or "").strip().lower()


def preview_view(request, page_id):
    """The latest saved version as e-mail (HTML or plain text), optionally as one recipient gets it."""
    page, mailing = _newsletter_for(request, page_id)
    email = _recipient(request)
    mode = "tekst" if request.GET.get("vorm") == "tekst" else "html"
    about, error = None, None
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error, email = _("Vul een geldig e-mailadres in."), ""
    if email:
        person = describe([email])[0]
        result = breakdown(page)
        blocked = Suppression.objects.filter(email=email).first()
        about = {
            "person": person,
            "segment": result.segment_of.get(email),
            "skipped": next((SKIP_REASONS[r] for r, a in result.skipped.items() if email in a), None),
            "blocked": blocked,
        }
    query = {"vorm": mode, **({"ontvanger": email} if email else {})}
    context = _context(
        page,
        mailing,
        "preview",
        email=email,
        mode=mode,
        about=about,
        error=error,
        sample=breakdown(page).sample() if page.segments.exists() else [],
        frame_url=reverse("newsletters_preview_mail", args=[page.pk]) + "?" + urlencode(query),
        modes=[
            {
                "key": key,
                "label": label,
                "current": key == mode,
                "url": "?" + urlencode({**query, "vorm": key}),
            }
            for key, label in (("html", _("HTML")), ("tekst", _("Platte tekst")))
        ],
        unpublished=page.live and page.has_unpublished_changes,
    )
    return render(request, "newsletters/admin/preview.html", context)


def preview_mail_view(request, page_id):
    """The message itself, for the preview screen's frame."""
    page, _mailing = _newsletter_for(request, page_id)
    draft = page.get_latest_revision_as_object()
    html, text = preview_message(draft, _recipient(request) or PREVIEW_ADDRESS)
    return email_preview_response(None if request.GET.get("vorm") == "tekst" else html, text)


def report_view(request, page_id):
    """Per segment: sent, failed, skipped, bounced, complaints and unsubscribes since; the failed rows; the
    provider's counts next to the ledger's."""
    page, mailing = _newsletter_for(request, page_id)
    context = _context(page, mailing, "report", report=reports.build(mailing))
    return render(request, "newsletters/admin/report.html", context)


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
