"""What the screening shows beside an application: what the network already knows that looks like it.

The office decides; these are only signals: an existing participant with the same name, KvK number, website or
contact address (a possible duplicate), participants with a similar name, and earlier applications from the
same address or organisation. `Signals` loads the network's participants once, so a listing of many
applications costs a few queries, not a few per row.
"""

import difflib
import re
from urllib.parse import urlsplit

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from network.models import ContactPerson, Participant

from .models import Application

# Words that say what kind of body an organisation is, not which one: "Stichting Rookvrije Speeltuinen" and
# "Stichting Rookvrije Generatie" are not alike, "Stichting De Linde" and "De Linde" are.
GENERIC_WORDS = frozenset(
    "stichting vereniging coöperatie cooperatie bv nv vof ua de het een van en voor in op te".split()
)
WORD_SIMILARITY = 0.85  # difflib ratio above which two words count as the same word misspelt


def plain_name(name):
    """The name without case and punctuation: "GGD-team Utrecht" and "GGD Team Utrecht" are the same name."""
    return " ".join(re.findall(r"\w+", (name or "").lower()))


def _words(name):
    return [w for w in re.findall(r"\w+", (name or "").lower()) if w not in GENERIC_WORDS and len(w) > 1]


def _words_alike(a, b):
    if a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= WORD_SIMILARITY


def names_alike(a, b):
    """Every telling word of the shorter name is in the other one, maybe misspelt or longer ("De Linde",
    "De Lindeboom"). One different word is enough to tell them apart: "GGD-team Utrecht" and "GGD-team
    Maastricht", "Sportclub Oost" and "Sportclub West" are not alike."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return all(any(_words_alike(word, other) for other in longer) for word in shorter)


def website_host(url):
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


class Signals:
    """The signals for a set of applications (one listing or one screening page)."""

    def __init__(self, applications):
        self.applications = list(applications)
        self.participants = list(Participant.objects.only("pk", "name", "kvk_number", "website", "status"))
        emails = {a.email.lower() for a in self.applications}
        self.contacts = {}
        for contact in (
            ContactPerson.objects.annotate(address=Lower("email"))
            .filter(address__in=emails)
            .select_related("participant")
        ):
            self.contacts.setdefault(contact.address, []).append(contact)
        self._earlier = self._load_earlier()

    def _load_earlier(self):
        if not self.applications:
            return {}
        query = Q()
        for a in self.applications:
            query |= Q(email__iexact=a.email) | Q(organisation_name__iexact=a.organisation_name)
        others = list(Application.objects.filter(query).order_by("-created"))
        found = {}
        for a in self.applications:
            found[a.pk] = [
                o
                for o in others
                if o.pk != a.pk
                and o.created <= a.created
                and (
                    o.email.lower() == a.email.lower()
                    or o.organisation_name.lower() == a.organisation_name.lower()
                )
            ]
        return found

    def existing(self, application):
        """[(participant, why)] for participants this application may already be."""
        found = []
        host = website_host(application.website)
        for p in self.participants:
            reasons = []
            if plain_name(p.name) == plain_name(application.organisation_name):
                reasons.append(_("zelfde naam"))
            if application.kvk_number and p.kvk_number == application.kvk_number:
                reasons.append(_("zelfde KvK-nummer"))
            if host and website_host(p.website) == host:
                reasons.append(_("zelfde website"))
            if reasons:
                found.append((p, reasons))
        for contact in self.contacts.get(application.email.lower(), []):
            match = next((item for item in found if item[0].pk == contact.participant_id), None)
            if match:
                match[1].append(_("zelfde e-mailadres"))
            else:
                found.append((contact.participant, [_("zelfde e-mailadres")]))
        return found

    def similar(self, application):
        """Participants with a name like the application's (the same name is `existing`)."""
        name = plain_name(application.organisation_name)
        return [
            p
            for p in self.participants
            if plain_name(p.name) != name and names_alike(p.name, application.organisation_name)
        ]

    def earlier(self, application):
        """Applications received before this one from the same e-mail address or organisation name."""
        return self._earlier.get(application.pk, [])

    def flags(self, application):
        """Short labels for the listing: [(text, is_warning)]."""
        flags = []
        if self.existing(application):
            flags.append((_("Mogelijk bestaande deelnemer"), True))
        if self.similar(application):
            flags.append((_("Naam lijkt op een deelnemer"), True))
        if self.earlier(application):
            flags.append((_("Eerdere aanmelding"), True))
        if application.website:
            flags.append((_("Website opgegeven"), False))
        if application.kvk_number:
            flags.append((_("KvK opgegeven"), False))
        if not (application.website or application.kvk_number):
            flags.append((_("Geen website of KvK"), True))
        return flags
