"""In a real browser, as the office: compose a newsletter, see its e-mail preview, choose two segments and see
what they add up to, send a test to two colleagues, confirm and send, watch it finish, read the report."""

import re

import pytest
from django.core import mail

from network.factories import ContactPersonFactory, OfficeUserFactory, ParticipantFactory
from network.models import Role
from network.roles import ensure_groups
from newsletters.factories import SubscriberFactory, newsletter_tree
from newsletters.models import Delivery, Mailing, NewsletterPage, Suppression
from newsletters.models import TestMail as SentTestMail
from tests.conftest import login

pytestmark = pytest.mark.browser

TITLE = "Nieuwsbrief juni 2026"


def test_office_composes_previews_chooses_segments_tests_confirms_sends_and_reads_the_report(browser_page):
    ensure_groups()
    newsletter_tree()
    OfficeUserFactory(username="bea", email="bea@netwerkbureau.example.org")
    ggd = ParticipantFactory(role=Role.PARTNER, name="GGD Utrecht", region="utrecht")
    ContactPersonFactory(participant=ggd, name="Gert", email="gert@ggd.example.org")
    club = ParticipantFactory(role=Role.PARTNER, name="Sportclub Oost", region="twente")
    ContactPersonFactory(participant=club, name="Olga", email="olga@club.example.org")
    ContactPersonFactory(
        participant=ParticipantFactory(role=Role.SUPPORTER), email="sam@supporter.example.org"
    )
    SubscriberFactory(email="lezer@example.org", name="Lies")
    SubscriberFactory(email="olga@club.example.org", name="Olga")  # also a partner's contact: mailed once
    SubscriberFactory(email="kapot@example.org", name="Kees")
    Suppression.add("kapot@example.org", Suppression.Reason.BOUNCED, "550 onbekend")
    page = browser_page

    login(page, "bea")
    page.goto("/admin/")
    page.get_by_role("button", name="Nieuwsbrieven").click()
    page.get_by_role("link", name="Alle nieuwsbrieven").click()
    page.get_by_role("link", name="Nieuwe nieuwsbrief").click()

    # Compose and save a draft; then an unsaved change shows in the editor's e-mail preview.
    page.locator("#id_title").fill(TITLE)
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="Tussenkop").click()
    page.locator("input[name='body-0-value']").fill("Een rookvrije zomer")
    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url(re.compile(r"/edit/$"), timeout=60_000)  # saving is slow on a busy machine
    page.locator("#id_preheader").fill("Wat coalities deze zomer doen.")
    page.locator("[data-side-panel-toggle=preview]").click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("p", has_text="Wat coalities deze zomer doen.").wait_for()  # the web page first
    page.get_by_label("Voorbeeldmodus").select_option("email")
    frame.get_by_role("link", name="Afmelden of voorkeuren aanpassen").wait_for()
    assert frame.get_by_role("heading", name="Een rookvrije zomer").is_visible()
    assert frame.locator("p.preheader", has_text="Wat coalities deze zomer doen.").is_visible()
    page.get_by_label("Voorbeeldmodus").select_option("text")
    frame.get_by_text("Afmelden of voorkeuren aanpassen: http").wait_for()

    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Publiceren", exact=True).click()
    # Back to the archive's page list once published (saving is slow on a busy machine).
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"), timeout=60_000)
    newsletter = NewsletterPage.objects.get(title=TITLE)
    assert newsletter.live and not newsletter.segments.exists()  # nothing pre-chosen

    # The list shows it as a draft; its send screen says no one is chosen yet.
    page.goto("/admin/nieuwsbrieven/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert "Concept" in row.inner_text()
    row.get_by_role("link", name="Versturen").click()
    page.get_by_text("Er zijn nog geen ontvangers gekozen.").wait_for()

    # Two segments: the partners and the public subscribers, with their counts, overlap and a sample.
    page.get_by_role("link", name="Ontvangers kiezen en bekijken").click()
    assert not any(
        box.is_checked() for box in page.get_by_role("checkbox", name=re.compile("^Supporters")).all()
    )
    page.get_by_role("checkbox", name=re.compile("^Partners")).check()
    page.get_by_role("checkbox", name=re.compile("^Publieke abonnees")).check()
    page.get_by_role("button", name="Opslaan en tellen").click()
    counts = page.get_by_role("table", name="Aantal adressen per doelgroep")
    assert counts.get_by_role("row").filter(has_text="Partners").inner_text().split()[1:] == [
        "2",
        "0",
        "2",
        "0",
    ]
    assert counts.get_by_role("row").filter(has_text="Publieke abonnees").inner_text().split()[2:] == [
        "2",
        "−1",
        "1",
        "1",
    ]
    assert page.locator("#audience-total").inner_text() == "3"
    sample = page.get_by_role("table", name="Steekproef van de ontvangers").inner_text()
    assert "GGD Utrecht" in sample and "Sportclub Oost" in sample and "Lies" in sample
    assert "sam@supporter.example.org" not in sample
    assert page.get_by_role("link", name=re.compile("Lijst van alle 3 ontvangers downloaden")).is_visible()
    page.get_by_text("Harde bounce: 1").click()
    assert page.get_by_text("kapot@example.org").is_visible()

    # A test to two colleagues: marked as a test, not in the ledger.
    page.get_by_role("link", name="Overzicht").click()
    page.get_by_label("Testmail naar").fill(
        "bea@netwerkbureau.example.org, collega@netwerkbureau.example.org"
    )
    page.get_by_role("button", name="Testmail versturen").click()
    page.get_by_text("Testmail verstuurd naar").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bea@netwerkbureau.example.org",
        "collega@netwerkbureau.example.org",
    ]
    assert all(m.subject.startswith("[TEST]") and "Testmail" in m.body for m in mail.outbox)
    assert SentTestMail.objects.count() == 2 and not Delivery.objects.exists()

    # Send: the summary first, then the confirmation that names the count.
    page.get_by_role("button", name="Versturen…").click()
    summary = page.locator(".nl-summary").inner_text()
    assert TITLE in summary and "3 ontvangers" in summary and "Direct na uw bevestiging" in summary
    assert len(mail.outbox) == 2  # nothing sent by opening the summary
    page.get_by_role("button", name="Ja, nu versturen naar 3 ontvangers").click()
    page.get_by_text("De nieuwsbrief wordt verstuurd naar 3 ontvangers.").wait_for()
    page.locator("#mailing-status", has_text="Verstuurd").wait_for()
    progress = page.locator("#mailing-progress")
    assert progress.locator('[data-count="sent"]').inner_text() == "3"
    assert sorted(m.to[0] for m in mail.outbox[2:]) == [
        "gert@ggd.example.org",
        "lezer@example.org",
        "olga@club.example.org",
    ]

    # The report: per segment, its totals equal to the ledger.
    page.get_by_role("link", name=re.compile("Naar het verslag")).click()
    table = page.locator("#report-table")
    assert table.get_by_role("row").filter(has_text="Partners").inner_text().split()[1:4] == ["2", "0", "0"]
    assert table.get_by_role("row").filter(has_text="Publieke abonnees").inner_text().split()[2:5] == [
        "1",
        "0",
        "1",
    ]
    mailing = Mailing.objects.get(newsletter=newsletter)
    counts = mailing.counts()
    assert table.locator('[data-total="sent"]').inner_text() == str(counts["sent"]) == "3"
    assert table.locator('[data-total="skipped"]').inner_text() == str(counts["skipped"]) == "1"
