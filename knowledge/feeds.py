"""RSS and Atom feeds of a knowledge index's published articles (served by the index page's routes)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

FEED_SIZE = 30


class ArticleFeed(Feed):
    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        return f"{index.title} · Netwerk Nederland Rookvrij"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.introduction or _("Nieuwe kennis, lessen en handreikingen uit het netwerk.")

    def items(self, index):
        return index.articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
