import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from wagtail.contrib.forms.models import FormSubmission
from wagtail.fields import StreamField
from wagtail.models import Page

from network.factories import ContactPersonFactory, ContactUserFactory, ParticipantFactory, add_groups
from network.models import ConsentRecord, ContactPerson, Participant, Role
from network.privacy import erase_person, export_person, provider_labels
from network.roles import CORE_PARTNERS

pytestmark = pytest.mark.django_db

EMAIL = "marieke.verhoeven@zorg.example.org"
NAME = "Marieke Verhoeven"


def occurrences(*needles):
    """Search every text field of every model in the database for the needles."""
    found = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy or model._meta.db_table not in tables:
            continue
        fields = [
            f
            for f in model._meta.local_concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField, StreamField))
        ]
        for field in fields:
            for needle in needles:
                if model._base_manager.filter(**{f"{field.attname}__icontains": needle}).exists():
                    found.append((model._meta.label, field.name, needle))
    return found


@pytest.fixture
def person():
    org = ParticipantFactory(name="Zorggroep Oost", role=Role.PARTNER, region="twente")
    individual = ParticipantFactory(name=NAME, kind=Participant.Kind.INDIVIDUAL, role=Role.SUPPORTER)
    user = ContactUserFactory(
        username="marieke",
        email=EMAIL,
        first_name="Marieke",
        last_name="Verhoeven",
        contact__participant=org,
        contact__name=NAME,
        contact__phone="06 12345678",
    )
    ContactPersonFactory(participant=individual, name=NAME, email=EMAIL.upper())
    other = ContactPersonFactory(participant=org, name="Jeroen Dekker", email="jeroen@zorg.example.org")
    ConsentRecord.objects.create(email=EMAIL, purpose="gegevens_delen", text="Ik deel", text_version="1")
    ConsentRecord.objects.create(
        email=other.email, purpose="gegevens_delen", text="Ik deel", text_version="1"
    )
    # A page whose revision and form submission mention the person.
    root = Page.get_first_root_node()
    page = root.add_child(instance=Page(title=f"Verslag met {NAME}", slug="verslag"))
    page.save_revision(user=user)
    FormSubmission.objects.create(page=page, form_data={"naam": NAME, "email": EMAIL, "vraag": "Hoe?"})
    extra = {}
    if apps.is_installed("onboarding"):
        from onboarding.flows import OnboardingFlow

        extra["application"] = apps.get_model("onboarding.Application").objects.create(
            flow_class=OnboardingFlow,
            organisation_name="Zorggroep Oost",
            contact_name=NAME,
            email=EMAIL,
            motivation=f"Ik, {NAME}, wil meedoen.",
        )
    if apps.is_installed("newsletters"):
        apps.get_model("newsletters.Subscriber").objects.create(email=EMAIL, name=NAME)
    return {"org": org, "individual": individual, "user": user, "other": other, "page": page, **extra}


def test_export_collects_everything_about_one_person(person):
    data = export_person(EMAIL)
    json.dumps(data, default=str)  # serialisable
    contacts = data["network"]["contactpersonen"]
    assert {c["deelnemer"] for c in contacts} == {"Zorggroep Oost", NAME}
    assert data["network"]["toestemmingen"][0]["doel"] == "gegevens_delen"
    assert data["network"]["gebruikersaccounts"][0]["gebruikersnaam"] == "marieke"
    assert "jeroen" not in json.dumps(data, default=str)
    if "application" in person:
        assert data["overige_gegevens"]["onboarding.application"][0]["contact_name"] == NAME
    for label in provider_labels():
        assert label in data


def test_erasure_leaves_no_personal_data_but_keeps_the_rest(person):
    assert occurrences(EMAIL, NAME)  # the search does find them before
    report = erase_person(EMAIL)
    assert occurrences(EMAIL, NAME) == []
    assert report["network"]["contactpersonen"] == 2
    # Non-personal records and other people stay.
    person["org"].refresh_from_db()
    assert person["org"].contacts.get() == person["other"]
    assert ConsentRecord.has_consent(person["other"].email, "gegevens_delen")
    assert Participant.objects.filter(pk=person["individual"].pk, role=Role.SUPPORTER).exists()
    assert FormSubmission.objects.get().form_data["vraag"] == "Hoe?"
    assert Page.objects.filter(pk=person["page"].pk).exists()
    person["user"].refresh_from_db()
    assert not person["user"].is_active and not person["user"].has_usable_password()
    if "application" in person:
        application = type(person["application"]).objects.get(pk=person["application"].pk)
        assert application.organisation_name == "Zorggroep Oost"  # non-personal data stays
        assert report["bewaard"] == {}


