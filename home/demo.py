"""Demo pages: the home page and the content pages every visitor looks for."""

from datetime import datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page, Site

from .models import ContentPage, HomePage, NetworkContactSettings

MISSION = "Samen streven naar een maatschappij waarin niemand lijdt of overlijdt als gevolg van roken."

CONTENT_PAGES = [
    (
        "over-het-netwerk",
        "Over het netwerk",
        "Netwerk Nederland Rookvrij is een netwerk van organisaties die samenwerken aan een rookvrije samenleving.",
        [
            (
                "paragraph",
                "<p>De Alliantie Nederland Rookvrij groeit uit tot een netwerk. Het netwerk heeft geen "
                "rechtspersoon, geen bestuur en geen merk en verdeelt geen geld. Deelnemers spreken elkaar direct aan, "
                "niet via een centrale regisseur.</p>",
            ),
            ("heading", "Rollen"),
            (
                "paragraph",
                "<ul><li><b>Kernpartners</b> (5 tot 8) zijn samen verantwoordelijk voor het levend houden "
                "van het netwerk.</li><li><b>Partners</b> werken actief aan concrete activiteiten, alleen of in "
                "coalities.</li><li><b>Supporters</b> steunen de missie en blijven op de hoogte.</li></ul>",
            ),
            (
                "paragraph",
                "<p>Het eerste jaar is een transitiejaar: spelregels en werkwijzen veranderen als we "
                "samen leren.</p>",
            ),
        ],
        True,
    ),
    (
        "missie",
        "Missie",
        MISSION,
        [("paragraph", "<p>Iedereen die de missie steunt en de spelregels ondertekent, kan deelnemen.</p>")],
        True,
    ),
    (
        "spelregels",
        "Spelregels",
        "De spelregels zijn van alle deelnemers samen.",
        [
            (
                "paragraph",
                "<p>Het eerste jaar is een transitiejaar: de spelregels groeien mee met het netwerk. Hieronder "
                "staat de versie die nu geldt; eerdere versies en wat er veranderde vindt u in de "
                "versiegeschiedenis.</p>",
            ),
        ],
        True,
    ),
    (
        "toegankelijkheid",
        "Toegankelijkheid",
        "Wij willen dat iedereen deze website kan gebruiken.",
        [
            (
                "paragraph",
                "<p>Deze website is gebouwd volgens de WCAG 2.1 niveau AA: met een link naar de inhoud, "
                "zichtbare focus, voldoende contrast, formulieren met labels en foutmeldingen bij het veld, en zonder "
                "externe lettertypen of scripts.</p>",
            ),
            (
                "paragraph",
                "<p>Wat we testen: bij elke wijziging controleert een automatische test met axe-core in de "
                "browser Chromium elk soort pagina van de website (home, inhoudspagina's, coalities met filter, "
                "coalitie, activiteit, kennisbank, artikel, zoeken, agenda, bijeenkomst, nieuwsbrief, archief "
                "en uitgave, aanmelden, inloggen, de foutpagina, Mijn netwerk, de deelnemerslijst en "
                "netwerkgezondheid) en de formulieren voor aanmelden, de nieuwsbrief en bijeenkomsten, ook "
                "na een verzending met fouten. Getoetst wordt op WCAG 2.1 niveau A en AA en WCAG 2.2 niveau AA; "
                "de test slaagt alleen bij nul gevonden problemen. Een automatische test vindt niet alles: "
                "loopt u tegen iets aan, laat het ons weten.</p>",
            ),
            (
                "paragraph",
                "<p>Loopt u toch tegen een probleem aan? Neem contact op met het netwerkbureau; de "
                "contactgegevens staan onderaan elke pagina.</p>",
            ),
        ],
        False,
    ),
]


def index_page(model, parent, **fields):
    """An app's index page (/coalities/, /agenda/, ...): the first of its type, or a new one below `parent`,
    published. Every app's demo builds its part of the tree with it, so a second `load_demo` adds nothing."""
    index = model.objects.first()
    if index is None:
        index = model(**fields)
        parent.add_child(instance=index)
        index.save_revision().publish()
    return index


def published_on(page, day):
    """Date a demo page as first published on `day` (10:00), so lists of what is new mean something."""
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)


def load(command):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Netwerk Nederland Rookvrij", slug="home-nnr", body=_home_body())
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        old_root = site.root_page if site.pk else None
        url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = url.hostname or "localhost"
        site.port = url.port or (443 if url.scheme == "https" else 80)
        site.root_page, site.site_name = home, "Netwerk Nederland Rookvrij"
        site.save()
        if old_root and old_root.pk != home.pk and not old_root.specific_class == HomePage:
            old_root.delete()
    for slug, title, intro, body, in_menu in CONTENT_PAGES:
        if not ContentPage.objects.filter(slug=slug).exists():
            page = ContentPage(
                title=title,
                slug=slug,
                introduction=intro,
                body=body,
                show_in_menus=in_menu,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
    NetworkContactSettings.for_site(Site.objects.get(is_default_site=True))
    command.stdout.write("  pagina's: home, over het netwerk, missie, spelregels, toegankelijkheid")
    return home


def _home_body():
    return [
        (
            "intro",
            "<p>Organisaties die samenwerken aan een samenleving waarin niemand lijdt of overlijdt als gevolg "
            "van roken. Vind coalities bij u in de buurt, deel kennis en doe mee.</p>",
        ),
        ("mission", {"heading": "Onze missie", "statement": MISSION, "link_page": None}),
    ]
