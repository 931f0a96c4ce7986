"""The public front door: what an applicant sees, what is refused, and that nothing is saved on error."""

import pytest
from django.core import mail
from viewflow.workflow.models import Process, Task

from network.factories import ContactPersonFactory
from network.models import Participant, Role
from onboarding import tokens
from onboarding.models import Application, Declaration

from .conftest import application_data, apply_and_verify

pytestmark = pytest.mark.django_db


def nothing_saved():
    return not (Process.objects.exists() or Application.objects.exists() or Declaration.objects.exists())


def test_form_shows_the_three_full_texts_unticked(client, rules_page):
    page = client.get("/aanmelden/").content.decode()
    for text in [
        "tabaksteeltbedrijven",
        "Tabaks- en rookwarenwet",
        "groothandels in ruwe tabak",
        "direct of indirect gelieerd",
        "richtlijn behandeling tabaksverslaving",
        "versie 1.",
        "delen met de andere deelnemers",
    ]:
        assert text in page
    assert 'href="/spelregels/versies/1/"' in page
    assert page.count('type="checkbox"') == 3 and "checked" not in page


def test_application_starts_the_flow_archives_the_declaration_and_mails_a_link(
    client, rules_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/aanmelden/", application_data(), HTTP_USER_AGENT="TestBrowser/1.0", REMOTE_ADDR="192.0.2.7"
        )
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.organisation_name, application.desired_role) == ("Rookvrije Sportbond", "partner")
    record = Declaration.objects.get()
    assert record.application == application and record.rules_version == "1"
    assert "tabaksteeltbedrijven" in record.declaration_text and record.ip_address == "192.0.2.7"
    assert record.user_agent == "TestBrowser/1.0" and record.previous_hash == Declaration.GENESIS
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"] and "/aanmelden/bevestigen/" in message.body
    assert response["Location"] == "/aanmelden/verstuurd/"
    assert "Controleer uw e-mail" in client.get(response["Location"]).content.decode()
    status = client.get(tokens.status_path(application)).content.decode()
    assert 'aria-current="step">✓' not in status and "ontvangen" in status


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"confirm_declaration": None}, "confirm_declaration", "alleen aanmelden als u deze verklaring"),
        ({"confirm_rules": None}, "confirm_rules", "instemt met de missie"),
        ({"confirm_consent": None}, "confirm_consent", "zonder deze toestemming"),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
        ({"organisation_name": "x" * 201}, "organisation_name", "niet meer dan 200 tekens"),
        ({"motivation": "m" * 2001}, "motivation", "niet meer dan 2000 tekens"),
        ({"motivation": "Hallo <script>alert(1)</script>"}, "motivation", "Gebruik geen HTML"),
        ({"contact_name": "<b>Anna</b>"}, "contact_name", "Gebruik geen HTML"),
        ({"kvk_number": "12ab"}, "kvk_number", "8 cijfers"),
        ({"phone": "abc"}, "phone", "alleen cijfers"),
    ],
)
def test_invalid_input_gives_a_dutch_error_next_to_the_field_and_saves_nothing(
    client, rules_page, overrides, field, message
):
    response = client.post("/aanmelden/", application_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and message in html
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]  # and at the top, linked
    assert f'href="#id_{field}"' in summary and message in summary
    assert nothing_saved() and not Participant.objects.exists() and not mail.outbox


def test_plain_text_with_ampersands_and_comparisons_is_accepted(client, rules_page):
    response = client.post("/aanmelden/", application_data(motivation="Roken < 5% & meer sport"))
    assert response.status_code == 302


def test_honeypot_refuses_bots(client, rules_page):
    response = client.post("/aanmelden/", application_data(fax="spam"))
    assert response.status_code == 400 and "kon niet worden verwerkt" in response.content.decode()
    assert nothing_saved()


def test_rate_limit_per_ip(client, rules_page):
    for _ in range(10):
        client.post("/aanmelden/", application_data(email="bad"), REMOTE_ADDR="198.51.100.1")
    response = client.post("/aanmelden/", application_data(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429 and "te vaak" in response.content.decode()
    assert nothing_saved()
    assert client.post("/aanmelden/", application_data(), REMOTE_ADDR="198.51.100.2").status_code == 302


def test_second_open_application_is_recognised(client, rules_page):
    assert client.post("/aanmelden/", application_data()).status_code == 302
    again = client.post("/aanmelden/", application_data(organisation_name="Andere naam"))
    assert again.status_code == 302 and again["Location"] == "/aanmelden/verstuurd/"  # see test_security_*
    same_org = client.post("/aanmelden/", application_data(email="ander@example.org"))
    assert "Voor deze organisatie loopt al een aanmelding" in same_org.content.decode()
    assert Application.objects.count() == 1 and Declaration.objects.count() == 1


def test_existing_participants_are_recognised(client, rules_page):
    ContactPersonFactory(
        participant__name="Rookvrije Sportbond",
        participant__role=Role.SUPPORTER,
        name="Bert",
        email="bert@example.org",
    )
    by_name = client.post("/aanmelden/", application_data()).content.decode()
    assert "doet al mee aan het netwerk" in by_name
    assert nothing_saved()  # the address is handled in test_security_enumeration.py


def test_status_page_follows_the_flow(client, rules_page, django_capture_on_commit_callbacks, office_user):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    page = client.get(tokens.status_path(application)).content.decode()
    assert '<li aria-current="step"><strong>e-mail bevestigd' in page
    task = Task.objects.get(process=application, flow_task_type="HUMAN")
    client.force_login(office_user)
    client.post(f"/admin/taken/taak/{task.pk}/oppakken/")
    client.logout()
    page = client.get(tokens.status_path(application)).content.decode()
    assert '<li aria-current="step"><strong>in behandeling' in page


def test_bad_or_forged_links(client, rules_page):
    assert client.get("/aanmelden/bevestigen/nep/").status_code == 400
    assert client.get("/aanmelden/status/nep/").status_code == 404
