"""Generate a large network for load tests: participants, coalitions (with members and themes) and knowledge
articles, fast, with bulk inserts instead of one Wagtail save per page.

    manage.py create_random_data --coalitions 1000 --articles 5000 --participants 2000 --applications 1000

Idempotent-ish: generated objects have recognisable names/slugs ("willekeurig-..."); a second run only adds
what is missing to reach the requested numbers. Needs the demo site (`load_demo`) for the index pages.
Pages are inserted live without revisions and added to the search index in bulk; no role history or
editor groups are written (this is load-test data, not a realistic network). The first generated coalition
has `--big-coalition` members (its edit view at scale); applications wait in the screening queue, so the
office's Taken lists hold that many tasks.
"""

import random

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from coalitions.models import (
    CoalitionIndexPage,
    CoalitionKind,
    CoalitionMembership,
    CoalitionPage,
    CoalitionTag,
)
from knowledge.models import ArticleTag, ArticleType, KnowledgeArticlePage, KnowledgeIndexPage
from network.models import Participant, Role, Sector
from network.regions import GGDRegion
from onboarding.flows import OnboardingFlow
from onboarding.models import Application

PREFIX = "willekeurig"
BATCH = 500
THEMES = ["sport", "onderwijs", "zorg", "werk", "jeugd", "gemeente", "vapen", "stoppen", "buitenruimte"]
WORDS = (
    "rookvrij samen school sportclub gemeente jongeren zorg ouders stoppen vapen preventie speelplaats "
    "werkvloer wijk campagne onderzoek richtlijn huisarts apotheek verslaving gezondheid generatie"
).split()


def _sentence(rng, n=12):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _page_fields():
    """The concrete fields of wagtailcore.Page (copied from a specific page into its base row)."""
    return [f for f in Page._meta.concrete_fields if not f.primary_key]


def bulk_add_children(parent, pages):
    """Insert unsaved specific pages as live children of parent: treebeard paths computed here, one INSERT
    per batch for the base rows and one for the specific rows, then the search index in bulk."""
    if not pages:
        return []
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    locale = parent.locale if parent.locale_id else Locale.get_default()
    children = Page.objects.child_of(parent)  # parent.get_children() would look only at its own page type
    last = children.order_by("-path").first()
    position = int(last.path[-Page.steplen :], 36) if last else 0
    now = timezone.now()
    base_fields, own_fields = _page_fields(), list(model._meta.local_concrete_fields)
    for number, page in enumerate(pages, start=position + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, number)
        page.depth = parent.depth + 1
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale = locale
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        rows = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in batch]
        Page.objects.bulk_create(rows)
        for page, row in zip(batch, rows, strict=True):
            page.pk = page.page_ptr_id = row.pk
        model._base_manager._insert(batch, fields=own_fields, using=connection.alias)
    parent.numchild = children.count()
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
    saved = list(model.objects.filter(pk__in=[p.pk for p in pages]))
    get_search_backend().add_bulk(model, saved)
    return saved


def bulk_screening_tasks(applications):
    """Insert unsaved applications (Viewflow processes, a multi-table model Django cannot bulk-create) each
    with its open screening task, as if the applicant had confirmed the e-mail address."""
    processes = Process.objects.bulk_create(
        [Process(flow_class=a.flow_class, status=a.status) for a in applications], batch_size=BATCH
    )
    for application, process in zip(applications, processes, strict=True):
        application.pk = application.process_ptr_id = process.pk
        application.created = process.created
    for start in range(0, len(applications), BATCH):
        Application._base_manager._insert(
            applications[start : start + BATCH],
            fields=list(Application._meta.local_concrete_fields),
            using=connection.alias,
        )
    Task.objects.bulk_create(
        [
            Task(
                process_id=a.pk,
                flow_task=OnboardingFlow.screening,
                flow_task_type="HUMAN",
                status=STATUS.NEW,
                owner_permission="onboarding.screen_application",
            )
            for a in applications
        ],
        batch_size=BATCH,
    )


def _tag(tags, through, pages, rng):
    through.objects.bulk_create(
        [through(tag=rng.choice(tags), content_object_id=page.pk) for page in pages], batch_size=BATCH
    )


