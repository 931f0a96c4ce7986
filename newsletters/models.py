"""Newsletters: pages the office composes, the public sign-up, and the per-recipient delivery ledger.

Sending state lives outside the page (``Mailing``/``Delivery``), so progress never creates page revisions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from network.models import Role
from network.regions import GGDRegion

from .blocks import NewsletterStreamBlock
from .forms import SignupForm
from .mail import email_preview_response, preview_message


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
    segments = models.ManyToManyField(
        "Segment", blank=True, related_name="newsletters", verbose_name=_("doelgroepen")
    )
    is_digest = models.BooleanField(default=False, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
    ]
    # The audience is chosen on the send screen ("Ontvangers"), next to its count: nothing pre-ticked here.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
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

    preview_modes = [
        ("", _("Webpagina")),
        ("email", _("E-mail")),
        ("text", _("E-mail, platte tekst")),
    ]

    def serve_preview(self, request, mode_name):
        """The editor's preview panel, also for unsaved changes (Wagtail hands this method the form's page).
        The e-mail modes show the message exactly as a recipient gets it (nnr_site/preview.py lets the admin
        frame it)."""
        if mode_name in ("email", "text"):
            html, text = preview_message(self)
            return email_preview_response(html if mode_name == "email" else None, text)
        return super().serve_preview(request, mode_name)


class Segment(models.Model):
    """A named audience the office reuses: which groups (supporters, partners, kernpartners, public
    subscribers), optionally narrowed to regions, themes or coalitions. A newsletter goes to the union of
    its segments, each address once. The four standard segments (one group each, ``key`` set) always exist.
    """

    STANDARD = [
        ("supporters", _("Supporters"), "to_supporters"),
        ("partners", _("Partners"), "to_partners"),
        ("kernpartners", _("Kernpartners"), "to_core_partners"),
        ("abonnees", _("Publieke abonnees"), "to_subscribers"),
    ]
    GROUP_WORDS = {
        "to_supporters": _("contactpersonen van supporters"),
        "to_partners": _("contactpersonen van partners"),
        "to_core_partners": _("contactpersonen van kernpartners"),
        "to_subscribers": _("publieke abonnees (bevestigd)"),
    }
    DEFAULT_KEY = "supporters"  # the usual audience of a newsletter: shown first, never ticked for the office

    name = models.CharField(_("naam"), max_length=120, unique=True)
    key = models.SlugField(max_length=40, unique=True, null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=100, editable=False)
    to_supporters = models.BooleanField(_("supporters"), default=False)
    to_partners = models.BooleanField(_("partners"), default=False)
    to_core_partners = models.BooleanField(_("kernpartners"), default=False)
    to_subscribers = models.BooleanField(
        _("publieke abonnees"),
        default=False,
        help_text=_("Mensen die zich via /nieuwsbrief/ hebben aangemeld en dat hebben bevestigd."),
    )
    regions = models.JSONField(_("GGD-regio's"), default=list, blank=True, help_text=_("Leeg: alle regio's."))
    themes = models.ManyToManyField(
        "taggit.Tag",
        blank=True,
        related_name="+",
        verbose_name=_("thema's"),
        help_text=_("Leeg: alle thema's."),
    )
    coalitions = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        limit_choices_to=_coalition_pages,
        verbose_name=_("coalities"),
        help_text=_("Leeg: iedereen; anders alleen deelnemers in deze coalities (geen publieke abonnees)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self):
        return self.name

    @property
    def is_standard(self):
        return bool(self.key)

    @property
    def is_default(self):
        return self.key == self.DEFAULT_KEY

    @property
    def roles(self):
        flags = [
            (self.to_supporters, Role.SUPPORTER),
            (self.to_partners, Role.PARTNER),
            (self.to_core_partners, Role.KERNPARTNER),
        ]
        return [role for on, role in flags if on]

    def describe(self):
        """What the segment is, in words: "contactpersonen van partners · regio Utrecht"."""
        groups = [str(label) for flag, label in self.GROUP_WORDS.items() if getattr(self, flag)]
        parts = [", ".join(groups) or str(_("niemand"))]
        if self.regions:
            labels = dict(GGDRegion.choices)
            parts.append(str(_("regio")) + " " + ", ".join(str(labels.get(r, r)) for r in self.regions))
        if self.pk:
            themes = [t.name for t in self.themes.all()]
            if themes:
                parts.append(str(_("thema")) + " " + ", ".join(themes))
            coalitions = [c.title for c in self.coalitions.all()]
            if coalitions:
                parts.append(str(_("coalitie")) + " " + ", ".join(coalitions))
        return " · ".join(parts)

    @classmethod
    def ensure_standard(cls):
        """The four standard segments (after a flush in tests, or before the first migration's data)."""
        existing = dict(cls.objects.filter(key__isnull=False).values_list("key", "pk"))
        for position, (key, label, flag) in enumerate(cls.STANDARD, start=1):
            if key not in existing:
                cls.objects.get_or_create(
                    key=key, defaults={"name": str(label), "position": position, flag: True}
                )
        return cls.objects.filter(key__isnull=False)

    @classmethod
    def standard(cls, key):
        cls.ensure_standard()
        return cls.objects.get(key=key)


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
    """Sending one newsletter: its state, the rendered mail (a snapshot) and who asked for it.

    A mailing with a ``key`` instead of a newsletter is a personal mail that another app sends through this
    ledger (each message built for its recipient, e.g. the weekly "Nieuw in uw netwerk" in ``following``):
    one row per (key, address) makes it go once per address. The newsletter tasks leave such mailings alone.
    """

    class Status(models.TextChoices):
        DRAFT = "concept", _("Concept")
        SCHEDULED = "gepland", _("Gepland")
        SENDING = "bezig", _("Wordt verstuurd")
        SENT = "verstuurd", _("Verstuurd")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    newsletter = models.OneToOneField(
        NewsletterPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mailing",
        verbose_name=_("nieuwsbrief"),
    )
    key = models.SlugField(_("sleutel"), max_length=80, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    scheduled_for = models.DateTimeField(_("gepland voor"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=150, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    ledger_complete = models.BooleanField(default=False)
    # What the office confirmed: [{"id", "name", "description", "count"}] and the total, at that moment.
    audience = models.JSONField(_("doelgroep bij bevestiging"), default=list, blank=True)
    confirmed_count = models.PositiveIntegerField(_("bevestigd aantal ontvangers"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        permissions = [("send_newsletter", _("Mag nieuwsbrieven versturen"))]

    def __str__(self):
        return f"{self.newsletter or self.key} ({self.get_status_display()})"

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

    # No index of its own: (mailing, email) and (mailing, status) below start with it, and every index is one
    # more write for each "sent" mark (one per message).
    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries", db_index=False)
    email = models.EmailField(_("e-mailadres"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    # The first of the mailing's segments (in their order) that holds the address: each row counts once.
    segment = models.ForeignKey(
        Segment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
    )

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


class TestMail(models.Model):
    """A test mail (subject "[TEST]"), sent outside the ledger: it counts for nothing, but the office sees it."""

    newsletter = models.ForeignKey(NewsletterPage, on_delete=models.CASCADE, related_name="test_mails")
    email = models.EmailField(_("e-mailadres"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "email"]
        verbose_name = _("testmail")
        verbose_name_plural = _("testmails")

    def __str__(self):
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"


class TrackingEvent(models.Model):
    """What the mail provider reported about a message (django-anymail tracking webhook), to compare with
    the ledger in the mailing's report. ``mailing`` is found from the message's metadata, else from the
    latest ledger row of the recipient."""

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, null=True, blank=True, related_name="tracking_events"
    )
    email = models.EmailField(_("e-mailadres"))
    event_type = models.CharField(_("melding"), max_length=20)
    esp_name = models.CharField(max_length=40, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    detail = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("melding van de mailprovider")
        verbose_name_plural = _("meldingen van de mailprovider")
        indexes = [models.Index(fields=["mailing", "event_type"])]

    def __str__(self):
        return f"{self.email}: {self.event_type}"
