"""Issue 19, through the UI only: a trekker shares an activity from /mijn/ (a draft first, then published),
sees it on the coalition page, writes to the members, checks who gets it, sends it, and the mail arrives at
an SMTP sink from the coalition."""

import io
from email.utils import parseaddr

import pytest
from PIL import Image as PILImage

from coalitions.factories import CoalitionIndexPageFactory, CoalitionPageFactory, add_membership
from coalitions.models import ExternalMember, MemberRole
from tests.conftest import login
from tests.newsletters.conftest import smtp_sink  # noqa: F401 (a fixture)

from .conftest import make_contact

pytestmark = pytest.mark.browser


def photo(tmp_path):
    path = tmp_path / "sportpark.png"
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), "green").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_trekker_posts_an_activity_and_writes_to_the_members(
    browser_page,
    site_home,
    smtp_sink,  # noqa: F811
    settings,
    tmp_path,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    index = CoalitionIndexPageFactory(parent=site_home)
    coalition = CoalitionPageFactory(
        parent=index, title="Rookvrij Sporten Zwolle", slug="zwolle", contact_email="zwolle@example.org"
    )
    _trekker, club = make_contact("tess", name="Voetbalvereniging Zwolle")
    _member, ggd = make_contact("gijs", name="GGD IJsselland")
    add_membership(coalition, club, MemberRole.TREKKER)
    add_membership(coalition, ggd, MemberRole.MEMBER)
    ExternalMember.objects.create(page=coalition, name="Jeugdraad", email="jeugd@example.org")
    coalition.save_revision().publish()
    page = browser_page

    login(page, "tess")
    page.goto("/mijn/")
    page.get_by_role("link", name="Activiteit delen (Rookvrij Sporten Zwolle)").click()
    page.get_by_label("Titel").fill("Rookvrij langs de lijn")
    page.get_by_label("Samenvatting").fill("Ons sportpark werd rookvrij.")
    page.get_by_label("Status").select_option(label="Lopend")
    page.get_by_label("Begindatum").fill("2026-09-01")
    page.get_by_label("Wat is er gedaan").fill("Bordjes bij de ingang.\n\nGesprekken met de trainers.")
    page.get_by_label("Afbeelding", exact=True).set_input_files(photo(tmp_path))
    page.get_by_role("button", name="Opslaan als concept").click()
    assert page.get_by_text("Uw concept is opgeslagen").is_visible()
    page.goto("/coalities/zwolle/")
    assert not page.get_by_text("Rookvrij langs de lijn").count()

    page.goto("/mijn/")
    page.get_by_role("link", name="Rookvrij langs de lijn").click()
    assert page.get_by_text("Concept: nog niet op de site").is_visible()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url("**/coalities/zwolle/")
    assert page.get_by_text("De activiteit staat op de coalitiepagina.").is_visible()
    page.get_by_role("link", name="Rookvrij langs de lijn").click()
    assert page.get_by_text("Gesprekken met de trainers.").is_visible()
    assert page.locator("img.activity-image").count() == 1

    page.goto("/coalities/zwolle/")
    page.get_by_role("link", name="Bericht aan de leden").click()
    page.get_by_label("Onderwerp").fill("Het sportpark is rookvrij")
    page.get_by_label("Tekst").fill("Beste leden,\n\nSinds september is ons sportpark rookvrij.")
    page.get_by_label("Openbaar, voor iedereen op de coalitiepagina").check()
    page.get_by_role("button", name="Voorbeeld en ontvangers bekijken").click()
    recipients = page.locator("#ontvangers + ul").inner_text()
    for name in ("Contact tess", "Contact gijs", "Jeugdraad"):
        assert name in recipients
    assert not smtp_sink.messages
    page.get_by_role("button", name="Versturen naar 3 leden").click()
    assert page.get_by_text("Het bericht wordt verstuurd naar 3 leden.").is_visible()

    assert sorted(smtp_sink.recipients()) == ["gijs@example.org", "jeugd@example.org", "tess@example.org"]
    message = smtp_sink.messages[0][1]
    assert parseaddr(message["From"])[0] == "Rookvrij Sporten Zwolle via Netwerk Nederland Rookvrij"
    assert parseaddr(message["Reply-To"])[1] == "zwolle@example.org"
    assert message["Subject"] == "Het sportpark is rookvrij"
    [plain] = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    body = plain.get_payload(decode=True).decode()
    assert "U ontvangt dit bericht omdat u lid bent van de coalitie Rookvrij Sporten Zwolle." in body
    assert "/coalities/zwolle/" in body

    page.context.clear_cookies()
    page.goto("/coalities/zwolle/")
    page.get_by_role("link", name="Het sportpark is rookvrij").click()
    assert page.get_by_text("Sinds september is ons sportpark rookvrij.").is_visible()
