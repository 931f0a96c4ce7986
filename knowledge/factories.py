"""Test data: the knowledge index below the site's home page and articles (one or hundreds)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from home.factories import site_home

from .models import ArticleTag, ArticleType, KnowledgeArticlePage, KnowledgeIndexPage


def knowledge_index(**fields):
    """The knowledge index at /kennis/ (creating it also sets up its permissions and moderation workflow)."""
    existing = KnowledgeIndexPage.objects.filter(slug="kennis").first()
    if existing:
        return existing
    fields.setdefault("title", "Kennisbank")
    fields.setdefault("slug", "kennis")
    fields.setdefault("show_in_menus", True)
    return site_home().add_child(instance=KnowledgeIndexPage(**fields))


def article(index, title, *, tags=(), live=True, **fields):
    """One article below `index`, published through a revision like an editor would (unless live=False)."""
    fields.setdefault("summary", f"Samenvatting van {title}.")
    fields.setdefault("slug", slugify(title)[:80])
    page = KnowledgeArticlePage(title=title, live=live, **fields)
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def bulk_articles(index, count, *, tags=("sport", "onderwijs"), prefix="Artikel", **fields):
    """Many published articles in a handful of queries, for list and query-count tests.

    Django cannot bulk-insert multi-table models, so the page rows are bulk-created first and the article rows
    inserted with the queryset's low-level insert. No revisions, no search-index entries (use `article` for
    pages that must be found by search).
    """
    last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    first = KnowledgeArticlePage._str2int(last.path[-KnowledgeArticlePage.steplen :]) + 1 if last else 1
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(KnowledgeArticlePage)
    numbers = range(first, first + count)
    base_pages = Page.objects.bulk_create(
        [
            Page(
                title=f"{prefix} {number}",
                slug=f"{slugify(prefix)}-{number}",
                path=Page._get_path(index.path, index.depth + 1, number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slugify(prefix)}-{number}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
                content_type=content_type,
                locale_id=index.locale_id,
                draft_title=f"{prefix} {number}",
            )
            for number in numbers
        ]
    )
    articles = [
        KnowledgeArticlePage(
            page_ptr_id=base.pk,
            summary=f"Samenvatting van {base.title.lower()}.",
            article_type=ArticleType.values[number % len(ArticleType.values)],
            date=now.date() - datetime.timedelta(days=number),
            **fields,
        )
        for base, number in zip(base_pages, numbers, strict=True)
    ]
    KnowledgeArticlePage._base_manager._insert(
        articles, fields=KnowledgeArticlePage._meta.local_concrete_fields
    )
    tag_objects = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in tags]
    ArticleTag.objects.bulk_create(
        [ArticleTag(content_object_id=base.pk, tag=tag) for base in base_pages for tag in tag_objects]
    )
    index.numchild = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild)
    return KnowledgeArticlePage.objects.filter(pk__in=[base.pk for base in base_pages])
