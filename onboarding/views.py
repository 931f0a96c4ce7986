"""Public application, e-mail verification and status pages, and the invitation of an admitted participant's
contact (the flow's task forms are in task_views.py)."""

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit
from viewflow.workflow.status import STATUS

from coalitions.models import CoalitionIndexPage
from events.models import EventIndexPage
from knowledge.models import KnowledgeIndexPage
from network.access import client_ip

from . import tasks, texts, tokens
from .flows import OnboardingFlow
from .forms import ApplicationForm
from .models import Application, Declaration

APPLY_RATE = "10/h"  # per IP address, POSTs only


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=APPLY_RATE, method="POST", block=False)
def apply(request):
    shown = texts.SignedTexts()
    if not shown.complete:
        return render(request, "onboarding/application_closed.html", status=503)
    status = 200
    form = ApplicationForm(request.POST if request.method == "POST" else None, versions=shown.signature)
    context = {"form": form, "texts": shown}
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "U heeft te vaak geprobeerd een aanmelding te versturen. Probeer het over een uur opnieuw."
                ),
            )
            status = 429
        elif form.is_valid():
            with transaction.atomic():
                Declaration.lock_chain()  # a double submit waits here, then finds the first as a duplicate
                if form.is_duplicate():
                    return render(request, "onboarding/application_form.html", context, status=400)
                if form.address_in_use():
                    email = form.cleaned_data["email"]
                    transaction.on_commit(lambda: tasks.send_address_in_use_email.delay(email), robust=True)
                else:
                    _start(form, request, shown)
            return redirect("onboarding:sent")
        else:
            status = 400
    return render(request, "onboarding/application_form.html", context, status=status)


def _start(form, request, shown):
    """Start the flow and archive the signed declaration (inside the caller's transaction)."""
    application = OnboardingFlow.start.run(data=form.application_data())
    Declaration.append(
        application=application,
        organisation_name=application.organisation_name,
        signer_name=application.contact_name,
        signer_email=application.email,
        purpose=Declaration.Purpose.APPLICATION,
        **shown.archive_fields(),
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
    )
    transaction.on_commit(lambda: tasks.send_verification_email.delay(application.pk), robust=True)


def sent(request):
    """The one answer to every accepted application, whether the address was new or already known: the
    page never tells a visitor whose address belongs to the network (the mail to that address does)."""
    return render(request, "onboarding/application_sent.html")


@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    """The link from the e-mail shows a button; confirming is a POST so link scanners cannot confirm."""
    pk = tokens.read_verify_token(token)
    if pk is None:
        return render(request, "onboarding/verify_invalid.html", status=400)
    application = get_object_or_404(Application, pk=pk)
    task = application.task_set.filter(flow_task=OnboardingFlow.verify_email, status=STATUS.NEW).first()
    if request.method == "POST" and task is not None:
        OnboardingFlow.verify_email.run(task)
        messages.success(
            request, _("Uw e-mailadres is bevestigd. Het netwerkbureau gaat uw aanmelding beoordelen.")
        )
        return redirect(tokens.status_path(application))
    if task is None:
        return redirect(tokens.status_path(application))
    return render(request, "onboarding/verify_email.html", {"application": application})


def status(request, token):
    pk = tokens.read_status_token(token)
    if pk is None:
        raise Http404
    application = get_object_or_404(Application, pk=pk)
    return render(
        request,
        "onboarding/application_status.html",
        {"application": application, "steps": Application.Step.choices, "current": application.step},
    )


class InvitationView(PasswordResetConfirmView):
    """The link in the invitation mail: the new contact chooses a password (Django's validators, Dutch messages),
    is logged in and lands on /mijn/ with a welcome that says what to do first.

    The token is Django's password-reset token, so the link stops working once a password is set or the user
    has logged in. Logging in here is safe: only the owner of the address could open the link, and whoever
    must use two-step verification is still sent to it by accounts.middleware before anything else.
    """

    template_name = "onboarding/invitation.html"
    reset_url_token = "wachtwoord-kiezen"
    post_reset_login = True
    post_reset_login_backend = "accounts.backends.ModelBackend"
    success_url = reverse_lazy("office:account_home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, welcome_message(form.user))
        return response


def welcome_message(user):
    """'Welkom in het netwerk' with the first things to do, shown once on /mijn/ (a message with links)."""
    steps = [(reverse("network:edit_organisation"), _("vul het profiel van uw organisatie aan"))]
    for model, text in (
        (CoalitionIndexPage, _("bekijk de coalities en sluit u aan bij een coalitie die bij u past")),
        (KnowledgeIndexPage, _("lees in de kennisbank wat anderen al doen")),
        (EventIndexPage, _("meld u aan voor een netwerkbijeenkomst")),
    ):
        page = model.objects.live().first()
        if page is not None:
            steps.append((page.url, text))
    return format_html(
        "<strong>{}</strong> {} {}<ul>{}</ul>",
        _("Welkom in het netwerk, %(name)s!") % {"name": user.first_name or user.get_username()},
        _("Uw wachtwoord is opgeslagen en u bent ingelogd."),
        _("Wat u nu kunt doen:"),
        format_html_join("", '<li><a href="{}">{}</a></li>', steps),
    )
