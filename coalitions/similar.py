"""Does this coalition exist already? The coalitions like one that someone is about to start (issue 19.8).

Starting a coalition first shows the live, public coalitions that look the same, so the person can ask to join
one of them instead ("Bestaat deze coalitie al?"). A coalition looks the same when

- its name is alike: both names are compared as Dutch stems (`nnr_site.dutch.stem_words`), without accents and
  case, and without the words every coalition has ("rookvrij", "rookvrije", "coalitie", "samen", ...); alike
  means they share most of those words, or differ by little more than a typo (difflib); or
- it works in the same place on the same thing: the same GGD region (or the same place) and at least one theme
  in common.

Private coalitions (with a view restriction) are never shown: the warning must not tell who works on what in
private.
"""

import difflib
import unicodedata

from django.utils.translation import gettext as _

from nnr_site.dutch import stem_words

from .models import CoalitionPage

# Stems of words that say nothing about which coalition it is: nearly every name has them.
GENERIC = frozenset(
    stem_words(
        "rookvrij rookvrije rookvrijer coalitie coalities netwerk samen de het een van voor in en op met "
        "naar nederland"
    ).split()
)
SHARED_WORDS = 0.5  # at least half of the words of both names together are the same
SPELLING = 0.8  # or the names differ by little more than a typo
MAX_SHOWN = 5


def _plain(text):
    """Lower case and without accents ("Coöperatie" -> "cooperatie")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_words(title):
    """The telling stems of a coalition's name; all of them when the name has only generic words."""
    stems = stem_words(_plain(title)).split()
    telling = [s for s in stems if s not in GENERIC]
    return telling or stems


def names_alike(first, second):
    a, b = name_words(first), name_words(second)
    if not a or not b:
        return False
    set_a, set_b = set(a), set(b)
    if len(set_a & set_b) / len(set_a | set_b) >= SHARED_WORDS:
        return True
    return difflib.SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio() >= SPELLING


def _themes(names):
    return {_plain(name).strip() for name in names if name and name.strip()}


def same_place_and_theme(region, city, themes, coalition):
    """The same GGD region or place, and at least one theme in common."""
    same_place = (region and coalition.region == region) or (
        city and _plain(coalition.city).strip() == _plain(city).strip()
    )
    if not same_place:
        return False
    return bool(_themes(themes) & _themes(t.tag.name for t in coalition.tagged_items.all()))


def similar_coalitions(title, region="", city="", themes=()):
    """The live, public coalitions like the one described, each with `similar_because` (a Dutch reason), names
    alike first; at most MAX_SHOWN."""
    found = []
    candidates = CoalitionPage.objects.live().public().prefetch_related("tagged_items__tag").order_by("title")
    for coalition in candidates:
        if names_alike(title, coalition.title):
            coalition.similar_because = _("De naam lijkt op die van uw coalitie.")
            found.append((0, coalition))
        elif same_place_and_theme(region, city, themes, coalition):
            coalition.similar_because = _("Deze coalitie werkt in dezelfde regio aan hetzelfde thema.")
            found.append((1, coalition))
    found.sort(key=lambda item: item[0])
    return [coalition for _order, coalition in found[:MAX_SHOWN]]
