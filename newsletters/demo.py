"""Demo newsletters: the sign-up page /nieuwsbrief/, an archive with two sent newsletters and one draft, and a
few public subscribers (example.org only). Idempotent."""

from datetime import timedelta

from django.utils import timezone

from home.demo import index_page
from home.models import HomePage
from network.models import ConsentRecord

from .forms import CONSENT_TEXT, CONSENT_VERSION
from .models import (
    Delivery,
    Mailing,
    NewsletterArchivePage,
    NewsletterIndexPage,
    NewsletterPage,
    Segment,
    Subscriber,
)

SUBSCRIBERS = [
    ("marieke.lezer@example.org", "Marieke", ["utrecht"]),
    ("johan.ouder@example.org", "Johan", ["amsterdam"]),
    ("sara.docent@example.org", "Sara", []),
    ("pieter.trainer@example.org", "Pieter", ["twente"]),
    ("fatima.verpleegkundige@example.org", "Fatima", ["rotterdam-rijnmond"]),
    ("onbevestigd@example.org", "", []),  # signed up, never confirmed: receives nothing
]
NEWSLETTERS = [
    (
        "nieuwsbrief-maart-2026",
        "Nieuwsbrief maart 2026",
        "Rookvrije sportclubs, nieuwe coalities en de netwerkdag.",
        [
            ("heading", "Welkom nieuwe deelnemers"),
            (
                "paragraph",
                "<p>Deze maand sloten twaalf nieuwe supporters zich aan bij het netwerk. Welkom!</p>",
            ),
            ("recent", {"heading": "Nieuwe kennis", "source": "articles", "count": 3, "days": None}),
            ("button", {"text": "Naar de kennisbank", "url": "http://127.0.0.1:8000/kennis/"}),
        ],
        40,
    ),
    (
        "nieuwsbrief-april-2026",
        "Nieuwsbrief april 2026",
        "Wat coalities deze maand deden.",
        [
            ("heading", "Uit de coalities"),
            (
                "paragraph",
                "<p>Coalities in het hele land werkten aan rookvrije schoolpleinen en speeltuinen.</p>",
            ),
            ("recent", {"heading": "Activiteiten", "source": "activities", "count": 3, "days": None}),
            ("recent", {"heading": "Agenda", "source": "events", "count": 3, "days": None}),
        ],
        10,
    ),
]


def load(command):
    home = HomePage.objects.first()
    index = index_page(
        NewsletterIndexPage,
        home,
        title="Nieuwsbrief",
        slug="nieuwsbrief",
        show_in_menus=True,
        introduction="Blijf op de hoogte van wat er in het netwerk gebeurt: één keer per maand, "
        "afmelden met één klik.",
    )
    archive = index_page(NewsletterArchivePage, index, title="Archief", slug="archief")

    now = timezone.now()
    public = Segment.standard("abonnees")
    for address, name, regions in SUBSCRIBERS:
        confirmed = now - timedelta(days=60) if name else None
        subscriber, created = Subscriber.objects.get_or_create(
            email=address,
            defaults={"name": name, "is_public": True, "confirmed_at": confirmed, "regions": regions},
        )
        if confirmed and not ConsentRecord.objects.filter(email=address, purpose="nieuwsbrief").exists():
            ConsentRecord.objects.create(
                email=address, purpose="nieuwsbrief", text=str(CONSENT_TEXT), text_version=CONSENT_VERSION
            )

    for slug, title, preheader, body, days_ago in NEWSLETTERS:
        if NewsletterPage.objects.filter(slug=slug).exists():
            continue
        page = NewsletterPage(title=title, slug=slug, preheader=preheader, body=body)
        archive.add_child(instance=page)
        page.save_revision().publish()
        sent_at = now - timedelta(days=days_ago)
        NewsletterPage.objects.filter(pk=page.pk).update(
            first_published_at=sent_at, last_published_at=sent_at
        )
        page.segments.set([public])
        sent_to = [address for address, name, _regions in SUBSCRIBERS if name]
        mailing = Mailing.objects.create(
            newsletter=page,
            status=Mailing.Status.SENT,
            subject=title,
            audience=[
                {
                    "id": public.pk,
                    "name": public.name,
                    "description": public.describe(),
                    "count": len(sent_to),
                }
            ],
            confirmed_count=len(sent_to),
            ledger_complete=True,
            started_at=sent_at,
            finished_at=sent_at + timedelta(minutes=3),
        )
        Delivery.objects.bulk_create(
            [
                Delivery(
                    mailing=mailing,
                    email=address,
                    status=Delivery.Status.SENT,
                    sent_at=sent_at,
                    segment=public,
                )
                for address in sent_to
            ]
        )

    if not NewsletterPage.objects.filter(slug="nieuwsbrief-mei-2026").exists():
        draft = NewsletterPage(
            title="Nieuwsbrief mei 2026 (concept)",
            slug="nieuwsbrief-mei-2026",
            preheader="Concept: nog niet verstuurd.",
            body=[
                ("paragraph", "<p>Het netwerkbureau werkt aan deze nieuwsbrief.</p>"),
                (
                    "recent",
                    {"heading": "Nieuw in de kennisbank", "source": "articles", "count": 5, "days": 31},
                ),
            ],
            live=False,
        )
        archive.add_child(instance=draft)
        draft.save_revision()
    command.stdout.write(
        "Nieuwsbrieven: aanmeldpagina, archief met twee verstuurde nieuwsbrieven en een concept."
    )
