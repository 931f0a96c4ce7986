"""Newsletters: pages the office composes, the public sign-up, and the per-recipient delivery ledger.

Sending state lives outside the page (``Mailing``/``Delivery``), so progress never creates page revisions.
"""

import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from network.models import Role
from network.regions import GGDRegion

from .blocks import NewsletterStreamBlock
from .forms import SignupForm
from .mail import render_newsletter


class NewsletterIndexPage(Page):
    """/nieuwsbrief/: the public sign-up form (double opt-in); the archive page sits below it. The form posts to
    views.signup, which shows this page again when the form has errors."""

    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["newsletters.NewsletterArchivePage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsbriefpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = SignupForm()
        return context

    def archive(self):
        return NewsletterArchivePage.objects.child_of(self).live().first()


class NewsletterArchivePage(Page):
    """/nieuwsbrief/archief/: every published newsletter, newest first."""

    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = ["newsletters.NewsletterPage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsbriefarchief")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["newsletters"] = (
            NewsletterPage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class NewsletterPageForm(WagtailAdminPageForm):
    regions = forms.MultipleChoiceField(
        label=_("GGD-regio's"),
        choices=GGDRegion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leeg: alle regio's."),
    )


def _coalition_pages():
    return models.Q(content_type__app_label="coalitions", content_type__model="coalitionpage")


class NewsletterPage(Page):
    """One newsletter. Publishing puts it in the archive; sending is done from 'Versturen' in the editor."""

    news_item = True  # listed in the home page's "Nieuw in het netwerk"

    subject = models.CharField(
        _("onderwerpregel"), max_length=150, blank=True, help_text=_("Leeg: de titel van de pagina.")
    )
    preheader = models.CharField(
        _("voorvertoningstekst"),
        max_length=150,
        blank=True,
        help_text=_("De korte regel die e-mailprogramma's naast het onderwerp tonen."),
    )
    body = StreamField(NewsletterStreamBlock(), blank=True, verbose_name=_("inhoud"))
    to_supporters = models.BooleanField(_("supporters"), default=True)
    to_partners = models.BooleanField(_("partners"), default=False)
    to_core_partners = models.BooleanField(_("kernpartners"), default=False)
    to_subscribers = models.BooleanField(
        _("publieke abonnees"),
        default=True,
        help_text=_("Mensen die zich via /nieuwsbrief/ hebben aangemeld."),
    )
    regions = models.JSONField(_("GGD-regio's"), default=list, blank=True)
    themes = ParentalManyToManyField(
        "taggit.Tag",
        blank=True,
        related_name="+",
        verbose_name=_("thema's"),
        help_text=_("Leeg: alle thema's."),
    )
    coalitions = ParentalManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        limit_choices_to=_coalition_pages,
        verbose_name=_("coalities"),
        help_text=_("Leeg: iedereen; anders alleen deelnemers in deze coalities."),
    )
    is_digest = models.BooleanField(default=False, editable=False)

    base_form_class = NewsletterPageForm
    content_panels = Page.content_panels + [
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]
    audience_panels = [
        MultiFieldPanel(
            [
                FieldPanel("to_supporters"),
                FieldPanel("to_partners"),
                FieldPanel("to_core_partners"),
                FieldPanel("to_subscribers"),
            ],
            heading=_("Wie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("coalitions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Beperken tot (te combineren)"),
            help_text=_("Elk adres ontvangt één exemplaar, ook als het in meerdere groepen valt."),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(audience_panels, heading=_("Ontvangers")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ],
        base_form_class=NewsletterPageForm,
    )
    parent_page_types = ["newsletters.NewsletterArchivePage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")

    @property
    def email_subject(self):
        return self.subject or self.title

    @property
    def roles(self):
        flags = [
            (self.to_supporters, Role.SUPPORTER),
            (self.to_partners, Role.PARTNER),
            (self.to_core_partners, Role.KERNPARTNER),
        ]
        return [role for on, role in flags if on]

    preview_modes = [("", _("Webpagina")), ("email", _("E-mail"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            html, _text = render_newsletter(self, unsubscribe_url="#afmelden")
            return HttpResponse(html)
        return super().serve_preview(request, mode_name)


class Subscriber(models.Model):
    """A newsletter address's own settings: public sign-ups (double opt-in) and anyone's preferences."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    is_public = models.BooleanField(
        _("publieke aanmelding"), default=False, help_text=_("Aangemeld via /nieuwsbrief/ (geen deelnemer).")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    regions = models.JSONField(_("GGD-regio's"), default=list, blank=True)
    themes = models.ManyToManyField("taggit.Tag", blank=True, related_name="+", verbose_name=_("thema's"))

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return bool(self.confirmed_at) and not self.unsubscribed_at


class Suppression(models.Model):
    """An address that must not be mailed: unsubscribed, hard bounce or complaint. Checked on every send."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "afgemeld", _("Afgemeld")
        BOUNCED = "bounce", _("Harde bounce")
        COMPLAINED = "klacht", _("Spamklacht")

    email = models.EmailField(_("e-mailadres"), unique=True)
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("sinds"), default=timezone.now)
    detail = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("geblokkeerd adres")
        verbose_name_plural = _("geblokkeerde adressen (afmeldingen en bounces)")

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"

    @classmethod
    def add(cls, email, reason, detail=""):
        obj, created = cls.objects.get_or_create(
            email=email.strip().lower(), defaults={"reason": reason, "detail": detail[:2000]}
        )
        if not created and reason != cls.Reason.UNSUBSCRIBED and obj.reason != reason:
            obj.reason, obj.detail = reason, detail[:2000]
            obj.save(update_fields=["reason", "detail"])
        return obj


class Mailing(models.Model):
    """Sending one newsletter: its state, the rendered mail (a snapshot) and who asked for it."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("Niet verstuurd")
        SCHEDULED = "gepland", _("Gepland")
        SENDING = "bezig", _("Wordt verstuurd")
        SENT = "verstuurd", _("Verstuurd")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    newsletter = models.OneToOneField(
        NewsletterPage, on_delete=models.CASCADE, related_name="mailing", verbose_name=_("nieuwsbrief")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    scheduled_for = models.DateTimeField(_("gepland voor"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=150, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    ledger_complete = models.BooleanField(default=False)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        permissions = [("send_newsletter", _("Mag nieuwsbrieven versturen"))]

    def __str__(self):
        return f"{self.newsletter} ({self.get_status_display()})"

    def counts(self):
        counts = {status: 0 for status in Delivery.Status.values}
        for row in self.deliveries.values("status").annotate(n=models.Count("id")):
            counts[row["status"]] = row["n"]
        return counts


class Delivery(models.Model):
    """The ledger: one row per (mailing, address), written before any mail goes out.

    queued → claimed (a worker took it, ``claim`` identifies that worker's run) → sent / failed; skipped when the
    address is blocked. A claimed row whose worker died goes back to queued after NEWSLETTER_CLAIM_TIMEOUT.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        CLAIMED = "claimed", _("Wordt verstuurd")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")
        SKIPPED = "skipped", _("Overgeslagen")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mailadres"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("foutmelding"), blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "email"], name="unique_delivery_per_address")
        ]
        indexes = [models.Index(fields=["mailing", "status"])]

    def __str__(self):
        return f"{self.email}: {self.get_status_display()}"

    @staticmethod
    def new_claim():
        return uuid.uuid4()
