import pytest

from coalitions.factories import CoalitionMembershipFactory, CoalitionPageFactory, coalition_index
from network.factories import CorePartnerUserFactory, ParticipantFactory
from tests.conftest import login, resize_and_fit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_core_partner_reads_which_coalitions_share_members(browser_page):
    CorePartnerUserFactory(username="kern")
    shared = [ParticipantFactory(name=f"Gedeeld {i}") for i in range(2)]
    ParticipantFactory(name="Nog zonder coalitie")
    sport = CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Sporten Zwolle")
    zorg = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije zorg")
    CoalitionPageFactory(parent=coalition_index(), title="Rookvrij Twente")
    for page_, member in [(sport, shared[0]), (sport, shared[1]), (zorg, shared[0]), (zorg, shared[1])]:
        CoalitionMembershipFactory(page=page_, participant=member)
    page = browser_page
    login(page, "kern")
    page.goto("/mijn/")
    page.get_by_role("link", name="Gezondheid van het netwerk").click()
    page.wait_for_url("**/netwerk/gezondheid/")

    section = page.get_by_role("region", name="Coalities die deelnemers delen")
    graph = section.get_by_role("group", name="Coalities die deelnemers delen")
    assert graph.get_by_role("link").count() == 2
    section.get_by_text("Tabel: gedeelde deelnemers per tweetal coalities").click()
    assert "Gedeeld 0, Gedeeld 1" in section.get_by_role("table").first.inner_text()
    assert (
        section.get_by_role("list").get_by_role("link", name="Rookvrij Twente").is_visible()
    )  # listed apart
    assert (
        "Nog zonder coalitie"
        in page.get_by_role("region", name="partners en kernpartners zonder coalitie").inner_text()
    )

    resize_and_fit(page, 390)  # on a phone the narrow drawing shows, and nothing scrolls sideways
    graph = section.get_by_role("group", name="Coalities die deelnemers delen")
    assert graph.count() == 1 and graph.bounding_box()["width"] <= 390
    graph.get_by_role("link", name="Rookvrije zorg: 2 deelnemers").click()
    page.wait_for_url("**/rookvrije-zorg/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rookvrije zorg"
