"""Coalitions suggested for a participant: same region, same kind of organisation, matching themes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coalitions.models import CoalitionMembership, CoalitionPage
from nnr_site import pagecache

REGION_SCORE = 3
ORGANISATION_TYPE_SCORE = 3
SECTOR_THEME_SCORE = 2
SHARED_THEME_SCORE = 1


@dataclass
class Suggestion:
    coalition: object
    score: int
    reasons: list = field(default_factory=list)


@dataclass(frozen=True)
class Coalition:
    """What matching needs of a live coalition, and what the suggestion shows."""

    pk: int
    title: str
    url: str
    kind: str
    region: str
    organisation_type: str
    themes: frozenset
    public: bool


def _coalitions():
    """Every live coalition as `Coalition`, read in two queries and shared by every participant until the next
    page-cache generation (a coalition published, changed or moved starts one)."""
    live = CoalitionPage.objects.live()
    public = set(live.public().values_list("pk", flat=True))
    return [
        Coalition(
            page.pk,
            page.title,
            page.url,
            str(page.get_kind_display()),
            page.region,
            page.organisation_type,
            frozenset(tag.name.lower() for tag in page.themes.all()),
            page.pk in public,
        )
        for page in live.prefetch_related("themes").order_by("title")
    ]


def suggest_coalitions(participant, limit=5):
    """Live coalitions the participant is not in, best match first."""
    if participant is None:
        return []
    mine_ids = set(
        CoalitionMembership.objects.current()
        .filter(participant=participant)
        .values_list("page_id", flat=True)
    )
    coalitions = pagecache.shared("matchmaking_coalitions", _coalitions)
    my_themes = set()
    for coalition in coalitions:
        if coalition.pk in mine_ids:
            my_themes |= coalition.themes
    sector_words = {participant.sector.lower(), str(participant.get_sector_display()).lower()}
    suggestions = []
    for coalition in coalitions:
        if coalition.pk in mine_ids or not coalition.public:
            continue
        score, reasons = 0, []
        if participant.region and coalition.region == participant.region:
            score += REGION_SCORE
            reasons.append(_("in uw regio (%(region)s)") % {"region": participant.get_region_display()})
        if coalition.organisation_type and coalition.organisation_type == participant.sector:
            score += ORGANISATION_TYPE_SCORE
            reasons.append(
                _("voor organisaties zoals de uwe (%(sector)s)")
                % {"sector": participant.get_sector_display()}
            )
        if coalition.themes & sector_words:
            score += SECTOR_THEME_SCORE
            reasons.append(_("thema past bij uw sector"))
        shared = sorted(coalition.themes & my_themes)
        if shared:
            score += SHARED_THEME_SCORE * len(shared)
            reasons.append(_("thema's uit uw coalities: %(themes)s") % {"themes": ", ".join(shared)})
        if score:
            suggestions.append(Suggestion(coalition, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.coalition.title))
    return suggestions[:limit]
