"""Network meetings (netwerkbijeenkomsten): the agenda, meeting pages and registrations."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from network.access import contact_for
from network.models import ContactPerson, Participant
from network.regions import GGDRegion

from .blocks import ProgrammeBlock
from .forms import RegistrationForm
from .ics import calendar

CANCEL_SALT = "events.registration.cancel"


class EventIndexPage(RoutablePageMixin, Page):
    """The agenda (/agenda/): upcoming and past meetings, and the iCal feed of all of them."""

    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda")

    def events(self):
        return EventPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = self.events()
        context["upcoming"] = events.filter(end__gte=now).order_by("start")
        context["past"] = events.filter(end__lt=now).order_by("-start")
        context["feed_url"] = self.url + self.reverse_subpage("ical")
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        response = HttpResponse(
            calendar(self.events().order_by("start")), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="bijeenkomsten.ics"'
        return response


class EventPage(Page):
    """One meeting. The page shows what registering means for this visitor; registering and cancelling are
    POSTs to views.py (the form on the page posts there), so this model imports no view."""

    news_item = True  # listed in the home page's "Nieuw in het netwerk"

    start = models.DateTimeField(_("begint op"))
    end = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("locatie"), max_length=255, blank=True, help_text=_("Naam en adres."))
    region = models.CharField(
        _("GGD-regio"),
        max_length=40,
        choices=GGDRegion.choices,
        blank=True,
        help_text=_("Leeg laten voor een landelijke bijeenkomst. Wie de regio volgt, hoort ervan."),
    )
    online_url = models.URLField(_("link voor online deelname"), blank=True)
    introduction = models.TextField(_("inleiding"), blank=True)
    programme = StreamField(ProgrammeBlock(), blank=True, verbose_name=_("programma"))
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg laten voor onbeperkt.")
    )
    open_to_everyone = models.BooleanField(
        _("open voor iedereen"),
        default=False,
        help_text=_("Anders kunnen alleen ingelogde contactpersonen van deelnemers zich aanmelden."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg laten: tot de bijeenkomst begint.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("location"), FieldPanel("region")]),
                FieldPanel("online_url"),
            ],
            heading=_("Wanneer en waar"),
        ),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("open_to_everyone"),
            ],
            heading=_("Aanmelden"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("location")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("De bijeenkomst moet eindigen na het begin.")
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            errors["registration_deadline"] = _("Aanmelden moet sluiten voordat de bijeenkomst begint.")
        if not self.location and not self.online_url:
            errors["location"] = _("Vul een locatie of een link voor online deelname in.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def registration_closes(self):
        return self.registration_deadline or self.start

    @property
    def registration_open(self):
        return timezone.now() < self.registration_closes

    def confirmed_count(self):
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def is_full(self):
        return self.capacity is not None and self.confirmed_count() >= self.capacity

    def places_left(self):
        """Free places, or None when the number of places is unlimited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count(), 0)

    @property
    def ical_uid(self):
        """Stable per meeting, so calendars update the same entry when details change."""
        host = urlsplit(settings.SITE_URL).hostname or "nnr.example.org"
        return f"bijeenkomst-{self.pk}@{host}"

    def absolute_url(self):
        return self.get_full_url() or settings.SITE_URL.rstrip("/") + self.url

    def get_context(self, request, *args, **kwargs):
        """What the meeting page shows about registering, for this visitor. A logged-in contact registers with
        one click; the form is for anyone else, and only when the meeting is open to everyone."""
        context = super().get_context(request, *args, **kwargs)
        contact = contact_for(request.user)
        form = None
        if self.open_to_everyone and not contact:
            initial = {}
            if request.user.is_authenticated:
                initial = {"name": request.user.get_full_name(), "email": request.user.email}
            form = RegistrationForm(initial=initial)
        context.update(
            contact=contact,
            my_registration=self.registrations.active().filter(contact=contact).first() if contact else None,
            form=form,
            places_left=self.places_left(),
        )
        return context


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def attended_since(self, since, until=None):
        """Confirmed registrations for meetings that took place between `since` and `until` (default: now).

        We do not take attendance at the door: a confirmed registration for a past meeting counts as attending.
        """
        return self.filter(
            status=Registration.Status.CONFIRMED,
            event__start__gte=since,
            event__end__lte=until or timezone.now(),
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "aangemeld", _("Aangemeld")
        WAITING = "wachtlijst", _("Wachtlijst")
        CANCELLED = "afgemeld", _("Afgemeld")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("bijeenkomst")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("deelnemer"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("contactpersoon"),
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van wachtlijst geplaatst op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="unique_registration_per_email")
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def cancel_token(self):
        return signing.dumps(self.pk, salt=CANCEL_SALT)

    @classmethod
    def from_cancel_token(cls, token):
        """The registration a signed link points at, or None for a forged or mangled link."""
        try:
            pk = signing.loads(token, salt=CANCEL_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.select_related("event").filter(pk=pk).first()

    def cancel_url(self):
        return settings.SITE_URL.rstrip("/") + reverse("events:cancel", args=[self.cancel_token])