def test_erase_command_and_export_command(person, capsys):
    call_command("export_person", EMAIL)
    assert NAME in capsys.readouterr().out
    call_command("erase_person", EMAIL, "--yes")
    assert occurrences(EMAIL, NAME) == []


def test_office_exports_and_erases_in_the_admin_after_confirmation(person, office_client):
    url = "/admin/privacy/"
    page = office_client.get(url, {"email": EMAIL})
    assert page.status_code == 200 and "Zorggroep Oost" in page.content.decode()
    html = page.content.decode()
    assert "<h1" in html and "Privacy (AVG)" in html.split("</h1>")[0], "the header names the screen"
    assert "(network" not in html and "Deelnemers" in html, "the parts of the platform by their Dutch names"
    export = office_client.post(url, {"email": EMAIL, "action": "export"})
    assert export["Content-Type"] == "application/json"
    assert json.loads(export.content)["email"] == EMAIL
    # Without typing the address again nothing is erased.
    refused = office_client.post(url, {"email": EMAIL, "action": "erase", "confirm": "iemand@anders.nl"})
    assert refused.status_code == 200 and "bevestig" in refused.content.decode().lower()
    assert ContactPerson.objects.filter(email__iexact=EMAIL).exists()
    done = office_client.post(url, {"email": EMAIL, "action": "erase", "confirm": EMAIL}, follow=True)
    assert occurrences(EMAIL, NAME) == []
    told = done.content.decode()
    assert "zijn gewist." in told and re.search(r"Deelnemers: \d+ contactpersonen", told)
    assert "index entry" not in told, "no internal tables named"
    assert "{" not in told.split("zijn gewist.")[1].split("</")[0], "in words, not a JSON dump"


def test_only_the_office_reaches_the_privacy_view(client, person):
    assert client.get("/admin/privacy/").status_code == 302
    client.force_login(person["user"])
    add_groups(person["user"], [CORE_PARTNERS])
    assert client.get("/admin/privacy/", {"email": EMAIL}).status_code in (302, 403)
    assert client.post(
        "/admin/privacy/", {"email": EMAIL, "action": "erase", "confirm": EMAIL}
    ).status_code in (
        302,
        403,
    )
    assert ContactPerson.objects.filter(email__iexact=EMAIL).exists()


def test_signed_declarations_are_kept_and_reported(person):
    if "application" not in person:
        pytest.skip("onboarding app not installed")
    Declaration = apps.get_model("onboarding.Declaration")
    Declaration.append(
        application=person["application"],
        organisation_name="Zorggroep Oost",
        signer_name=NAME,
        signer_email=EMAIL,
        declaration_text="Geen tabaksindustrie.",
        rules_text="Spelregels aanvaard.",
        rules_version="2026.1",
        rules_url="/spelregels/",
        consent_text="Ik deel mijn gegevens.",
    )
    report = erase_person(EMAIL)
    assert report["bewaard"]["onboarding.declaration"][1] == 1
    assert {label for label, _field, _needle in occurrences(EMAIL, NAME)} == {"onboarding.Declaration"}
    assert Declaration.verify_chain() == []


def test_the_office_gets_a_readable_report_for_the_person(person, office_client):
    html = office_client.post("/admin/privacy/", {"email": EMAIL, "action": "report_html"}).content.decode()
    assert "Wat Netwerk Nederland Rookvrij over" in html and "Zorggroep Oost" in html
    assert "<h2>Deelnemers</h2>" in html and "<h3>Contactpersonen</h3>" in html
    assert "U bent contactpersoon van een deelnemer" in html, "says why it is kept"
    assert "pbkdf2" not in html and "password" not in html, "no password hash"
    assert "+00:00" not in html and re.search(r"\d{1,2} [a-z]+ 20\d\d \d\d:\d\d", html), "dates written out"
    pdf = office_client.post("/admin/privacy/", {"email": EMAIL, "action": "report_pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_contact_downloads_its_own_report_only(person, client):
    other = ContactPersonFactory(email="ander@example.org", name="Anne Ander")
    client.force_login(person["user"])
    response = client.post("/mijn/privacy/", {"action": "report", "email": other.email})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    from network.privacy_report import report_html

    assert "Anne Ander" not in report_html(EMAIL) and NAME in report_html(EMAIL)
