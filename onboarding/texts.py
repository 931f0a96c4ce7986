"""The exact texts an applicant confirms. They are copied into the declaration archive as shown, so a later
change of wording never alters what someone signed."""

from django.utils.translation import gettext_lazy as _

from home.models import ContentPage

DECLARATION_TITLE = _("Verklaring: geen tabaksindustrie, geen behandeling buiten de richtlijn")
DECLARATION_TEXT = _(
    "Ik verklaar namens de organisatie (of als persoon) waarvoor ik mij aanmeld dat zij geen deel uitmaakt van "
    "de tabaksindustrie en daar op geen enkele wijze aan verbonden is. Onder tabaksindustrie wordt ten minste "
    "verstaan: (a) tabaksteeltbedrijven; (b) producenten van tabaksproducten en aanverwante producten als bedoeld "
    "in de Tabaks- en rookwarenwet, en van rookartikelen; (c) groothandels in ruwe tabak, tabaksproducten, "
    "aanverwante producten en rookartikelen; (d) bedrijven of fondsen die direct of indirect gelieerd zijn aan, "
    "of waarin partijen als bedoeld onder a, b of c op enigerlei wijze deelnemen. Ik verklaar bovendien dat wij "
    "geen stoppen-met-rokenmethoden aanbieden die niet voldoen aan de richtlijn behandeling tabaksverslaving."
)
RULES_TITLE = _("Instemming met de missie en de spelregels")
RULES_TEXT = _(
    "Ik steun de missie van Netwerk Nederland Rookvrij: samen streven naar een maatschappij waarin niemand lijdt "
    "of overlijdt als gevolg van roken. Ik ga akkoord met de spelregels van het netwerk, versie %(version)s."
)
CONSENT_TITLE = _("Toestemming om gegevens te delen")
CONSENT_TEXT = _(
    "Ik geef toestemming om mijn naam, functie, organisatie en contactgegevens te delen met de andere deelnemers "
    "van het netwerk. Ik kan deze toestemming altijd intrekken."
)


def current_rules():
    """(version label, URL) of the live rules page; the applicant agrees to exactly this version."""
    page = ContentPage.objects.live().filter(slug="spelregels").first()
    if page is None:
        return "", "/spelregels/"
    return page.version_label or str(page.latest_revision_id or ""), page.url or "/spelregels/"
