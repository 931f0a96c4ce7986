"""The logged-in home "Mijn netwerk" (/mijn/): own organisation, my coalitions and suggested coalitions."""

import pytest
from django.utils import timezone

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionMembershipFactory,
    CoalitionPageFactory,
    coalition_index,
)

pytestmark = pytest.mark.django_db


def test_dashboard_shows_my_participant_and_links(client, me):
    client.force_login(me.user)
    html = client.get("/mijn/").content.decode()
    assert "GGD Twente" in html and "/mijn/organisatie/" in html and "/mijn/privacy/" in html


def test_suggested_coalitions_by_region_sector_and_theme(client, me):
    mine = CoalitionPageFactory(
        parent=coalition_index(),
        title="Rookvrije GGD's",
        themes=["jongeren"],
        kind="type_organisatie",
        organisation_type="ggd",
    )
    CoalitionMembershipFactory(page=mine, participant=me.participant)
    CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Twente", kind="regio", region="twente")
    CoalitionPageFactory(parent=coalition_index(), title="Jongeren en vapen", themes=["jongeren"])
    CoalitionPageFactory(
        parent=coalition_index(),
        title="Rookvrije sportclubs",
        kind="type_organisatie",
        organisation_type="sport",
    )
    ActivityPageFactory(parent=mine, title="Scholing rookvrije schoolpleinen", published_at=timezone.now())
    client.force_login(me.user)
    html = client.get("/mijn/").content.decode()
    mijn = html.split('id="mijn-coalities"')[1].split('id="voorgesteld"')[0]
    suggested = html.split('id="voorgesteld"')[1].split("</section>")[0]
    assert "Rookvrije GGD" in mijn and "Rookvrije GGD" not in suggested
    assert suggested.index("Rookvrij Twente") < suggested.index("Jongeren en vapen")
    assert "in uw regio" in suggested and "jongeren" in suggested
    assert "Rookvrije sportclubs" not in suggested
    recent = html.split('id="recent"')[1].split("</section>")[0]
    assert "Scholing rookvrije schoolpleinen" in recent
