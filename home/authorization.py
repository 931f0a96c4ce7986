"""Who may open what: the authorisation matrix of the platform, in one place.

`tests/evidence/test_authorization_matrix.py` checks every cell against the running site (with the demo
network); `manage.py authorization_matrix` prints it for the office. A path may hold a placeholder in angle
brackets (`<eigen coalitie>`); the test fills it in from the demo data (see PLACEHOLDERS there).

"Toegestaan" means the page opens (or the action is carried out); "geweigerd" means a log-in page, 403, 404
or Wagtail's "no permission" redirect.
"""

from dataclasses import dataclass

# Role key -> Dutch heading, in the order of the table.
ROLES = {
    "anonymous": "anoniem",
    "supporter": "supporter",
    "partner": "partner",
    "coalition_editor": "coalitieredacteur",
    "core_partner": "kernpartner",
    "office": "netwerkbureau",
    "admin": "beheerder",
}

# Demo account per role (see README, "Demo log-ins"); anonymous has none.
DEMO_USERS = {
    "supporter": "supporter",
    "partner": "partner",
    "coalition_editor": "coalitie",
    "core_partner": "kernpartner",
    "office": "bureau",
    "admin": "admin",
}

LOGGED_IN = frozenset(DEMO_USERS)
# The demo's coalition editor is a partner's contact person who is trekker of one coalition.
PARTICIPANTS = frozenset({"partner", "coalition_editor", "core_partner"})
CONTACTS = PARTICIPANTS | {"supporter"}
MEMBERS = CONTACTS | {"office", "admin"}
ADMIN_USERS = PARTICIPANTS | {"office", "admin"}
OFFICE = frozenset({"office", "admin"})
CORE_OR_OFFICE = frozenset({"core_partner", "office", "admin"})
ONLY_ADMIN = frozenset({"admin"})


@dataclass(frozen=True)
class Rule:
    area: str  # "website", "beheer" or "werkstroom"
    label: str  # what the office reads, Dutch
    path: str
    allowed: frozenset
    method: str = "get"

    def __post_init__(self):
        object.__setattr__(self, "allowed", frozenset(self.allowed))

    def expected(self, role):
        return role in self.allowed


