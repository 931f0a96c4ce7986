"""Issue 13.4: handover documents are private, checked by content and only ever handed out as a download."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model

from governance.flows import HandoverFlow
from governance.models import HandoverDocument, HandoverProcess
from network.models import Role

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script src='x.js'></script></body></html>"


def office_file(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office_file({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = office_file({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


@pytest.fixture
def network():
    kern = core_partners(6)
    yield {
        "kern": kern,
        "departing": kern[0],
        "successor": member("Partner Een", Role.PARTNER),
        "stranger": member("Partner Twee", Role.PARTNER),
        "office": office_user(),
    }
    for document in HandoverDocument.objects.all():
        document.file.delete(save=False)


@pytest.fixture
def process(client, network):
    departing, user = network["departing"]
    client.force_login(user)
    client.post(
        "/werkstromen/overdracht/starten/", {"departing": departing.pk, "departing_new_role": "partner"}
    )
    return HandoverProcess.objects.get(departing=departing)


def prepare(client, network, process, name, content):
    client.force_login(network["departing"][1])
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        task_path(open_task(process, HandoverFlow.prepare)),
        {"notes": "", "departing_new_role": "partner", "document_title": "Draaiboek", "document": upload},
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("aanval.html", HTML, "Dit soort bestand kunt u niet toevoegen"),
        ("aanval.js", b"alert(document.cookie)", "Dit soort bestand kunt u niet toevoegen"),
        ("draaiboek.pdf", HTML, "De inhoud van dit bestand past niet bij de extensie .pdf"),
        ("notities.txt", HTML, "De inhoud van dit bestand past niet bij de extensie .txt"),
        ("plan.docx", office_file({"index.html": HTML}), "past niet bij de extensie .docx"),
        ("foto.png", PDF, "past niet bij de extensie .png"),
    ],
)
def test_html_script_or_disguised_upload_is_refused_in_dutch(
    client, network, process, name, content, message
):
    response = prepare(client, network, process, name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'id="id_document_error"' in page
    assert not HandoverDocument.objects.exists()


@override_settings(NNR_PRIVATE_UPLOAD_MAX_SIZE=100)
def test_too_large_upload_is_refused(client, network, process):
    response = prepare(client, network, process, "groot.pdf", PDF + b"0" * 200)
    assert response.status_code == 400
    assert "Dit bestand is te groot" in response.content.decode()


@pytest.mark.parametrize(
    "name, content", [("Plan.docx", DOCX), ("Plan.odt", ODT), ("Plan.TXT", "Draaiboek — één".encode())]
)
def test_real_office_and_text_files_are_accepted(client, network, process, name, content):
    assert prepare(client, network, process, name, content).status_code == 302
    assert HandoverDocument.objects.get().file.name.endswith("." + name.rsplit(".", 1)[1].lower())


def test_pdf_is_stored_under_a_random_name_outside_media_root(client, network, process):
    assert prepare(client, network, process, "../Draaiboek kernoverleg.pdf", PDF).status_code == 302
    document = HandoverDocument.objects.get()
    assert re.fullmatch(r"overdracht/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.original_name.endswith("Draaiboek kernoverleg.pdf")
    path = Path(document.file.path).resolve()
    assert path.read_bytes() == PDF
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert Path(settings.PRIVATE_ROOT).resolve() in path.parents


def test_only_the_people_in_the_handover_download_it_as_an_attachment(client, network, process):
    prepare(client, network, process, "Draaiboek kernoverleg.pdf", PDF)
    successor, successor_user = network["successor"]
    client.force_login(network["departing"][1])
    client.post(task_path(open_task(process, HandoverFlow.nominate)), {"successor": successor.pk})
    document = HandoverDocument.objects.get()
    url = f"/werkstromen/overdracht/{process.pk}/document/{document.pk}/"

    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    client.force_login(network["stranger"][1])
    assert client.get(url).status_code == 403
    assert url not in client.get(f"/werkstromen/overdracht/{process.pk}/").content.decode()

    for user in (network["departing"][1], successor_user, network["kern"][2][1], network["office"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Disposition"] == 'attachment; filename="Draaiboek kernoverleg.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF


@override_settings(ROOT_URLCONF="tests.governance.debug_urls")
def test_media_url_serves_images_only_not_private_or_wagtail_documents(client, network, process):
    """The development shape (DEBUG serves /media/): handover and Wagtail documents are not under it."""
    prepare(client, network, process, "Draaiboek.pdf", PDF)
    stored = HandoverDocument.objects.get().file.name
    assert client.get(f"/media/{stored}").status_code == 404
    assert client.get("/media/overdracht/Draaiboek.pdf").status_code == 404

    wagtail_document = get_document_model().objects.create(
        title="Verslag", file=SimpleUploadedFile("verslag.pdf", PDF)
    )
    try:
        name = wagtail_document.file.name
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get(f"/media/images/../{name}").status_code == 404
        served = client.get(wagtail_document.url)  # Wagtail's serve view, which checks collection privacy
        assert served.status_code == 200 and served["X-Content-Type-Options"] == "nosniff"
    finally:
        wagtail_document.file.delete(save=False)

    image = Path(settings.MEDIA_ROOT) / "original_images" / "security-test.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    try:
        assert client.get("/media/original_images/security-test.png").status_code == 200  # images stay public
    finally:
        image.unlink()
