from django.apps import apps
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from network.validators import phone_number
from nnr_site import pagecache

from .blocks import BaseStreamBlock, HomeStreamBlock


class HomePage(Page):
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("homepagina")

    def route(self, request, path_components):
        """Wagtail walks the tree with two queries per level (the child, then its specific row). Which page a
        path leads to is the same for everyone until the next page-cache generation (publishing, moving or
        deleting a page starts one), so it is walked once and then read in one query. Only a plain route is
        kept (a page itself, no sub-route of a routable page); live and privacy are still checked on every
        request (``route`` below, Wagtail's before_serve_page hook)."""
        if not path_components:
            return super().route(request, path_components)
        walked = {}

        def walk():
            try:
                walked["result"] = result = super(HomePage, self).route(request, path_components)
            except Http404:
                return None
            page, args, kwargs = result
            return (page._meta.label_lower, page.pk) if not args and not kwargs else None

        found = pagecache.shared("route", walk, self.pk, tuple(path_components))
        if "result" in walked:
            return walked["result"]
        if found:
            page = apps.get_model(found[0]).objects.filter(pk=found[1]).first()
            if page is not None and page.url_path == self.url_path + "/".join(path_components) + "/":
                return page.route(request, [])
        return super().route(request, path_components)

    def latest_pages(self, count=3):
        """The newest published items below home for the 'latest' block: pages whose model says
        `news_item = True` (coalitions, activities, articles, meetings, newsletters), never an overview page."""
        kinds = [model for model in get_page_models() if getattr(model, "news_item", False)]
        return (
            Page.objects.live()
            .public()
            .descendant_of(self)
            .type(*kinds)
            .order_by("-first_published_at")
            .specific()[:count]
        )


class ContentPage(Page):
    """A plain page: Over het netwerk, Missie, Spelregels, Toegankelijkheid. Apps above may add a section below
    the body (``{% page_sections page %}``): the Spelregels page shows the rules in force that way."""

    introduction = models.TextField(_("inleiding"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")


@register_setting(icon="mail")
class NetworkContactSettings(BaseSiteSetting):
    """The office is the face of the network: one phone number and one e-mail address."""

    office_name = models.CharField(_("naam"), max_length=100, default=_("Netwerkbureau"))
    phone = models.CharField(
        _("telefoonnummer"), max_length=30, default="030 123 45 67", validators=[phone_number]
    )
    email = models.EmailField(_("e-mailadres"), default="netwerkbureau@example.org")
    address = models.TextField(_("bezoekadres"), blank=True)

    panels = [FieldPanel("office_name"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")]

    class Meta:
        verbose_name = _("contactgegevens netwerkbureau")