RULES = [
    # The members' part of the website.
    Rule("website", "Mijn netwerk (overzicht)", "/mijn/", LOGGED_IN),
    Rule("website", "Mijn taken", "/mijn/taken/", LOGGED_IN),
    Rule("website", "Eigen organisatie bewerken", "/mijn/organisatie/", CONTACTS),
    Rule("website", "Eigen gegevens en toestemmingen", "/mijn/privacy/", LOGGED_IN),
    Rule("website", "Deelnemerslijst", "/deelnemers/", MEMBERS),
    Rule("website", "Deelnemer in de lijst", "/deelnemers/<deelnemer>/", MEMBERS),
    Rule("website", "Netwerkgezondheid", "/netwerk/gezondheid/", CORE_OR_OFFICE),
    # Coalitions form bottom-up: participants start them, not the office.
    Rule("website", "Coalitie starten", "/coalitie-starten/", PARTICIPANTS),
    # A coalition decides itself who takes part: only its trekkers see and decide join requests.
    Rule(
        "website",
        "Deelnameverzoeken eigen coalitie",
        "/coalitie/<eigen coalitie>/verzoeken/",
        {"coalition_editor"},
    ),
    Rule("website", "Deelnameverzoeken andere coalitie", "/coalitie/<andere coalitie>/verzoeken/", set()),
    Rule("website", "Eigen rol wijzigen", "/mijn/rol/", CONTACTS),
    # Issue 19: following coalitions, themes and regions is for participants' contact persons.
    Rule("website", "Volgen en e-mail daarover instellen", "/mijn/volgen/", CONTACTS),
    # Partners, core partners and trekkers share knowledge on the site for their own organisation; the office
    # writes in the admin. An article is edited only by its organisation's contacts.
    Rule("website", "Kennisartikel delen", "/mijn/kennis/nieuw/", PARTICIPANTS),
    Rule("website", "Kennisartikel van eigen organisatie", "/mijn/kennis/<artikel partner>/", {"partner"}),
    Rule(
        "website",
        "Kennisartikel terugnemen (eigen organisatie)",
        "/mijn/kennis/<artikel partner>/terugnemen/",
        {"partner"},
    ),
    # Issue 19.1 and 19.4: a coalition publishes its own activities (members that may edit it: its trekkers)
    # and its trekkers write to its members; the archive shows members-only updates to its members only.
    Rule(
        "website",
        "Activiteit delen (eigen coalitie)",
        "/mijn/coalities/<eigen coalitie>/activiteit/nieuw/",
        {"coalition_editor"},
    ),
    Rule(
        "website",
        "Activiteit delen (andere coalitie)",
        "/mijn/coalities/<andere coalitie>/activiteit/nieuw/",
        set(),
    ),
    Rule(
        "website",
        "Activiteit bewerken (eigen coalitie)",
        "/mijn/coalities/activiteit/<activiteit eigen coalitie>/",
        {"coalition_editor"},
    ),
    Rule(
        "website",
        "Activiteit bewerken (andere coalitie)",
        "/mijn/coalities/activiteit/<activiteit andere coalitie>/",
        set(),
    ),
    Rule(
        "website",
        "Bericht aan de leden (eigen coalitie)",
        "/mijn/coalities/<eigen coalitie>/bericht/",
        {"coalition_editor"},
    ),
    Rule(
        "website",
        "Bericht aan de leden (andere coalitie)",
        "/mijn/coalities/<andere coalitie>/bericht/",
        set(),
    ),
    Rule(
        "website",
        "Bericht aan de leden versturen (eigen coalitie)",
        "/mijn/coalities/bericht/<bericht leden>/versturen/",
        {"coalition_editor"},
    ),
    Rule(
        "website",
        "Bericht van een coalitie (openbaar)",
        "/coalitie/<eigen coalitie>/berichten/<bericht openbaar>/",
        {"anonymous"} | LOGGED_IN,
    ),
    Rule(
        "website",
        "Bericht van een coalitie (alleen leden)",
        "/coalitie/<eigen coalitie>/berichten/<bericht leden>/",
        {"coalition_editor"} | OFFICE,
    ),
    # Workflows started or handled on the website.
    Rule("werkstroom", "Overdracht starten", "/werkstromen/overdracht/starten/", CORE_OR_OFFICE),
    Rule("werkstroom", "Vertrekverzoek starten", "/werkstromen/vertrek/starten/", {"core_partner"}),
    Rule("werkstroom", "Reflecties (archief)", "/mijn/reflecties/", LOGGED_IN),
    # Issue 20.5, proposals: members read them (the office too); contact persons of participants file, support
    # (not their own organisation's) and comment; the office hides a comment.
    Rule("website", "Voorstellen", "/voorstellen/", MEMBERS),
    Rule("website", "Een voorstel doen", "/voorstellen/nieuw/", CONTACTS),
    Rule("website", "Een voorstel lezen", "/voorstellen/<voorstel partner>/", MEMBERS),
    Rule(
        "website",
        "Een voorstel steunen (van een andere organisatie)",
        "/voorstellen/<voorstel kernpartner>/steun/",
        CONTACTS,
        method="post",
    ),
    Rule(
        "website",
        "Opmerking bij een voorstel verbergen (bevestigen)",
        "/voorstellen/opmerkingen/<opmerking voorstel>/verbergen/",
        OFFICE,
    ),
    Rule(
        "website",
        "Opmerking bij een voorstel verbergen",
        "/voorstellen/opmerkingen/<opmerking voorstel>/verbergen/",
        OFFICE,
        method="post",
    ),
    Rule("werkstroom", "Overdracht: taak van de opvolger", "<taak opvolger>", {"partner"}),
    Rule("werkstroom", "Aanmelding: screening inzien", "<taak screening>", CORE_OR_OFFICE),
    Rule(
        "werkstroom",
        "Aanmelding: screening uitvoeren (taak van bureau)",
        "<taak screening>uitvoeren/",
        {"office"},
    ),
    # The Wagtail admin.
    Rule("beheer", "Beheeromgeving (dashboard)", "/admin/", ADMIN_USERS),
    Rule("beheer", "Taken (inbox)", "/admin/taken/", ADMIN_USERS),
    Rule("beheer", "Taken: alle open taken (netwerkbureau)", "/admin/taken/alle/", OFFICE),
    # Names of active participants, to choose coalition members and article authors.
    Rule("beheer", "Deelnemer kiezen (coalitieleden, auteurs)", "/admin/deelnemer-kiezen/", ADMIN_USERS),
    # Coalitions edit their own pages; the office supports, it does not edit them.
    Rule(
        "beheer",
        "Eigen coalitiepagina bewerken",
        "/admin/pages/<eigen coalitie>/edit/",
        {"coalition_editor", "admin"},
    ),
    Rule("beheer", "Andere coalitiepagina bewerken", "/admin/pages/<andere coalitie>/edit/", ONLY_ADMIN),
    Rule(
        "beheer",
        "Kennisartikel schrijven",
        "/admin/pages/add/knowledge/knowledgearticlepage/<kennisbank>/",
        ADMIN_USERS,
    ),
    Rule("beheer", "Deelnemers beheren", "/admin/snippets/network/participant/", OFFICE),
    Rule("beheer", "Deelnemer toevoegen", "/admin/snippets/network/participant/add/", OFFICE),
    Rule("beheer", "Rolgeschiedenis", "/admin/snippets/network/rolechange/", OFFICE),
    Rule("beheer", "Contactpersonen", "/admin/snippets/network/contactperson/", OFFICE),
    Rule("beheer", "Aanmeldingen voor bijeenkomsten", "/admin/snippets/events/registration/", OFFICE),
    Rule("beheer", "Verklaringen (archief)", "/admin/verklaringen/", OFFICE),
    # Issue 20: the office writes and publishes the texts to sign; core partners follow the re-confirmations.
    Rule("beheer", "Teksten en spelregels (versies)", "/admin/declaratietexts/", OFFICE),
    Rule("beheer", "Nieuwe versie van een tekst", "/admin/declaratietexts/new/", OFFICE),
    Rule("beheer", "Versie publiceren", "/admin/declaratietexts/<concepttekst>/publiceren/", OFFICE),
    Rule("beheer", "Bevestigingen (overzicht)", "/admin/bevestigingen/", CORE_OR_OFFICE),
    Rule("beheer", "Bevestigingsronde", "/admin/bevestigingen/<ronde>/", CORE_OR_OFFICE),
    Rule("beheer", "Aanmeldingen van nieuwe deelnemers", "/admin/aanmeldingen/", OFFICE),
    Rule("beheer", "Deelnameverzoeken (alle coalities)", "/admin/snippets/coalitions/joinrequest/", OFFICE),
    Rule(
        "beheer",
        "Berichten van coalities aan hun leden",
        "/admin/snippets/coalitions/coalitionupdate/",
        OFFICE,
    ),
    Rule("beheer", "Abonnees nieuwsbrief", "/admin/snippets/newsletters/subscriber/", OFFICE),
    Rule("beheer", "Afmeldingen en bounces", "/admin/snippets/newsletters/suppression/", OFFICE),
    Rule("beheer", "Archief overdrachten", "/admin/overdrachten/", CORE_OR_OFFICE),
    Rule("beheer", "Archief vertrekverzoeken", "/admin/vertrekverzoeken/", CORE_OR_OFFICE),
    Rule("beheer", "Archief reflecties", "/admin/reflecties/", CORE_OR_OFFICE),
    Rule("beheer", "Archief voorstellen", "/admin/voorstellen/", CORE_OR_OFFICE),
    Rule("beheer", "Privacyverzoeken (inzage, wissen)", "/admin/privacy/", OFFICE),
    Rule("beheer", "Archief van het netwerkbureau", "/admin/archief/", OFFICE),
    Rule("beheer", "Nieuwsbrief versturen", "/admin/nieuwsbrieven/<nieuwsbrief>/", OFFICE),
    # Issue 17: the office's newsletter screens (list, audience, preview, confirmation, report, segments).
    Rule("beheer", "Alle nieuwsbrieven", "/admin/nieuwsbrieven/", OFFICE),
    Rule(
        "beheer", "Ontvangers van een nieuwsbrief", "/admin/nieuwsbrieven/<nieuwsbrief>/ontvangers/", OFFICE
    ),
    Rule("beheer", "Ontvangerslijst (CSV)", "/admin/nieuwsbrieven/<nieuwsbrief>/ontvangers.csv", OFFICE),
    Rule("beheer", "E-mailvoorbeeld", "/admin/nieuwsbrieven/<nieuwsbrief>/voorbeeld/", OFFICE),
    Rule(
        "beheer", "Versturen bevestigen", "/admin/nieuwsbrieven/<nieuwsbrief>/bevestigen/?action=send", OFFICE
    ),
    Rule("beheer", "Verslag van de verzending", "/admin/nieuwsbrieven/<nieuwsbrief>/verslag/", OFFICE),
    Rule("beheer", "Doelgroepen (nieuwsbrief)", "/admin/snippets/newsletters/segment/", OFFICE),
    # Coalition editors for their coalition's pages; (core) partners for the articles they write.
    Rule("beheer", "Afbeeldingen", "/admin/images/", OFFICE | PARTICIPANTS),
    Rule("beheer", "Documenten", "/admin/documents/", OFFICE | PARTICIPANTS),
    Rule(
        "beheer",
        "Contactgegevens netwerkbureau",
        "/admin/settings/home/networkcontactsettings/<site>/",
        OFFICE,
    ),
    Rule("beheer", "Gebruikers", "/admin/users/", ONLY_ADMIN),
    Rule("beheer", "Groepen en rechten", "/admin/groups/", ONLY_ADMIN),
    # Issue 13.4, private uploads: a handover's documents for the people in it (demo: partner is the successor).
    Rule(
        "werkstroom",
        "Document voor de opvolger (overdracht)",
        "<document overdracht>",
        {"partner", "core_partner", "office", "admin"},
    ),
    # Identity: a new e-mail address counts only with the signed link sent to it; a forged one opens nothing.
    Rule(
        "website", "Nieuw e-mailadres bevestigen (vervalste link)", "/mijn/e-mail-bevestigen/vervalst/", set()
    ),
    # Audit log: who did what and when; it names people, so the office only.
    Rule("beheer", "Logboek", "/admin/logboek/", OFFICE),
    # Log-in protection (accounts/): one's own two-step verification; the office's view of lock-outs.
    Rule("website", "Beveiliging van mijn account", "/mijn/beveiliging/", LOGGED_IN),
    Rule("beheer", "Geblokkeerde log-ins", "/admin/blokkades/", OFFICE),
    Rule("beheer", "Blokkade opheffen", "/admin/blokkades/opheffen/", OFFICE, method="post"),
    # Coalition invitations (issue 13): only a contact of the invited participant accepts or declines.
    Rule(
        "website",
        "Uitnodiging van een coalitie beantwoorden",
        "/coalitie/uitnodiging/<uitnodiging partner>/antwoord/",
        {"partner"},
        method="post",
    ),
    # Issue 19.5/19.6, conversations: nothing is public. Members read (the office too); contact persons of
    # participants write; a coalition's trekkers and the office hide reactions; only the asker marks the answer
    # that helped.
    Rule("website", "Vraag het netwerk (vragen)", "/vraag-het-netwerk/", MEMBERS),
    Rule("website", "Vraag het netwerk: een vraag stellen", "/vraag-het-netwerk/nieuw/", CONTACTS),
    Rule("website", "Vraag het netwerk: een vraag lezen", "/vraag-het-netwerk/<vraag partner>/", MEMBERS),
    Rule(
        "website",
        "Vraag het netwerk: 'Dit hielp mij' (alleen de vraagsteller)",
        "/vraag-het-netwerk/<vraag partner>/antwoorden/<antwoord op vraag partner>/hielp/",
        {"partner"},
        method="post",
    ),
    Rule(
        "website",
        "Reactie verbergen: bevestigen (activiteit eigen coalitie)",
        "/reacties/<reactie eigen coalitie>/verbergen/",
        {"coalition_editor"} | OFFICE,
    ),
    Rule(
        "website",
        "Reactie verbergen (activiteit eigen coalitie)",
        "/reacties/<reactie eigen coalitie>/verbergen/",
        {"coalition_editor"} | OFFICE,
        method="post",
    ),
    Rule(
        "website",
        "Reactie verbergen (activiteit andere coalitie)",
        "/reacties/<reactie andere coalitie>/verbergen/",
        OFFICE,
        method="post",
    ),
    Rule(
        "website",
        "Verborgen reactie weer tonen (activiteit eigen coalitie)",
        "/reacties/<reactie eigen coalitie>/terugzetten/",
        {"coalition_editor"} | OFFICE,
        method="post",
    ),
    Rule("website", "Reactie verbergen (kennisartikel)", "/reacties/<reactie artikel>/verbergen/", OFFICE),
    # Issue 19.8: only the office merges two coalitions (members, activities, follows, a redirect).
    Rule("beheer", "Coalities samenvoegen", "/admin/coalities-samenvoegen/", OFFICE),
    Rule(
        "beheer", "Coalities samenvoegen (bevestigen)", "/admin/coalities-samenvoegen/", OFFICE, method="post"
    ),
    # Vraag het netwerk belongs to no coalition: only the office hides a question or an answer.
    Rule(
        "website",
        "Vraag het netwerk: vraag verbergen (bevestigen)",
        "/vraag-het-netwerk/<vraag partner>/verbergen/",
        OFFICE,
    ),
    Rule(
        "website",
        "Vraag het netwerk: vraag verbergen",
        "/vraag-het-netwerk/<vraag partner>/verbergen/",
        OFFICE,
        method="post",
    ),
    Rule(
        "website",
        "Vraag het netwerk: verborgen vraag weer tonen",
        "/vraag-het-netwerk/<vraag partner>/terugzetten/",
        OFFICE,
        method="post",
    ),
    Rule(
        "website",
        "Vraag het netwerk: antwoord verbergen",
        "/vraag-het-netwerk/<vraag partner>/antwoorden/<antwoord op vraag partner>/verbergen/",
        OFFICE,
        method="post",
    ),
]


def table_rows():
    """(area, label, path, ["ja"/"nee" per role]) for printing."""
    for rule in RULES:
        yield rule.area, rule.label, rule.path, ["ja" if rule.expected(r) else "nee" for r in ROLES]
