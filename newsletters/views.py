"""Public sign-up (double opt-in), one-click unsubscribe and preferences; the send screen is in admin_views."""

from django.core import signing
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from network.models import ConsentRecord
from nnr_site.mail import one_click_unsubscribe

from .forms import CONSENT_TEXT, CONSENT_VERSION, PreferencesForm, SignupForm
from .mail import CONFIRM_SALT, email_from_unsubscribe_token, unsubscribe_token
from .models import NewsletterArchivePage, NewsletterIndexPage, Subscriber, Suppression
from .tasks import send_confirmation

CONFIRM_MAX_AGE = 7 * 24 * 3600


@require_POST
def signup(request, pk):
    """The form on /nieuwsbrief/ posts here: nothing is sent to a new address except the confirmation link.
    With errors, the sign-up page is shown again with them at the fields."""
    page = get_object_or_404(NewsletterIndexPage.objects.live().public(), pk=pk)
    form = SignupForm(request.POST)
    limited = is_ratelimited(request, group="newsletter-signup", key="ip", rate="20/h", increment=True)
    if limited:
        form.add_error(None, _("Te veel aanmeldingen vanaf dit adres; probeer het later opnieuw."))
    elif form.is_valid():
        _start_subscription(form.cleaned_data)
        return render(request, "newsletters/signup_sent.html", {"page": page})
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context)


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
        # What next: the preferences (themes, regions) and the newsletters sent before.
        context = {
            "confirmed": True,
            "email": email,
            "preferences_url": reverse("newsletters:unsubscribe", args=[unsubscribe_token(email)]),
            "archive": NewsletterArchivePage.objects.live().first(),
        }
        return render(request, "newsletters/confirm.html", context)
    return render(request, "newsletters/confirm.html", {"email": email})


def unsubscribe_address(email):
    with transaction.atomic():
        Suppression.add(email, Suppression.Reason.UNSUBSCRIBED)
        Subscriber.objects.filter(email=email, unsubscribed_at=None).update(unsubscribed_at=timezone.now())
        ConsentRecord.withdraw(email, ConsentRecord.Purpose.NEWSLETTER)


one_click = one_click_unsubscribe(email_from_unsubscribe_token, unsubscribe_address)


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
