"""Demo coalitions: about 20 over all kinds, with activities and members, and the log-in `coalitie`.

`coalitie` is a contact of "Voetbalvereniging Zwolle", trekker of exactly one coalition, so it edits exactly
that one. The demo user `partner` (GGD-team Utrecht) is lid of one coalition and invited to another.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from home.demo import index_page, published_on
from home.models import HomePage
from network.access import contact_for
from network.demo import DEMO_PASSWORD
from network.models import ContactPerson, Participant, Role

from .choices import CoalitionKind
from .models import (
    ActivityPage,
    CoalitionIndexPage,
    CoalitionMembership,
    CoalitionPage,
    CoalitionUpdate,
    ExternalMember,
    MemberRole,
    MembershipStatus,
)

EDITOR_PARTICIPANT = "Voetbalvereniging Zwolle"
EDITOR_COALITION = "rookvrij-sporten-zwolle"
PARTNER_PARTICIPANT = "GGD-team Utrecht"
PARTNER_COALITION = "rookvrije-generatie-utrecht"
# The partner's organisation is invited to this one and has not answered yet (see it on /mijn/ as `partner`).
INVITATION_COALITION = "rookvrij-groningen"

# slug, title, kind, region, city, organisation type, themes, goal
COALITIONS = [
    (
        "rookvrije-generatie-utrecht",
        "Rookvrije Generatie Utrecht",
        "regio",
        "utrecht",
        "Utrecht",
        "",
        ["jeugd", "speelplekken"],
        "Alle speelplekken en schoolpleinen in de regio Utrecht rookvrij in 2027.",
    ),
    (
        "rookvrij-sporten-zwolle",
        "Rookvrij Sporten Zwolle",
        "regio",
        "ijsselland",
        "Zwolle",
        "",
        ["sport", "jeugd"],
        "Elke sportvereniging in Zwolle heeft een rookvrij terrein.",
    ),
    (
        "rookvrij-groningen",
        "Rookvrij Groningen",
        "regio",
        "groningen",
        "Groningen",
        "",
        ["gemeente", "buitenruimte"],
        "Meer rookvrije buitenruimtes in de provincie Groningen.",
    ),
    (
        "samen-rookvrij-amsterdam",
        "Samen Rookvrij Amsterdam",
        "regio",
        "amsterdam",
        "Amsterdam",
        "",
        ["wijkaanpak", "ongelijkheid"],
        "Minder rokers in Amsterdamse wijken met de meeste gezondheidsachterstand.",
    ),
    (
        "rotterdam-stopt",
        "Rotterdam Stopt",
        "regio",
        "rotterdam-rijnmond",
        "Rotterdam",
        "",
        ["stoppen met roken", "wijkaanpak"],
        "Rotterdammers die willen stoppen vinden de juiste hulp dichtbij huis.",
    ),
    (
        "rookvrij-twente",
        "Rookvrij Twente",
        "regio",
        "twente",
        "Enschede",
        "",
        ["werkgevers"],
        "Twentse werkgevers bieden hun medewerkers een rookvrije werkplek en hulp bij stoppen.",
    ),
    (
        "brabant-rookvrij",
        "Brabant Rookvrij",
        "regio",
        "hart-voor-brabant",
        "'s-Hertogenbosch",
        "",
        ["jeugd", "onderwijs"],
        "Geen jongere in Midden-Brabant begint met roken of vapen.",
    ),
    (
        "rookvrij-zuid-limburg",
        "Rookvrij Zuid-Limburg",
        "regio",
        "zuid-limburg",
        "Maastricht",
        "",
        ["grensregio"],
        "Samen met Belgische en Duitse partners werken aan een rookvrije grensregio.",
    ),
    (
        "rookvrije-zeeuwse-stranden",
        "Rookvrije Zeeuwse Stranden",
        "regio",
        "zeeland",
        "",
        "",
        ["buitenruimte", "toerisme"],
        "Rookvrije stranden langs de hele Zeeuwse kust.",
    ),
    (
        "vrijwilligersorganisaties-rookvrij",
        "Vrijwilligersorganisaties rookvrij",
        "thema",
        "",
        "",
        "",
        ["vrijwilligers", "sport"],
        "Organisaties die draaien op vrijwilligers helpen rookvrij te worden.",
    ),
    (
        "rookvrije-zwangerschap",
        "Rookvrije zwangerschap",
        "thema",
        "",
        "",
        "",
        ["zwangerschap", "stoppen met roken"],
        "Iedere zwangere en haar partner krijgt hulp bij stoppen volgens de richtlijn.",
    ),
    (
        "vapen-onder-jongeren",
        "Vapen onder jongeren",
        "thema",
        "",
        "",
        "",
        ["vapen", "jeugd", "onderwijs"],
        "Scholen en ouders weten hoe ze vapen onder jongeren kunnen voorkomen.",
    ),
    (
        "rookvrije-terrassen",
        "Rookvrije terrassen",
        "thema",
        "",
        "",
        "",
        ["horeca", "buitenruimte"],
        "Meer gemeenten en horecaondernemers kiezen voor rookvrije terrassen.",
    ),
    (
        "stoppen-in-de-wijk",
        "Stoppen in de wijk",
        "thema",
        "",
        "",
        "",
        ["stoppen met roken", "ongelijkheid", "wijkaanpak"],
        "Laagdrempelige stopondersteuning in wijken waar veel mensen roken.",
    ),
    (
        "rookvrije-zorg",
        "Rookvrije zorg",
        "thema",
        "",
        "",
        "",
        ["zorg", "werkgevers"],
        "Ziekenhuizen en zorginstellingen hebben een volledig rookvrij terrein.",
    ),
    (
        "sportclubs-rookvrij",
        "Sportclubs Rookvrij",
        "type_organisatie",
        "",
        "",
        "sport",
        ["sport", "vrijwilligers"],
        "Sportbonden en clubs delen wat werkt om een rookvrij sportpark te krijgen.",
    ),
    (
        "scholen-tegen-roken",
        "Scholen tegen roken",
        "type_organisatie",
        "",
        "",
        "onderwijs",
        ["onderwijs", "vapen"],
        "Rookvrije schoolterreinen en lessen over roken en vapen op elke school.",
    ),
    (
        "zorgprofessionals-voor-rookvrij",
        "Zorgprofessionals voor Rookvrij",
        "type_organisatie",
        "",
        "",
        "zorg",
        ["zorg", "stoppen met roken"],
        "Elke zorgverlener vraagt naar roken en verwijst door naar bewezen stophulp.",
    ),
    (
        "gemeenten-rookvrij",
        "Gemeenten Rookvrij",
        "type_organisatie",
        "",
        "",
        "gemeente",
        ["gemeente", "buitenruimte"],
        "Gemeenten leren van elkaar hoe ze rookvrije buitenruimtes regelen.",
    ),
    (
        "werkgevers-rookvrij",
        "Werkgevers Rookvrij",
        "type_organisatie",
        "",
        "",
        "werkgever",
        ["werkgevers"],
        "Werkgevers maken hun bedrijf rookvrij en helpen medewerkers stoppen.",
    ),
]
ACTIVITIES = [
    (
        "Startbijeenkomst",
        ActivityPage.Status.DONE,
        -200,
        -200,
        "De partners spraken af wat zij het eerste jaar samen willen bereiken.",
        "Een gezamenlijk plan met drie speerpunten.",
        "Begin klein en vier de eerste successen.",
    ),
    (
        "Inventarisatie in de regio",
        ActivityPage.Status.DONE,
        -150,
        -90,
        "We brachten in kaart welke plekken al rookvrij zijn.",
        "Een overzicht van 40 locaties.",
        "Vraag gemeenten vroeg om gegevens.",
    ),
    (
        "Campagne rookvrije plekken",
        ActivityPage.Status.RUNNING,
        -30,
        60,
        "Bordjes, social media en gesprekken met beheerders.",
        "",
        "",
    ),
    (
        "Kennissessie voor partners",
        ActivityPage.Status.PLANNED,
        45,
        45,
        "Een sessie om ervaringen te delen met andere coalities.",
        "",
        "",
    ),
]


def _pool():
    reserved = [EDITOR_PARTICIPANT, PARTNER_PARTICIPANT]
    return list(
        Participant.objects.filter(
            role__in=[Role.PARTNER, Role.KERNPARTNER], status=Participant.Status.ACTIVE
        )
        .exclude(name__in=reserved)
        .order_by("name")
    )


# How a coalition works, by kind; the goal itself is shown above the description.
DESCRIPTIONS = {
    CoalitionKind.REGION: "<p>In {title} werken gemeente, GGD, scholen en zorg in {where} samen. Vier keer per jaar "
    "komen de deelnemers bij elkaar; daartussen pakken zij in kleine groepen een activiteit op.</p>",
    CoalitionKind.THEME: "<p>{title} brengt organisaties uit het hele land samen rond één thema. De trekkers "
    "verzamelen wat werkt en delen het in de kennisbank; nieuwe deelnemers zijn welkom.</p>",
    CoalitionKind.ORGANISATION_TYPE: "<p>{title} is er voor organisaties van hetzelfde type. Zij leren van elkaars "
    "aanpak en spreken af wat zij samen willen bereiken.</p>",
}


def load(command):
    home = HomePage.objects.first()
    if home is None:
        return
    index = index_page(
        CoalitionIndexPage,
        home,
        title="Coalities",
        slug="coalities",
        show_in_menus=True,
        introduction="Coalities ontstaan van onderop: deelnemers werken samen aan concrete activiteiten, "
        "per regio, per thema of per type organisatie. Elke coalitie deelt haar doel en activiteiten.",
    )
    rng = random.Random(2026)
    pool = _pool()
    today = date(2026, 6, 1)
    for n, (slug, title, kind, region, city, org_type, themes, goal) in enumerate(COALITIONS):
        if CoalitionPage.objects.filter(slug=slug).exists():
            continue
        page = CoalitionPage(
            title=title,
            slug=slug,
            kind=kind,
            region=region,
            city=city,
            organisation_type=org_type,
            goal=goal,
            description=DESCRIPTIONS[kind].format(title=title, where=city or "de regio"),
            colour=rng.choice(["#005a46", "#0b4f8a", "#7a2e8e", "#a3461b", "#2f6b2f"]),
            contact_email=f"{slug}@example.org",
        )
        page.themes.add(*themes)
        members = rng.sample(pool, 4)
        started = today - timedelta(days=rng.randint(300, 700))  # coalitions began over the last two years
        rows = [CoalitionMembership(participant=members[0], role=MemberRole.TREKKER, joined_on=started)]
        rows += [
            CoalitionMembership(
                participant=p,
                role=MemberRole.MEMBER,
                joined_on=started + timedelta(days=rng.randint(0, (today - started).days)),
            )
            for p in members[1:]
        ]
        if slug == EDITOR_COALITION:
            rows[0] = CoalitionMembership(
                participant=Participant.objects.get(name=EDITOR_PARTICIPANT), role=MemberRole.TREKKER
            )
        if slug == PARTNER_COALITION:
            rows.append(
                CoalitionMembership(
                    participant=Participant.objects.get(name=PARTNER_PARTICIPANT), role=MemberRole.MEMBER
                )
            )
        if slug == INVITATION_COALITION:
            rows.append(
                CoalitionMembership(
                    participant=Participant.objects.get(name=PARTNER_PARTICIPANT),
                    role=MemberRole.MEMBER,
                    status=MembershipStatus.INVITED,
                )
            )
        page.memberships = rows
        if slug == PARTNER_COALITION:
            page.logo = _demo_logo(title, page.colour)  # the demo's one uploaded image (served from /media/)
        if n % 3 == 0:
            page.external_members = [
                ExternalMember(
                    name="Jeugdraad (demo)",
                    organisation="Jongerenplatform",
                    email=f"jeugd-{slug}@example.org",
                )
            ]
        index.add_child(instance=page)
        page.save_revision().publish()
        published_on(page, started)
        shift = rng.randint(-45, 45)  # not every coalition does the same thing on the same day
        for title_, status, start, end, done, results, lessons in ACTIVITIES[: 1 + n % 4]:
            activity = ActivityPage(
                title=f"{title_} {title}",
                status=status,
                start_date=today + timedelta(days=start + shift),
                end_date=today + timedelta(days=end + shift),
                summary=done,
                what_was_done=f"<p>{done}</p>",
                results=f"<p>{results}</p>" if results else "",
                lessons_learned=f"<p>{lessons}</p>" if lessons else "",
            )
            page.add_child(instance=activity)
            activity.save_revision().publish()
            published_on(activity, min(activity.start_date, today))
    _editor_login(DEMO_PASSWORD)
    _sent_updates(today)
    command.stdout.write(
        f"  coalities: {CoalitionPage.objects.count()}, activiteiten: {ActivityPage.objects.count()}"
    )


def _demo_logo(title, colour):
    """A logo drawn here (a white ring on the coalition's colour), as if the trekker had uploaded one."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    picture = PILImage.new("RGB", (320, 320), colour)
    ImageDraw.Draw(picture).ellipse((60, 60, 260, 260), outline="white", width=28)
    data = BytesIO()
    picture.save(data, "PNG")
    return get_image_model().objects.create(
        title=f"Logo {title}", file=ImageFile(data, name="logo-rookvrije-generatie-utrecht.png")
    )


def _editor_login(password):
    """The demo log-in `coalitie`: a contact of the one coalition's trekker, so it edits exactly that one."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="coalitie", defaults={"email": "coalitie@example.org", "first_name": "Coalitie"}
    )
    if created:
        user.set_password(password)
        user.save()
    participant = Participant.objects.get(name=EDITOR_PARTICIPANT)
    if contact_for(user) is None:
        ContactPerson.objects.update_or_create(
            participant=participant, email=user.email, defaults={"name": "Demo coalitie", "user": user}
        )


# The editor's coalition wrote to its members twice: one update public, one for the members only (issue 19.4).
SENT_UPDATES = [
    (
        "Terugblik op het eerste seizoen",
        "Beste leden,\n\nDit seizoen werden drie sportparken in Zwolle rookvrij. Dank voor jullie inzet!\n\n"
        "Meer lezen: https://www.rookvrijegeneratie.nl",
        CoalitionUpdate.Visibility.PUBLIC,
        40,
    ),
    (
        "Agenda voor het volgende overleg",
        "Beste leden,\n\nWe bespreken de borden bij de ingang en de aanpak voor de kantine. "
        "Reageer op deze e-mail als u een punt wilt toevoegen.",
        CoalitionUpdate.Visibility.MEMBERS,
        10,
    ),
]


def _sent_updates(today):
    """Archived as sent (the demo sends no mail); idempotent by subject."""
    from datetime import datetime, time

    from django.utils import timezone

    from .updates import recipients

    coalition = CoalitionPage.objects.filter(slug=EDITOR_COALITION).first()
    if coalition is None:
        return
    count = len(recipients(coalition))
    for subject, text, visibility, days_ago in SENT_UPDATES:
        when = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10)))
        CoalitionUpdate.objects.get_or_create(
            coalition=coalition,
            subject=subject,
            defaults={
                "text": text,
                "visibility": visibility,
                "status": CoalitionUpdate.Status.SENT,
                "created_at": when,
                "sent_at": when,
                "recipient_count": count,
            },
        )
