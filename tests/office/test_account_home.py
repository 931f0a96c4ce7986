"""The logged-in home "Mijn netwerk" (/mijn/): own organisation, my coalitions and suggested coalitions."""

import pytest
from django.utils import timezone

from tests.network.helpers import add_activity, add_member, make_coalition

pytestmark = pytest.mark.django_db


def test_dashboard_shows_my_participant_and_links(client, me):
    client.force_login(me.user)
    html = client.get("/mijn/").content.decode()
    assert "GGD Twente" in html and "/mijn/organisatie/" in html and "/mijn/privacy/" in html


def test_suggested_coalitions_by_region_sector_and_theme(client, me):
    mine = make_coalition(
        "Rookvrije GGD's", themes=["jongeren"], kind="type_organisatie", organisation_type="ggd"
    )
    add_member(mine, me.participant)
    make_coalition("Rookvrij Twente", kind="regio", region="twente")
    make_coalition("Jongeren en vapen", themes=["jongeren"])
    make_coalition("Rookvrije sportclubs", kind="type_organisatie", organisation_type="sport")
    add_activity(mine, "Scholing rookvrije schoolpleinen", timezone.now())
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
