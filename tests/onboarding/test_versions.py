"""The texts to sign are versioned data: the office edits a draft and publishes it; the next applicant signs the
new version; what was signed before keeps its text and still verifies; the public reads the rules' history."""

import hashlib
import json
import re
from datetime import UTC

import pytest

from onboarding.factories import DeclarationTextFactory
from onboarding.models import Declaration, DeclarationText

from .conftest import application_data

pytestmark = pytest.mark.django_db
Kind = DeclarationText.Kind


def publish(client, text):
    page = client.get(f"/admin/declaratietexts/{text.pk}/publiceren/")
    assert page.status_code == 200
    return client.post(f"/admin/declaratietexts/{text.pk}/publiceren/")


def test_a_published_declaration_changes_what_the_next_applicant_signs(client, rules_page, office_user):
    client.post("/aanmelden/", application_data())
    first = Declaration.objects.get()
    assert first.declaration_version == 1 and "tabaksteeltbedrijven" in first.declaration_text

    client.force_login(office_user)
    form = client.get("/admin/declaratietexts/new/?soort=verklaring").content.decode()
    assert "tabaksteeltbedrijven" in form  # a new version starts from the text in force
    response = client.post(
        "/admin/declaratietexts/new/",
        {
            "kind": "verklaring",
            "title": "Verklaring: geen tabaksindustrie",
            "text": "Wij hebben geen banden met de tabaksindustrie, ook niet via e-sigaretten.",
            "change_note": "E-sigaretten genoemd.",
            "text_en": "",
        },
    )
    assert response.status_code == 302
    draft = DeclarationText.objects.get(kind="verklaring", published_at=None)
    client.logout()
    assert "e-sigaretten" not in client.get("/aanmelden/").content.decode()  # a draft is not in force

    client.force_login(office_user)
    page = client.get(f"/admin/declaratietexts/{draft.pk}/publiceren/").content.decode()
    assert "versienummer 2" in page and "de deelnemers krijgen geen e-mail" in page
    assert "<ins>" in page  # the difference with version 1
    publish(client, draft)
    client.logout()

    form = client.get("/aanmelden/").content.decode()
    assert "ook niet via e-sigaretten" in form and "tabaksteeltbedrijven" not in form
    client.post("/aanmelden/", application_data(organisation_name="Tweede", email="b@example.org"))
    second = Declaration.objects.latest("pk")
    assert second.declaration_version == 2 and "e-sigaretten" in second.declaration_text
    first.refresh_from_db()
    assert "tabaksteeltbedrijven" in first.declaration_text and first.declaration_version == 1
    assert Declaration.verify_chain() == []


def test_a_published_version_cannot_be_edited_or_deleted(client, rules_page, office_user):
    client.force_login(office_user)
    version_1 = DeclarationText.current(Kind.CONSENT)
    assert client.get(f"/admin/declaratietexts/edit/{version_1.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/declaratietexts/{version_1.pk}/publiceren/").status_code == 404
    inspect = client.get(f"/admin/declaratietexts/inspect/{version_1.pk}/").content.decode()
    assert "contactgegevens te delen" in inspect
    with pytest.raises(PermissionError):
        version_1.delete()


def test_records_from_before_the_versions_still_verify(client, rules_page):
    """A record made before the new fields hashed only the old ones: an empty new field adds nothing."""
    client.post("/aanmelden/", application_data())
    record = Declaration.objects.get()
    old_style = {name: getattr(record, name) or "" for name in Declaration.HASHED_FIELDS}
    old_style["application"] = record.application_id
    old_style["signed_at"] = record.signed_at.astimezone(UTC).isoformat(timespec="microseconds")
    old_hash = hashlib.sha256(
        json.dumps(old_style, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()
    assert record.record_hash != old_hash  # this one has its versions in the hash
    Declaration.objects.filter(pk=record.pk).update(
        purpose="",
        declaration_version=None,
        agreement_version=None,
        consent_version=None,
        record_hash=old_hash,
    )
    assert Declaration.verify_chain() == []
    Declaration.objects.filter(pk=record.pk).update(consent_version=7)  # filling one in afterwards is noticed
    assert len(Declaration.verify_chain()) == 1


def test_without_published_texts_nobody_can_apply(client, db):
    DeclarationText.objects.all().delete()
    response = client.get("/aanmelden/")
    assert response.status_code == 503 and "Aanmelden kan nu niet" in response.content.decode()


def test_the_public_reads_the_rules_history_and_a_readable_diff(client, rules_page, office_user):
    new = DeclarationTextFactory(
        kind=Kind.RULES,
        title="Spelregels",
        text=DeclarationText.current(Kind.RULES).text.replace(
            "niet namens het netwerk", "nooit namens het netwerk"
        ),
        change_note="Nooit in plaats van niet.",
    )
    new.publish(office_user)
    history = client.get("/spelregels/versies/").content.decode()
    assert "Versie 2" in history and "Nooit in plaats van niet." in history and "geldt nu" in history
    diff = client.get("/spelregels/versies/vergelijken/", {"van": 1, "naar": 2}).content.decode()
    assert "<del>niet </del><ins>nooit </ins>" in diff
    assert client.get("/spelregels/versies/vergelijken/", {"van": 1, "naar": 9}).status_code == 404
    assert client.get("/spelregels/versies/vergelijken/", {"van": "x"}).status_code == 404
    old = client.get("/spelregels/versies/1/").content.decode()
    assert "Er is een nieuwere versie: versie 2" in old
    form = client.get("/aanmelden/").content.decode()
    assert "versie 2." in form and 'href="/spelregels/versies/2/"' in form


def test_a_version_published_while_the_form_is_open_is_read_before_signing(client, rules_page, office_user):
    form = client.get("/aanmelden/").content.decode()
    shown = re.search(r'name="versions" value="([^"]+)"', form).group(1)
    DeclarationTextFactory(kind=Kind.CONSENT, title="Toestemming", text="Nieuwe toestemming.").publish(
        office_user
    )
    response = client.post("/aanmelden/", application_data(versions=shown))
    page = response.content.decode()
    assert response.status_code == 400 and "De teksten zijn gewijzigd" in page
    assert "Nieuwe toestemming." in page and "Rookvrije Sportbond" in page  # what was filled in stays
    assert "checked" not in page.split('id="tekst-verklaring"')[1]  # to be ticked again
    assert not Declaration.objects.exists()
    new = re.search(r'name="versions" value="([^"]+)"', page).group(1)
    assert client.post("/aanmelden/", application_data(versions=new)).status_code == 302
    assert Declaration.objects.get().consent_version == 2
