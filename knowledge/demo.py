"""Demo knowledge base: about 30 articles over themes and types, some from coalitions, one awaiting moderation."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from wagtail.models import Page

from coalitions.models import CoalitionPage
from home.demo import index_page, published_on
from home.models import HomePage
from network.access import contact_for
from network.models import Participant

from .editorial import ensure_editorial_setup
from .models import ArticleType, KnowledgeArticlePage, KnowledgeIndexPage

TYPES = [ArticleType.ARTICLE, ArticleType.LESSON, ArticleType.GUIDE, ArticleType.RESEARCH]
AUTHORS = [
    "Longfonds Rookvrij (demo)",
    "Kenniscentrum Tabakspreventie (demo)",
    "Sportbond Rookvrij Sporten (demo)",
    "Stichting Rookvrije Generatie (demo)",
    "GGD GHOR Netwerk (demo)",
    "Vereniging Huisartsen Rookvrij (demo)",
]
# title, summary, themes that fit it
SUBJECTS = [
    (
        "Rookvrije sportvereniging in vijf stappen",
        "Hoe een sportvereniging haar terrein rookvrij maakt.",
        ["sport", "jeugd"],
    ),
    (
        "Schoolpleinen rookvrij: wat werkt",
        "Ervaringen van scholen met een rookvrij schoolplein.",
        ["onderwijs", "jeugd"],
    ),
    (
        "Stoppen met roken via de huisarts",
        "De rol van de praktijkondersteuner bij stoppen met roken.",
        ["zorg", "stoppen met roken"],
    ),
    (
        "Rookvrije speeltuinen in de gemeente",
        "Gemeenten en speeltuinverenigingen maken speelplekken rookvrij.",
        ["gemeente", "buitenruimte"],
    ),
    (
        "Werkgevers en een rookvrij bedrijfsterrein",
        "Wat werkgevers kunnen doen voor rookvrij werken.",
        ["werkgevers"],
    ),
    ("Vapen onder jongeren", "Cijfers en signalen over e-sigaretten bij jongeren.", ["jeugd", "onderwijs"]),
    ("Rookvrije zorginstelling", "Ziekenhuizen en zorginstellingen die rookvrij werden.", ["zorg"]),
    ("Gesprekken langs de lijn", "Ouders en trainers aanspreken op roken bij de jeugd.", ["sport", "jeugd"]),
    (
        "Rookvrije buitenruimte in de binnenstad",
        "Terrassen, pleinen en haltes zonder rook.",
        ["buitenruimte", "gemeente"],
    ),
    (
        "Handreiking rookvrije kinderopvang",
        "Afspraken met ouders en medewerkers in de kinderopvang.",
        ["jeugd"],
    ),
    (
        "Onderzoek: draagvlak voor rookvrije terrassen",
        "Wat bewoners vinden van rookvrije terrassen.",
        ["buitenruimte", "gemeente"],
    ),
    (
        "Verslavingszorg en roken",
        "Roken bespreekbaar maken in de verslavingszorg.",
        ["zorg", "stoppen met roken"],
    ),
    ("Rookvrij zwembad", "Een zwembad maakt ingang en terras rookvrij.", ["sport", "buitenruimte"]),
    (
        "Stoppen met roken tijdens de zwangerschap",
        "Verloskundigen over begeleiding bij stoppen.",
        ["zorg", "stoppen met roken"],
    ),
    ("Rookvrije campus", "Hogescholen en universiteiten met een rookvrije campus.", ["onderwijs"]),
    (
        "Rookvrije wijkteams",
        "Wijkteams die bewoners helpen stoppen, zonder te oordelen.",
        ["gemeente", "stoppen met roken"],
    ),
    (
        "Stoppen met roken op het werk",
        "Een stoppen-met-rokenprogramma in werktijd: zo pakte een zorggroep het aan.",
        ["werkgevers", "stoppen met roken"],
    ),
    (
        "De rookvrije bushalte",
        "Vervoerders en gemeenten over rookvrije haltes en stations.",
        ["buitenruimte", "gemeente"],
    ),
    (
        "Jongeren maken zelf de regels",
        "Een jongerenraad schreef de rookvrije afspraken van de school.",
        ["jeugd", "onderwijs"],
    ),
    ("Rookvrije sportkantine", "Van asbak bij de deur naar een rookvrije kantine en tribune.", ["sport"]),
    (
        "Onderzoek: roken en sociale omgeving",
        "Waarom de omgeving meer doet dan een waarschuwing op het pakje.",
        ["jeugd", "gemeente"],
    ),
    (
        "Praktijkondersteuners over stoppen",
        "Wat werkt in het eerste gesprek over stoppen met roken.",
        ["zorg", "stoppen met roken"],
    ),
    (
        "Het rookvrije festival",
        "Organisatoren over rookvrije zones, handhaving en bezoekers.",
        ["buitenruimte", "jeugd"],
    ),
    ("Werkgevers en vapen", "Ook e-sigaretten in het rookbeleid: zo regelt u dat.", ["werkgevers"]),
    ("Rookvrij mbo", "Een mbo-school maakt terrein en stageplekken rookvrij.", ["onderwijs", "jeugd"]),
    (
        "Het gesprek met ouders",
        "Consultatiebureaus en scholen over roken thuis en in de auto.",
        ["jeugd", "zorg"],
    ),
    (
        "Handhaven zonder boetes",
        "Een gemeente over vriendelijk aanspreken en duidelijke bordjes.",
        ["gemeente", "buitenruimte"],
    ),
    (
        "Rookvrije ziekenhuisingang",
        "Patiënten, bezoekers en personeel: wie spreekt wie aan?",
        ["zorg", "buitenruimte"],
    ),
    ("Sportbonden en rookvrij", "Hoe een bond haar verenigingen helpt rookvrij te worden.", ["sport"]),
    (
        "Lessen uit tien jaar rookvrije schoolpleinen",
        "Wat scholen anders zouden doen als zij opnieuw begonnen.",
        ["onderwijs"],
    ),
]


def _index(home):
    index = index_page(
        KnowledgeIndexPage,
        home,
        title="Kennisbank",
        slug="kennis",
        show_in_menus=True,
        introduction="Kennis, lessen, handreikingen en onderzoek die deelnemers en coalities met elkaar delen.",
    )
    ensure_editorial_setup([index])
    return index


def _body(n, title):
    body = [
        (
            "paragraph",
            f"<p>{title}: een voorbeeld uit het netwerk om van te leren en op voort te bouwen.</p>",
        ),
        ("heading", "Wat we deden"),
        ("paragraph", "<p>We begonnen klein, met een paar enthousiaste mensen en duidelijke afspraken.</p>"),
    ]
    if n % 3 == 0:
        body.append(
            (
                "lesson",
                {
                    "situation": "<p>Er werd nog veel gerookt bij de ingang.</p>",
                    "approach": "<p>We plaatsten bordjes en spraken bezoekers vriendelijk aan.</p>",
                    "learned": "<p>Duidelijke communicatie vooraf voorkomt discussie achteraf.</p>",
                },
            )
        )
    if n % 4 == 0:
        body.append(
            (
                "call_out",
                {"heading": "Tip", "text": "<p>Betrek jongeren zelf bij het maken van de afspraken.</p>"},
            )
        )
    return body


def _articles(coalitions):
    """One article per subject (30), of the four types in turn, some from a coalition."""
    today = date(2026, 11, 1)
    rows = []
    for n, (title, summary, themes) in enumerate(SUBJECTS):
        coalition = coalitions[n % len(coalitions)] if coalitions and n % 3 == 1 else None
        activity = coalition.get_children().live().specific().first() if coalition else None
        rows.append(
            {
                "title": title,
                "summary": summary,
                "article_type": TYPES[n % len(TYPES)],
                "date": today - timedelta(days=9 * n),
                "tags": themes,
                "author": AUTHORS[n % len(AUTHORS)],
                "source_coalition": coalition,
                "source_activity": activity,
                "body": _body(n, title),
            }
        )
    return rows


def _coalitions():
    return list(CoalitionPage.objects.live().order_by("title"))


def load(command):
    home = HomePage.objects.first()
    if home is None:
        return None
    index = _index(home)
    User = get_user_model()
    office = User.objects.filter(username="bureau").first()
    created = 0
    for fields in _articles(_coalitions()):
        slug = slugify(fields["title"])
        if Page.objects.child_of(index).filter(slug=slug).exists():
            continue
        tags = fields.pop("tags")
        fields["author"] = Participant.objects.filter(name=fields["author"]).first()
        page = KnowledgeArticlePage(slug=slug, owner=office, **fields)
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision(user=office).publish(user=office)
        published_on(page, fields["date"])
        created += 1
    _pending_article(index)
    total = KnowledgeArticlePage.objects.live().count()
    command.stdout.write(
        f"  kennisbank: {total} gepubliceerde artikelen, 1 ter beoordeling ({created} nieuw)"
    )
    return index


def _pending_article(index):
    """The demo user `partner` shared a lesson that waits for the office's approval."""
    slug = "rookvrij-schoolplein-utrecht-onze-ervaringen"
    partner = get_user_model().objects.filter(username="partner").first()
    if partner is None or Page.objects.child_of(index).filter(slug=slug).exists():
        return
    contact = contact_for(partner)
    page = KnowledgeArticlePage(
        title="Rookvrij schoolplein Utrecht: onze ervaringen",
        slug=slug,
        summary="Wat drie Utrechtse basisscholen leerden bij het rookvrij maken van hun schoolplein.",
        article_type=ArticleType.LESSON,
        author=contact.participant if contact else None,
        owner=partner,
        live=False,
        body=_body(0, "Rookvrij schoolplein Utrecht"),
    )
    page.tags.add("onderwijs", "jeugd")
    index.add_child(instance=page)
    page.save_revision(user=partner)
    page.get_workflow().start(page, partner)
