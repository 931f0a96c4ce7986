"""Demo agenda: five meetings (past and upcoming, one nearly full, one open to anyone) with registrations."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from home.demo import index_page, published_on
from home.models import HomePage
from network.models import ContactPerson, Role

from .models import EventIndexPage, EventPage, Registration

PROGRAMME = [
    ("item", {"time": "13:30", "title": "Inloop met koffie", "speaker": "", "description": ""}),
    (
        "item",
        {
            "time": "14:00",
            "title": "Opening en stand van het netwerk",
            "speaker": "Netwerkbureau",
            "description": "",
        },
    ),
    (
        "item",
        {
            "time": "14:30",
            "title": "Coalities delen wat werkt",
            "speaker": "",
            "description": "Korte pitches, daarna in gesprek.",
        },
    ),
    ("item", {"time": "16:30", "title": "Afsluiting en borrel", "speaker": "", "description": ""}),
]

# slug, title, days from today, location, online link, capacity, open to everyone, registrations wanted
MEETINGS = [
    ("netwerkdag-vorige", "Netwerkdag {season}", -60, "Jaarbeurs, Utrecht", "", 80, False, 12),
    (
        "webinar-rookvrije-sportclub",
        "Webinar: de rookvrije sportclub",
        -20,
        "",
        "https://meet.example.org/sport",
        None,
        True,
        8,
    ),
    ("regiobijeenkomst-noord", "Regiobijeenkomst Noord", 12, "Stadhuis, Groningen", "", 10, False, 9),
    (
        "open-avond-rookvrije-generatie",
        "Open avond Rookvrije Generatie",
        25,
        "Bibliotheek, Zwolle",
        "https://meet.example.org/open",
        40,
        True,
        6,
    ),
    ("netwerkdag-volgende", "Netwerkdag {season}", 70, "Beatrix Theater, Utrecht", "", 120, False, 15),
]


# Regional meetings: who follows the region hears of them ("Nieuw in uw netwerk").
REGIONS = {"regiobijeenkomst-noord": "groningen", "open-avond-rookvrije-generatie": "ijsselland"}

SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "voorjaar", 4: "voorjaar", 5: "voorjaar"}


def _season(day):
    """The season a meeting falls in, for its title: a network day in February is no "najaar"."""
    return SEASONS.get(day.month, "zomer" if day.month <= 8 else "najaar") + f" {day.year}"


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def load(command):
    home = HomePage.objects.first()
    index = index_page(
        EventIndexPage,
        home,
        title="Agenda",
        slug="agenda",
        show_in_menus=True,
        introduction="Netwerkbrede bijeenkomsten: elkaar ontmoeten, van elkaar leren en samen verder.",
    )
    contacts = list(
        ContactPerson.objects.filter(participant__role__in=[Role.KERNPARTNER, Role.PARTNER])
        .select_related("participant")
        .order_by("pk")
    )
    for n, (slug, title, days, location, online, capacity, open_to_all, wanted) in enumerate(MEETINGS):
        event = EventPage.objects.filter(slug=slug).first()
        if event is None:
            event = EventPage(
                title=title.format(season=_season(_at(days, 14))),
                slug=slug,
                start=_at(days, 14),
                end=_at(days, 17),
                location=location,
                region=REGIONS.get(slug, ""),
                online_url=online,
                capacity=capacity,
                open_to_everyone=open_to_all,
                introduction="Een netwerkbrede bijeenkomst, georganiseerd door het netwerkbureau.",
                programme=PROGRAMME,
            )
            index.add_child(instance=event)
            event.save_revision().publish()
            published_on(event, min(event.start.date() - timedelta(days=42), timezone.localdate()))
        for contact in contacts[n * 3 : n * 3 + wanted]:
            Registration.objects.get_or_create(
                event=event,
                email=contact.email.lower(),
                defaults={
                    "name": contact.name,
                    "contact": contact,
                    "participant": contact.participant,
                    "organisation": contact.participant.name,
                },
            )
    command.stdout.write(
        f"  agenda: {EventPage.objects.count()} bijeenkomsten, {Registration.objects.count()} aanmeldingen"
    )
    return index
