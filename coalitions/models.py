"""Coalitions (coalities): profile pages that the coalitions edit themselves, their members and activities.

A coalition page gets its own editors' group and image/document collection when it is created
(see `coalitions.editors`); the group holds the users of the coalition's trekkers.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Collection, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from network.access import active_contact, contact_for, is_office
from network.choosers import active_participant_chooser
from network.models import Participant, Sector
from network.regions import GGDRegion

from .choices import CoalitionKind, MemberRole, MembershipStatus
from .forms import CoalitionFilterForm, JoinRequestForm
from .page_form import CoalitionPageForm, MembershipStatusPanel
from .regionmap import region_counts, region_map

# Sent at the end of every CoalitionPage.save(), after modelcluster has written the member rows (which a
# post_save handler would not yet see), with `page` and `before` (its stored_memberships() before the save).
# coalitions/apps.py connects the editors' group and the invitation mails to it.
coalition_saved = Signal()
# Sent when a trekker confirmed an update to the members (`update`, a CoalitionUpdate just marked sent), inside
# the transaction; the app that mails it (following) connects to it and sends once the transaction commits.
update_confirmed = Signal()


class CoalitionIndexPage(Page):
    """/coalities/: every coalition, with filters, search and a map by GGD region."""

    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["coalitions.CoalitionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("coalitie-overzicht")

    def get_context(self, request, *args, **kwargs):
        """The coalitions, filtered and paged, with a fixed number of queries however many there are."""
        context = super().get_context(request, *args, **kwargs)
        base = CoalitionPage.objects.live().public().child_of(self)
        themes = (
            Tag.objects.filter(coalitions_coalitiontag_items__content_object__in=base)
            .distinct()
            .order_by("name")
        )
        form = CoalitionFilterForm(request.GET or None, themes=themes)
        coalitions = base
        if form.is_valid():
            coalitions = coalitions.filtered(**form.cleaned_data)
        page_obj = Paginator(coalitions.for_listing().order_by("title"), COALITIONS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        chosen = form.cleaned_data if form.is_valid() else {}
        context.update(
            filter_form=form,
            coalitions=with_latest_activity(page_obj.object_list),
            page_obj=page_obj,
            is_filtered=any(chosen.values()),
            region_map=self.filtered_map(request, base, chosen),
        )
        return context

    def filtered_map(self, request, base, chosen):
        """The map counts what the list would show in each region with the other filters kept (kind, theme,
        organisation type, search words), and each region links to the list with those filters."""
        others = {name: value for name, value in chosen.items() if value and name != "region"}
        index_url = self.get_url(request)
        return region_map(
            region_counts(base.filtered(**others)),
            link=lambda code: f"{index_url}?{urlencode({**others, 'region': code})}",
            selected=chosen.get("region", ""),
        )


class CoalitionTag(TaggedItemBase):
    """A theme (thema) of a coalition."""

    content_object = ParentalKey(
        "coalitions.CoalitionPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("thema van een coalitie")
        verbose_name_plural = _("thema's van coalities")


COALITIONS_PER_PAGE = 12
UPDATES_ON_PAGE = 20
LESSONS_ON_PAGE = 3


class CoalitionPageQuerySet(PageQuerySet):
    def filtered(self, *, kind="", region="", organisation_type="", theme="", q=""):
        """The coalitions matching the overview's filters (empty values filter nothing)."""
        queryset = self
        for field, value in (("kind", kind), ("region", region), ("organisation_type", organisation_type)):
            if value:
                queryset = queryset.filter(**{field: value})
        if theme:
            queryset = queryset.filter(
                pk__in=CoalitionTag.objects.filter(tag__slug=theme).values("content_object_id")
            )
        return queryset.matching(q) if q else queryset

    def matching(self, text):
        """Plain icontains search over title, goal, place, description and themes (same on SQLite and PostgreSQL)."""
        tagged = CoalitionTag.objects.filter(tag__name__icontains=text).values("content_object_id")
        return self.filter(
            Q(title__icontains=text)
            | Q(goal__icontains=text)
            | Q(city__icontains=text)
            | Q(description__icontains=text)
            | Q(pk__in=tagged)
        )

    def for_listing(self):
        """With what a card shows: the number of members in the network, the themes and the newest activity's id."""
        members = (
            CoalitionMembership.objects.current()
            .filter(page_id=OuterRef("pk"), participant__status=Participant.Status.ACTIVE)
            .order_by()
            .values("page_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            latest_activity_id=latest_activity_subquery(),
            member_count=Coalesce(Subquery(members, output_field=models.IntegerField()), 0),
        ).prefetch_related(Prefetch("tagged_items", queryset=CoalitionTag.objects.select_related("tag")))


def with_latest_activity(coalitions):
    """The coalitions of a `for_listing()` page as a list, each with its `latest_activity` and `theme_list`."""
    items = list(coalitions)
    ids = [c.latest_activity_id for c in items if c.latest_activity_id]
    activities = ActivityPage.objects.in_bulk(ids) if ids else {}
    for coalition in items:
        coalition.latest_activity = activities.get(coalition.latest_activity_id)
        coalition.theme_list = [t.tag for t in coalition.tagged_items.all()]
    return items


class CoalitionPage(Page):
    news_item = True  # listed in the home page's "Nieuw in het netwerk"
    kind = models.CharField(_("soort coalitie"), max_length=20, choices=CoalitionKind.choices)
    region = models.CharField(_("GGD-regio"), max_length=40, choices=GGDRegion.choices, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    themes = ClusterTaggableManager(
        through=CoalitionTag, blank=True, verbose_name=_("thema's"), help_text=_("Gescheiden door komma's.")
    )
    organisation_type = models.CharField(
        _("type organisatie"), max_length=30, choices=Sector.choices, blank=True
    )
    goal = models.TextField(_("doel"), help_text=_("Wat wil de coalitie bereiken? Eén of twee zinnen."))
    description = RichTextField(
        _("beschrijving"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    colour = models.CharField(
        _("kleur"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #RRGGBB, bijvoorbeeld #005a46."))
        ],
        help_text=_("De eigen kleur van de coalitie, als #RRGGBB."),
    )
    contact_email = models.EmailField(
        _("e-mailadres van de coalitie"),
        help_text=_("De coalitie is de afzender van haar activiteiten, niet het netwerk."),
    )
    editors_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="edited_coalition",
        verbose_name=_("redacteurengroep"),
    )
    collection = models.ForeignKey(
        Collection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("collectie"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("goal"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
                FieldPanel("organisation_type"),
                FieldPanel("themes"),
            ],
            heading=_("Soort coalitie"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("colour"), FieldPanel("contact_email")],
            heading=_("Eigen identiteit"),
        ),
        InlinePanel("memberships", heading=_("Deelnemers in de coalitie"), label=_("Deelnemer")),
        InlinePanel("external_members", heading=_("Externe leden"), label=_("Extern lid")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("goal"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("region"),
        index.FilterField("organisation_type"),
    ]
    objects = PageManager.from_queryset(CoalitionPageQuerySet)()
    base_form_class = CoalitionPageForm
    parent_page_types = ["coalitions.CoalitionIndexPage"]
    subpage_types = ["coalitions.ActivityPage"]
    # A copy is a new coalition: it gets its own group and collection (see coalitions.editors).
    exclude_fields_in_copy = ["editors_group", "collection"]

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")

    def clean(self):
        super().clean()
        if self.kind == CoalitionKind.REGION and not (self.region or self.city):
            raise ValidationError(
                {"region": _("Kies voor een regionale coalitie een GGD-regio of vul een plaats in.")}
            )
        if self.kind == CoalitionKind.ORGANISATION_TYPE and not self.organisation_type:
            raise ValidationError({"organisation_type": _("Kies het type organisatie van deze coalitie.")})

    def save(self, *args, **kwargs):
        before = self.stored_memberships()
        result = super().save(*args, **kwargs)
        coalition_saved.send(sender=CoalitionPage, page=self, before=before)
        return result

    def stored_memberships(self):
        """{pk: (participant id, status)} of the member rows in the database (before a save writes new ones)."""
        if self.pk is None:
            return {}
        rows = CoalitionMembership.objects.filter(page_id=self.pk).values_list(
            "pk", "participant_id", "status"
        )
        return {pk: (participant_id, status) for pk, participant_id, status in rows}

    def current_memberships(self):
        """Members that accepted, are still in the coalition and still in the network (the public member list)."""
        return (
            self.memberships.current()
            .filter(participant__status=Participant.Status.ACTIVE)
            .select_related("participant")
            .order_by("-role", "participant__name")
        )

    def is_trekker(self, participant, members=None):
        """`members`: the page's current memberships when already read (a page render), saving a query."""
        if members is not None:
            return any(
                m.participant_id == getattr(participant, "pk", None) and m.role == MemberRole.TREKKER
                for m in members
            )
        return (
            bool(participant)
            and self.current_memberships().filter(participant=participant, role=MemberRole.TREKKER).exists()
        )

    def is_member(self, participant, members=None):
        if members is not None:
            return any(m.participant_id == getattr(participant, "pk", None) for m in members)
        return bool(participant) and self.current_memberships().filter(participant=participant).exists()

    def may_write_activities(self, user, members=None):
        """A contact of a current member that Wagtail also lets add and publish pages below the coalition (its
        trekkers, through the coalition's editors group): it writes and publishes activities from the site."""
        contact = active_contact(user)
        if contact is None or not self.is_member(contact.participant, members):
            return False
        return self.may_publish_below(user)

    def may_publish_below(self, user):
        """Wagtail's part of `may_write_activities`, for a user known to be a current member's contact."""
        permissions = self.permissions_for_user(user)
        return permissions.can_add_subpage() and permissions.can_publish_subpage()

    def may_write_updates(self, user, members=None):
        """Only the coalition's trekkers write to its members."""
        contact = active_contact(user)
        return contact is not None and self.is_trekker(contact.participant, members)

    def updates_for(self, user, members=None):
        """The sent updates this user may read: public ones for everyone, members-only ones for the contacts of
        the coalition's current members (and the office)."""
        sent = self.updates.filter(status=CoalitionUpdate.Status.SENT).order_by("-sent_at")
        contact = active_contact(user)
        if is_office(user) or (contact and self.is_member(contact.participant, members)):
            return sent
        return sent.filter(visibility=CoalitionUpdate.Visibility.PUBLIC)

    def external_members_signed(self):
        """The external members, each with `.signed`: whether it signed the declaration itself (else: invited)."""
        external = list(self.external_members.all())
        signed = set(
            ExternalSignature.objects.filter(
                email__in=[m.email.strip().lower() for m in external if m.email], confirmed_at__isnull=False
            ).values_list("email", flat=True)
        )
        for member in external:
            member.signed = member.email.strip().lower() in signed
        return external

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        members = list(self.current_memberships())
        activities = list(
            ActivityPage.objects.live().public().child_of(self).order_by("-start_date", "-first_published_at")
        )
        context.update(
            members=members,
            trekkers=[m for m in members if m.role == MemberRole.TREKKER],
            external_members=self.external_members_signed(),
            activities=activities,
            lessons=[a for a in activities if a.lessons_learned][:LESSONS_ON_PAGE],
            theme_list=list(self.themes.all()),
            contact=None,
            updates=list(self.updates_for(request.user, members)[:UPDATES_ON_PAGE]),
        )
        contact = contact_for(request.user)
        if contact:
            context.update(self._context_for(contact, members))
            context.update(
                may_write_activities=self.may_write_activities(request.user, members),
                may_write_updates=self.may_write_updates(request.user, members),
            )
        return context

    def _context_for(self, contact, members):
        """What a logged-in contact sees: its own membership, or how to join, and a trekker the open requests."""
        mine = [m for m in members if m.participant_id == contact.participant_id]
        is_trekker = any(m.role == MemberRole.TREKKER for m in mine)
        requests = list(self.join_requests.filter(status=JoinRequest.Status.PENDING))  # a handful at most
        return {
            "contact": contact,
            "my_membership": mine[0] if mine else None,
            "is_trekker": is_trekker,
            "can_join": not mine and contact.participant.is_active,
            "invitation": None
            if mine
            else CoalitionMembership.objects.invitations(contact.participant).filter(page=self).first(),
            "pending_request": next(
                (r for r in requests if r.participant_id == contact.participant_id), None
            ),
            "join_form": JoinRequestForm(),
            "open_requests": len(requests) if is_trekker else None,
        }


class MembershipQuerySet(models.QuerySet):
    def accepted(self):
        """Memberships the participant agreed to; only these count as being in the coalition."""
        return self.filter(status=MembershipStatus.ACCEPTED)

    def current(self):
        """Accepted memberships that have not ended: an end date today or earlier means "left"."""
        return self.accepted().filter(Q(left_on=None) | Q(left_on__gt=timezone.localdate()))

    def invitations(self, participant):
        """The participant's open invitations to live coalitions (see `coalitions.invitations`)."""
        return (
            self.filter(participant=participant, status=MembershipStatus.INVITED, page__live=True)
            .select_related("page")
            .order_by("page__title")
        )


class CoalitionMembership(Orderable):
    """A network participant in a coalition, as trekker (drives it, edits its pages) or lid.

    A row added in the page editor is an invitation until the participant accepts it (`coalitions.invitations`);
    rows written by code (starting a coalition, an accepted join request, a handover) are accepted already.
    """

    page = ParentalKey(CoalitionPage, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("deelnemer"),
    )
    role = models.CharField(
        _("rol in de coalitie"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_on = models.DateField(_("lid sinds"), default=timezone.localdate)
    left_on = models.DateField(_("gestopt op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACCEPTED
    )

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldRowPanel(
            [FieldPanel("participant", widget=active_participant_chooser.widget_class), FieldPanel("role")]
        ),
        FieldRowPanel([FieldPanel("joined_on"), FieldPanel("left_on")]),
        MembershipStatusPanel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lidmaatschap van een coalitie")
        verbose_name_plural = _("lidmaatschappen van coalities")

    def __str__(self):
        return f"{self.participant} ({self.get_role_display()})"


class ExternalMember(Orderable):
    """Someone in a coalition who is not a network participant; never an excluded party: it signs the declaration
    itself, through the mail it gets when the coalition is published (`ExternalSignature`)."""

    page = ParentalKey(CoalitionPage, on_delete=models.CASCADE, related_name="external_members")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("extern lid")
        verbose_name_plural = _("externe leden")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self):
        super().clean()
        if not self.email:
            raise ValidationError(
                {
                    "email": _(
                        "Vul het e-mailadres in: het externe lid ondertekent de verklaring zelf, via een e-mail."
                    )
                }
            )


class ExternalSignature(models.Model):
    """Whether an external member signed the tobacco-industry declaration itself: invited by mail when a coalition
    with it is published, confirmed through the link (onboarding keeps the signed text in its archive). One row per
    address: someone in two coalitions signs once. Kept outside the page's revisions, which a later publish would
    write back."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    coalition = models.ForeignKey(
        CoalitionPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uitgenodigd voor coalitie"),
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verklaring extern lid")
        verbose_name_plural = _("verklaringen externe leden")

    def __str__(self):
        return self.email

    @property
    def status_label(self):
        return _("ondertekend") if self.confirmed_at else _("uitgenodigd")


class ActivityPage(Page):
    news_item = True  # listed in the home page's "Nieuw in het netwerk"

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Gepland")
        RUNNING = "lopend", _("Lopend")
        DONE = "afgerond", _("Afgerond")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("begindatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    what_was_done = RichTextField(
        _("wat is er gedaan"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    results = RichTextField(_("resultaten"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    lessons_learned = RichTextField(
        _("geleerde lessen"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("what_was_done"),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        FieldPanel("image"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
    ]
    parent_page_types = ["coalitions.CoalitionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de begindatum.")})

    @property
    def coalition(self):
        return CoalitionPage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        coalition = self.coalition if request.user.is_authenticated else None
        context["may_edit"] = bool(coalition and coalition.may_write_activities(request.user))
        return context


class JoinRequest(models.Model):
    """A participant's contact asks to join a coalition; the coalition's trekkers decide."""

    class Status(models.TextChoices):
        PENDING = "open", _("Open")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        DECLINED = "afgewezen", _("Afgewezen")

    coalition = models.ForeignKey(
        CoalitionPage, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("coalitie")
    )
    contact = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="coalition_join_requests",
        verbose_name=_("contactpersoon"),
    )
    # The organisation that asks (the contact's participant when it asked): one open request per organisation.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="coalition_join_requests",
        verbose_name=_("deelnemer"),
    )
    message = models.TextField(_("bericht"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verzoek om mee te doen")
        verbose_name_plural = _("verzoeken om mee te doen")
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "participant"],
                condition=Q(status="open"),
                name="one_open_join_request_per_participant",
            )
        ]

    def __str__(self):
        return f"{self.participant} → {self.coalition}"

    def save(self, *args, **kwargs):
        if self.participant_id is None and self.contact_id is not None:
            self.participant_id = self.contact.participant_id
        super().save(*args, **kwargs)


class CoalitionUpdate(models.Model):
    """An update a trekker sends to the coalition's members (issue 19.4), and its entry in the archive on the
    coalition page. A draft until the trekker confirms the recipients; sending is done by `following`
    (on `update_confirmed`) through the newsletter ledger, once per address."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("Concept")
        SENT = "verstuurd", _("Verstuurd")

    class Visibility(models.TextChoices):
        MEMBERS = "leden", _("Alleen voor de leden van de coalitie")
        PUBLIC = "openbaar", _("Openbaar, voor iedereen op de coalitiepagina")

    coalition = models.ForeignKey(
        CoalitionPage, on_delete=models.CASCADE, related_name="updates", verbose_name=_("coalitie")
    )
    subject = models.CharField(_("onderwerp"), max_length=150)
    text = models.TextField(_("tekst"))
    visibility = models.CharField(
        _("zichtbaar in het archief"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("aantal ontvangers"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bericht aan de leden")
        verbose_name_plural = _("berichten aan de leden")

    def __str__(self):
        return self.subject

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC


def latest_activity_subquery(field="pk"):
    """The newest live, public activity below each coalition (use in .annotate on CoalitionPage querysets).
    `.public()` builds its condition from the view restrictions when the query is made, so it works inside
    the subquery too."""
    return Subquery(
        ActivityPage.objects.live()
        .public()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by(models.F("start_date").desc(nulls_last=True), "-first_published_at", "-pk")
        .values(field)[:1]
    )


def coalitions_of(participant, *, include_left=False):
    """The coalitions a participant is (currently) a member of, with its membership role annotated."""
    memberships = CoalitionMembership.objects.filter(participant=participant)
    memberships = memberships.accepted() if include_left else memberships.current()
    return (
        CoalitionPage.objects.filter(pk__in=memberships.values("page_id"))
        .annotate(
            member_role=Subquery(
                memberships.filter(page_id=OuterRef("pk")).order_by("-role").values("role")[:1]
            ),
            open_requests=Count("join_requests", filter=Q(join_requests__status=JoinRequest.Status.PENDING)),
        )
        .order_by("title")
    )
