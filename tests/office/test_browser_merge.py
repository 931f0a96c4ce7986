"""Issue 19.8, through the UI only: the office merges two coalitions in the admin; the old address then leads to
the coalition that stays."""

import pytest

from coalitions.factories import (
    ActivityPageFactory,
    CoalitionIndexPageFactory,
    CoalitionPageFactory,
    add_membership,
)
from coalitions.models import MemberRole
from network.factories import ParticipantFactory
from tests.conftest import login

pytestmark = pytest.mark.browser


def test_office_merges_two_coalitions_and_the_old_address_redirects(browser_page, site_home, office_user):
    index = CoalitionIndexPageFactory(parent=site_home)
    keep = CoalitionPageFactory(parent=index, title="Rookvrij Sporten Zwolle", slug="rookvrij-sporten-zwolle")
    remove = CoalitionPageFactory(parent=index, title="Rookvrije Sport Zwolle", slug="rookvrije-sport-zwolle")
    add_membership(keep, ParticipantFactory(name="Gemeente Zwolle"), MemberRole.TREKKER)
    add_membership(remove, ParticipantFactory(name="GGD IJsselland"), MemberRole.TREKKER)
    activity = ActivityPageFactory(parent=remove, title="Sportdag zonder rook", slug="sportdag")
    for page_ in (keep, remove, activity):
        page_.save_revision().publish()

    page = browser_page
    login(page, "bureau")
    page.goto("/admin/")
    page.get_by_role("link", name="Coalities samenvoegen").click()
    page.get_by_label("Coalitie die blijft").select_option(label="Rookvrij Sporten Zwolle")
    page.get_by_label("Coalitie die opgaat in de andere").select_option(label="Rookvrije Sport Zwolle")
    page.get_by_role("button", name="Bekijken wat er gebeurt").click()
    page.get_by_text("GGD IJsselland").wait_for()
    assert page.get_by_text("Sportdag zonder rook").is_visible()
    page.get_by_role("button", name="Definitief samenvoegen").click()
    page.get_by_text("Vink aan dat u begrijpt").wait_for()  # not without confirming
    page.get_by_label("Ik begrijp dat samenvoegen niet ongedaan kan worden gemaakt.").check()
    page.get_by_role("button", name="Definitief samenvoegen").click()
    page.get_by_text("is samengevoegd met").wait_for()

    page.goto("/coalities/rookvrije-sport-zwolle/")
    page.wait_for_url("**/coalities/rookvrij-sporten-zwolle/")
    assert page.get_by_role("heading", name="Rookvrij Sporten Zwolle").first.is_visible()
    assert page.get_by_text("GGD IJsselland").first.is_visible()
    assert page.get_by_role("link", name="Sportdag zonder rook").is_visible()
