"""The texts an applicant signed before they became data (version 1 of each kind), and the rules of the
Spelregels page as they stood then. Used by migration 0004 and, after a test flushed the tables, by
`onboarding.factories`. The leading underscore keeps Django's migration loader from reading this as a migration."""

FIRST_TEXTS = [
    (
        "verklaring",
        "Verklaring: geen tabaksindustrie, geen behandeling buiten de richtlijn",
        "Ik verklaar namens de organisatie (of als persoon) waarvoor ik mij aanmeld dat zij geen deel uitmaakt van "
        "de tabaksindustrie en daar op geen enkele wijze aan verbonden is. Onder tabaksindustrie wordt ten minste "
        "verstaan: (a) tabaksteeltbedrijven; (b) producenten van tabaksproducten en aanverwante producten als bedoeld "
        "in de Tabaks- en rookwarenwet, en van rookartikelen; (c) groothandels in ruwe tabak, tabaksproducten, "
        "aanverwante producten en rookartikelen; (d) bedrijven of fondsen die direct of indirect gelieerd zijn aan, "
        "of waarin partijen als bedoeld onder a, b of c op enigerlei wijze deelnemen. Ik verklaar bovendien dat wij "
        "geen stoppen-met-rokenmethoden aanbieden die niet voldoen aan de richtlijn behandeling tabaksverslaving.",
    ),
    (
        "instemming",
        "Instemming met de missie en de spelregels",
        "Ik steun de missie van Netwerk Nederland Rookvrij: samen streven naar een maatschappij waarin niemand lijdt "
        "of overlijdt als gevolg van roken. Ik ga akkoord met de spelregels van het netwerk, versie {versie}.",
    ),
    (
        "spelregels",
        "Spelregels",
        "1. Deelnemers zijn niet verantwoordelijk voor elkaars handelen en bepalen niet wat een ander mag doen.\n\n"
        "2. Deelnemers communiceren niet namens het netwerk: het netwerk heeft geen rechtspersoon of merk. Een "
        "coalitie mag wel namens zichzelf communiceren.\n\n"
        "3. Iedere deelnemer is mede-eigenaar van de spelregels. In het uiterste geval kunnen de kernpartners, met "
        "een verwijzing naar de ondertekende spelregels, een deelnemer dringend verzoeken het netwerk te verlaten. "
        "Zij hebben geen formele macht.\n\n"
        "Uitgesloten van deelname: de tabaksindustrie, in welke vorm ook (ook als lid van een coalitie), en "
        "aanbieders van stoppen-met-rokenmethoden die niet voldoen aan de richtlijn behandeling tabaksverslaving.",
    ),
    (
        "toestemming",
        "Toestemming om gegevens te delen",
        "Ik geef toestemming om mijn naam, functie, organisatie en contactgegevens te delen met de andere deelnemers "
        "van het netwerk. Ik kan deze toestemming altijd intrekken.",
    ),
]
FIRST_NOTE = "Eerste versie."


def create_first_versions(model, now):
    """Version 1 of each kind that has no published version yet."""
    for kind, title, text in FIRST_TEXTS:
        if not model.objects.filter(kind=kind).exclude(published_at=None).exists():
            model.objects.create(
                kind=kind, number=1, title=title, text=text, change_note=FIRST_NOTE, published_at=now
            )
