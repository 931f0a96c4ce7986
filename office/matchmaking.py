"""Coalitions suggested for a participant: same region, same kind of organisation, matching themes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coalitions.models import CoalitionMembership, CoalitionPage

REGION_SCORE = 3
ORGANISATION_TYPE_SCORE = 3
SECTOR_THEME_SCORE = 2
SHARED_THEME_SCORE = 1


@dataclass
class Suggestion:
    coalition: object
    score: int
    reasons: list = field(default_factory=list)


def _tag_names(page):
    return {tag.name.lower() for tag in page.themes.all()}


def suggest_coalitions(participant, limit=5):
    """Live coalitions the participant is not in, best match first."""
    if participant is None:
        return []
    pages = CoalitionPage.objects.live()
    mine_ids = set(
        CoalitionMembership.objects.current()
        .filter(participant=participant)
        .values_list("page_id", flat=True)
    )
    my_themes = set()
    for page in pages.filter(pk__in=mine_ids).prefetch_related("themes"):
        my_themes |= _tag_names(page)
    sector_words = {participant.sector.lower(), str(participant.get_sector_display()).lower()}
    suggestions = []
    for page in pages.public().exclude(pk__in=mine_ids).prefetch_related("themes"):
        score, reasons = 0, []
        if participant.region and page.region == participant.region:
            score += REGION_SCORE
            reasons.append(_("in uw regio (%(region)s)") % {"region": participant.get_region_display()})
        if page.organisation_type and page.organisation_type == participant.sector:
            score += ORGANISATION_TYPE_SCORE
            reasons.append(
                _("voor organisaties zoals de uwe (%(sector)s)")
                % {"sector": participant.get_sector_display()}
            )
        themes = _tag_names(page)
        if themes & sector_words:
            score += SECTOR_THEME_SCORE
            reasons.append(_("thema past bij uw sector"))
        shared = sorted(themes & my_themes)
        if shared:
            score += SHARED_THEME_SCORE * len(shared)
            reasons.append(_("thema's uit uw coalities: %(themes)s") % {"themes": ", ".join(shared)})
        if score:
            suggestions.append(Suggestion(page, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.coalition.title))
    return suggestions[:limit]
