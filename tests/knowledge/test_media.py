"""Partners who write an article can add its images and documents, in the collection "Kennisbank" only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from knowledge.editorial import MEDIA_COLLECTION

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("rookvrij.png", buffer.getvalue(), content_type="image/png")


def test_partner_uploads_an_article_image_to_the_knowledge_collection(client, index, partner_user):
    kennisbank = Collection.objects.get(name=MEDIA_COLLECTION)
    other = Collection.get_first_root_node().add_child(name="Coalitie Zwolle")
    elsewhere = get_image_model().objects.create(title="Van een coalitie", file=_png(), collection=other)
    client.force_login(partner_user)

    form = client.get("/admin/images/add/").content.decode()  # one collection allowed: no choice shown
    assert "Coalitie Zwolle" not in form
    response = client.post(
        "/admin/images/add/", {"title": "Rookvrij schoolplein", "file": _png(), "collection": kennisbank.pk}
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Rookvrij schoolplein")
    assert image.collection == kennisbank and image.uploaded_by_user == partner_user
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200  # own upload: may edit
    assert client.get(f"/admin/images/{elsewhere.pk}/").status_code == 302  # another collection: refused
    chooser = client.get("/admin/images/chooser/").content.decode()
    assert "Rookvrij schoolplein" in chooser and "Van een coalitie" not in chooser
    assert client.get("/admin/documents/add/").status_code == 200