class Command(BaseCommand):
    help = (
        "Maakt een grote willekeurige netwerkdataset voor belastingtests (coalities, artikelen, deelnemers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--coalitions", type=int, default=1000)
        parser.add_argument("--articles", type=int, default=5000)
        parser.add_argument("--participants", type=int, default=2000)
        parser.add_argument("--applications", type=int, default=1000, help="open screening tasks")
        parser.add_argument("--big-coalition", type=int, default=50, help="members of the first coalition")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, coalitions, articles, participants, applications, big_coalition, seed, **options):
        coalition_index = CoalitionIndexPage.objects.first()
        knowledge_index = KnowledgeIndexPage.objects.first()
        if coalition_index is None or knowledge_index is None:
            raise CommandError(
                "Geen coalitie- of kennisbankpagina gevonden; draai eerst manage.py load_demo."
            )
        rng = random.Random(seed)
        tags = [Tag.objects.get_or_create(name=name, defaults={"slug": name})[0] for name in THEMES]

        with transaction.atomic():
            existing = Participant.objects.filter(name__startswith="Willekeurige deelnemer ").count()
            new = [
                Participant(
                    name=f"Willekeurige deelnemer {n:05d}",
                    sector=rng.choice(Sector.values),
                    region=rng.choice(GGDRegion.values),
                    role=rng.choice([Role.PARTNER, Role.PARTNER, Role.SUPPORTER]),
                    description=_sentence(rng),
                )
                for n in range(existing + 1, participants + 1)
            ]
            Participant.objects.bulk_create(new, batch_size=BATCH)
            if new:
                get_search_backend().add_bulk(
                    Participant, Participant.objects.filter(name__startswith="Willekeurige deelnemer ")
                )
            participant_ids = list(
                Participant.objects.filter(name__startswith="Willekeurige deelnemer ").values_list(
                    "pk", flat=True
                )
            )
            self.stdout.write(f"deelnemers: {len(new)} nieuw, {len(participant_ids)} in totaal")

            existing = CoalitionPage.objects.filter(slug__startswith=f"{PREFIX}-").count()
            pages = []
            for n in range(existing + 1, coalitions + 1):
                kind = rng.choice(CoalitionKind.values)
                pages.append(
                    CoalitionPage(
                        title=f"Coalitie {rng.choice(WORDS)} {n}",
                        slug=f"{PREFIX}-coalitie-{n:05d}",
                        kind=kind,
                        region=rng.choice(GGDRegion.values),
                        goal=_sentence(rng),
                        description=f"<p>{_sentence(rng, 40)}</p>",
                        contact_email=f"coalitie{n}@example.org",
                    )
                )
            saved_coalitions = bulk_add_children(coalition_index, pages)
            big = f"{PREFIX}-coalitie-00001"
            _tag(tags, CoalitionTag, saved_coalitions, rng)
            if participant_ids:
                CoalitionMembership.objects.bulk_create(
                    [
                        CoalitionMembership(page_id=page.pk, participant_id=pid, sort_order=i)
                        for page in saved_coalitions
                        for i, pid in enumerate(
                            rng.sample(
                                participant_ids,
                                min(big_coalition if page.slug == big else 3, len(participant_ids)),
                            )
                        )
                    ],
                    batch_size=BATCH,
                )
            self.stdout.write(f"coalities: {len(saved_coalitions)} nieuw")

            coalition_ids = list(CoalitionPage.objects.values_list("pk", flat=True))
            existing = KnowledgeArticlePage.objects.filter(slug__startswith=f"{PREFIX}-").count()
            today = timezone.localdate()
            pages = [
                KnowledgeArticlePage(
                    title=f"Kennis over {rng.choice(WORDS)} en {rng.choice(WORDS)} {n}",
                    slug=f"{PREFIX}-artikel-{n:05d}",
                    summary=_sentence(rng, 25),
                    article_type=rng.choice(ArticleType.values),
                    date=today - timezone.timedelta(days=rng.randrange(1500)),
                    author_id=rng.choice(participant_ids) if participant_ids else None,
                    source_coalition_id=rng.choice(coalition_ids)
                    if coalition_ids and rng.random() < 0.5
                    else None,
                )
                for n in range(existing + 1, articles + 1)
            ]
            saved_articles = bulk_add_children(knowledge_index, pages)
            _tag(tags, ArticleTag, saved_articles, rng)
            self.stdout.write(f"kennisartikelen: {len(saved_articles)} nieuw")

            existing = Application.objects.filter(
                organisation_name__startswith="Willekeurige aanvrager "
            ).count()
            new = [
                Application(
                    flow_class=OnboardingFlow,
                    status=STATUS.NEW,
                    organisation_name=f"Willekeurige aanvrager {n:05d}",
                    sector=rng.choice(Sector.values),
                    region=rng.choice(GGDRegion.values),
                    contact_name=f"Contact {n}",
                    email=f"aanvrager{n}@example.org",
                    motivation=_sentence(rng),
                    email_confirmed_at=timezone.now(),
                )
                for n in range(existing + 1, applications + 1)
            ]
            bulk_screening_tasks(new)
            self.stdout.write(f"aanmeldingen in de screening: {len(new)} nieuw")
