"""The knowledge base: an index at /kennis/ with articles, lessons, guides and research shared in the network."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from coalitions.models import CoalitionPage
from network.access import contact_for, is_office, publicly_visible
from network.choosers import active_participant_chooser

from .blocks import KnowledgeStreamBlock
from .choices import ArticleType
from .feeds import ArticleFeed, AtomArticleFeed
from .forms import ArticleFilterForm
from .suggest import suggestion

CARD_RENDITIONS = ("fill-480x270", "fill-960x540")  # the card's srcset (knowledge/includes/article_card.html)
PER_PAGE = 12


class KnowledgeIndexPage(RoutablePageMixin, Page):
    """Lists, filters and searches the articles below it; also serves their feed (feed/, feed/atom/)."""

    introduction = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.KnowledgeArticlePage"]

    class Meta:
        verbose_name = _("kennisbank")
        verbose_name_plural = _("kennisbanken")

    def articles(self):
        """Published, public articles below this index, newest first, with what a card shows."""
        return (
            KnowledgeArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related(*KnowledgeArticlePage.card_related)
            .prefetch_related(
                "tags",
                Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)),
            )
            .order_by("-date", "-pk")
        )

    def themes(self):
        """The themes (tags) used by at least one published article here, for the filter."""
        return (
            Tag.objects.filter(
                knowledge_articletag_items__content_object__in=KnowledgeArticlePage.objects.live()
                .public()
                .descendant_of(self)
            )
            .distinct()
            .order_by("name")
        )

    def coalitions(self):
        """The coalitions that published articles here, for the filter."""
        return (
            CoalitionPage.objects.live()
            .public()
            .filter(knowledge_articles__in=KnowledgeArticlePage.objects.live().public().descendant_of(self))
            .distinct()
            .order_by("title")
        )

    @path("")
    def index_view(self, request):
        form = ArticleFilterForm(request.GET or None, index=self)
        articles = form.filter(self.articles()) if form.is_bound and form.is_valid() else self.articles()
        page_obj = Paginator(articles, PER_PAGE).get_page(request.GET.get("pagina"))
        query = request.GET.copy()
        query.pop("pagina", None)
        suggested, suggestion_query = self._suggestion(form, page_obj, query)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "page_obj": page_obj,
                "filter_query": query.urlencode(),
                "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
                "suggestion": suggested,
                "suggestion_query": suggestion_query,
            },
        )

    @staticmethod
    def _suggestion(form, page_obj, query):
        """'Bedoelde u: …?' when a text search found nothing (as on /zoeken/), keeping the other filters."""
        if not (form.is_bound and form.is_valid() and form.cleaned_data["q"]) or page_obj.paginator.count:
            return None, ""
        suggested = suggestion(form.cleaned_data["q"])
        if not suggested:
            return None, ""
        corrected = query.copy()
        corrected["q"] = suggested
        return suggested, corrected.urlencode()

    @path("feed/", name="feed")
    def feed_view(self, request):
        return ArticleFeed()(request, index=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed_view(self, request):
        return AtomArticleFeed()(request, index=self)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.KnowledgeArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("thema van een artikel")
        verbose_name_plural = _("thema's van artikelen")


class ArticleForm(WagtailAdminPageForm):
    """Partners write on behalf of their own organisation; the office may name any participant."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if "author" not in self.fields or user is None:
            return
        contact = contact_for(user)
        if contact and not self.instance.author_id:
            self.initial.setdefault("author", contact.participant_id)
        self.own_participant = None
        if not is_office(user):
            own = [contact.participant_id] if contact else []
            self.fields["author"].queryset = self.fields["author"].queryset.filter(pk__in=own)
            self.own_participant = contact.participant if contact else None

    def clean(self):
        cleaned = super().clean()
        if getattr(self, "own_participant", None) and not cleaned.get("author"):
            cleaned["author"] = self.own_participant
        return cleaned


class KnowledgeArticlePage(Page):
    news_item = True  # listed in the home page's "Nieuw in het netwerk"
    summary = models.TextField(_("samenvatting"), help_text=_("Twee of drie zinnen; te zien in overzichten."))
    body = StreamField(KnowledgeStreamBlock(), blank=True, verbose_name=_("inhoud"))
    article_type = models.CharField(
        _("soort"), max_length=20, choices=ArticleType.choices, default=ArticleType.ARTICLE
    )
    tags = ClusterTaggableManager(
        through=ArticleTag,
        blank=True,
        verbose_name=_("thema's"),
        help_text=_("Bijvoorbeeld: sport, onderwijs."),
    )
    date = models.DateField(_("publicatiedatum"), default=timezone.localdate)
    author = models.ForeignKey(
        "network.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("auteur (deelnemer)"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    source_coalition = models.ForeignKey(
        "coalitions.CoalitionPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("uit coalitie"),
        help_text=_("De coalitie waar deze kennis vandaan komt, als die er is."),
    )
    source_activity = models.ForeignKey(
        "coalitions.ActivityPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("uit activiteit"),
    )

    # What a card in a list needs besides the page itself (kept in one place for the list queries).
    card_related = ("author", "source_coalition")

    base_form_class = ArticleForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("article_type"), FieldPanel("date")]),
                FieldPanel("tags"),
                FieldPanel("author", widget=active_participant_chooser.widget_class),
            ],
            heading=_("Over dit artikel"),
        ),
        MultiFieldPanel(
            [FieldPanel("source_coalition"), FieldPanel("source_activity")],
            heading=_("Herkomst"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.RelatedFields("source_coalition", [index.SearchField("title")]),
        index.FilterField("article_type"),
        index.FilterField("date"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")

    def clean(self):
        super().clean()
        if self.source_activity_id:
            coalition = self.source_activity.coalition
            if self.source_coalition_id is None:
                self.source_coalition = coalition
            elif coalition and coalition.pk != self.source_coalition_id:
                raise ValidationError(
                    {"source_activity": _("Deze activiteit hoort bij een andere coalitie.")}
                )

    @cached_property
    def shown_source_coalition(self):
        return publicly_visible(self.source_coalition)

    @cached_property
    def shown_source_activity(self):
        """The activity this came from, named only while visitors may see it (not private, not unpublished)."""
        return publicly_visible(self.source_activity)

    def share_url(self):
        """Where its author edits it on the site (knowledge.views); the moderation mails link there."""
        return reverse("knowledge:share_edit", args=[self.pk])

    @property
    def published_at(self):
        """The publication date as an aware datetime (feeds want one)."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9)))

    def related_articles(self, count=3):
        """Other published articles sharing the most themes with this one."""
        tag_ids = [tag.pk for tag in self.tags.all()]
        if not tag_ids:
            return KnowledgeArticlePage.objects.none()
        return (
            KnowledgeArticlePage.objects.live()
            .public()
            .filter(tagged_items__tag_id__in=tag_ids)
            .exclude(pk=self.pk)
            .annotate(shared=Count("tagged_items"))
            .order_by("-shared", "-date")[:count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.related_articles()
        return context
