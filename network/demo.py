"""Demo participants: 7 core partners, about 40 partners and 60 supporters, and a log-in per role."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from .access import contact_for
from .forms import record_data_sharing
from .models import ContactPerson, Participant, Role, RoleChange, Sector
from .regions import GGD_REGIONS
from .roles import OFFICE, ensure_groups

DEMO_PASSWORD = "nnr-demo-2026"  # of every demo account (printed by load_demo); never use it for a real one

CORE = [
    ("Longfonds Rookvrij (demo)", Sector.HEALTH_FUND),
    ("Hartstichting Rookvrij (demo)", Sector.HEALTH_FUND),
    ("Stichting Rookvrije Generatie (demo)", Sector.SOCIETY),
    ("GGD GHOR Netwerk (demo)", Sector.GGD),
    ("Vereniging Huisartsen Rookvrij (demo)", Sector.PROFESSIONAL_BODY),
    ("Kenniscentrum Tabakspreventie (demo)", Sector.KNOWLEDGE),
    ("Sportbond Rookvrij Sporten (demo)", Sector.SPORTS),
]
PARTNER_KINDS = [
    (Sector.GGD, "GGD-team {city}"),
    (Sector.MUNICIPALITY, "Gemeente {city}"),
    (Sector.EDUCATION, "Scholengroep {city}"),
    (Sector.SPORTS, "Voetbalvereniging {city}"),
    (Sector.CARE, "Zorggroep {city}"),
    (Sector.PROFESSIONAL_BODY, "Praktijkondersteuners {city}"),
    (Sector.SOCIETY, "Welzijn {city}"),
    (Sector.EMPLOYER, "Werkgeversnetwerk {city}"),
]
SUPPORTER_KINDS = [
    (Sector.SPORTS, "Hockeyclub {city}"),
    (Sector.EDUCATION, "Basisschool De Linde {city}"),
    (Sector.CARE, "Apotheek {city}"),
    (Sector.SOCIETY, "Buurthuis {city}"),
    (Sector.OTHER, "Ouderinitiatief {city}"),
]
FIRST = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Imre",
    "Joost",
    "Karin",
    "Lotte",
    "Mohamed",
    "Noor",
    "Okke",
    "Priya",
    "Roel",
    "Sanne",
    "Tim",
    "Yara",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "El Amrani",
    "Yilmaz",
    "Kramer",
]

# username -> (participant name or None, role group, is_superuser)
DEMO_USERS = {
    "admin": (None, None, True),
    "bureau": (None, OFFICE, False),
    "kernpartner": ("Stichting Rookvrije Generatie (demo)", None, False),
    "partner": ("GGD-team Utrecht", None, False),
    "supporter": ("Hockeyclub Amsterdam", None, False),
}


def _slug(text):
    return "".join(c for c in text.lower() if c.isalnum())[:30]


def _participant(name, sector, role, region, rng):
    participant, created = Participant.objects.get_or_create(
        name=name,
        defaults={
            "sector": sector,
            "role": role,
            "region": region,
            "website": f"https://{_slug(name)}.example.org",
            "description": f"{name} zet zich in voor een rookvrije omgeving.",
        },
    )
    if created:
        _joined(participant, timezone.localdate() - timedelta(days=rng.randint(20, 730)))
        _grew_into_role(participant)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        contact = ContactPerson.objects.create(
            participant=participant,
            name=person,
            email=f"{_slug(person)}@{_slug(name)}.example.org",
            phone=f"06 {rng.randint(10000000, 99999999)}",
            is_primary=True,
        )
        if rng.random() < 0.67:
            _consent(contact)
    return participant


def _joined(participant, day):
    """Members joined over the last two years, not all on the day the demo was loaded: the directory's "lid
    sinds", the role history and the health charts then mean something."""
    Participant.objects.filter(pk=participant.pk).update(joined_on=day)
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    RoleChange.objects.filter(participant=participant).update(changed_at=moment)
    participant.joined_on = day


# Some started in a lighter role and took on more later, so the health page's roles over time move.
EARLIER_ROLE = {Role.PARTNER: Role.SUPPORTER, Role.KERNPARTNER: Role.PARTNER}


def _grew_into_role(participant):
    """A third of the partners were supporters first, and core partners partners (history only)."""
    earlier = EARLIER_ROLE.get(participant.role)
    history = random.Random(participant.name)  # its own dice: the other demo data stays as it was
    days = (timezone.localdate() - participant.joined_on).days
    if earlier is None or days < 60 or history.random() > 0.35:
        return
    RoleChange.objects.filter(participant=participant).update(to_role=earlier)
    moment = datetime.combine(participant.joined_on + timedelta(days=history.randint(30, days - 1)), time(10))
    RoleChange.objects.create(
        participant=participant,
        from_role=earlier,
        to_role=participant.role,
        changed_at=timezone.make_aware(moment),
        reason="Neemt meer taken op zich (demo).",
    )


def _consent(contact):
    """Demo contacts mostly agreed to share their details, so the directory shows both cases."""
    record_data_sharing(contact)


def load(command):
    ensure_groups()
    rng = random.Random(2026)
    regions = [code for code, *_ in GGD_REGIONS]
    cities = {code: city for code, _, city, *_ in GGD_REGIONS}
    for i, (name, sector) in enumerate(CORE):
        _participant(name, sector, Role.KERNPARTNER, regions[(i * 3) % len(regions)], rng)
    for i in range(40):
        region = regions[i % len(regions)]
        sector, pattern = PARTNER_KINDS[i % len(PARTNER_KINDS)]
        _participant(pattern.format(city=cities[region]), sector, Role.PARTNER, region, rng)
    for i in range(60):
        region = regions[(i * 7) % len(regions)]
        sector, pattern = SUPPORTER_KINDS[i % len(SUPPORTER_KINDS)]
        name = pattern.format(city=cities[region])
        if Participant.objects.filter(name=name).exclude(role=Role.SUPPORTER).exists() or i >= 25:
            name = f"{name} {i}"
        _participant(name, sector, Role.SUPPORTER, region, rng)
    _participant("GGD-team Utrecht", Sector.GGD, Role.PARTNER, "utrecht", rng)
    _participant("Hockeyclub Amsterdam", Sector.SPORTS, Role.SUPPORTER, "amsterdam", rng)

    User = get_user_model()
    for username, (participant_name, group_name, superuser) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": username.capitalize(),
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        if participant_name and contact_for(user) is None:
            participant = Participant.objects.get(name=participant_name)
            contact, created = ContactPerson.objects.update_or_create(
                participant=participant,
                email=user.email,
                defaults={"name": f"Demo {username}", "user": user},
            )
            if created:
                _consent(contact)
    counts = {r: Participant.objects.filter(role=r).count() for r in Role.values}
    command.stdout.write(
        f"  deelnemers: {counts['kernpartner']} kernpartners, {counts['partner']} partners, "
        f"{counts['supporter']} supporters"
    )
    return counts
