"""Sharing knowledge from the site (/mijn/kennis/): who may, the states an author sees, and the office's mails."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from coalitions.choices import MemberRole
from coalitions.factories import ActivityPageFactory, CoalitionPageFactory, add_membership, coalition_index
from knowledge import writing
from knowledge.editorial import MEDIA_COLLECTION
from knowledge.models import KnowledgeArticlePage
from network.factories import ContactUserFactory
from network.models import Role

pytestmark = pytest.mark.django_db

NEW = reverse("knowledge:share_new")
TEXT = "Ons sportpark werd rookvrij.\n\n## Wat we deden\n- bordjes\n- gesprekken met [de jeugd](https://example.org/jeugd)"


def form(title="Rookvrij langs de lijn", **extra):
    data = {
        "title": title,
        "summary": "Hoe onze club het sportpark rookvrij maakte.",
        "text": TEXT,
        "article_type": "les",
        "new_themes": "sport, jeugd",
    }
    data.update(extra)
    return data


def png(name="foto.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "orange").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def share(client, user, **extra):
    client.force_login(user)
    response = client.post(NEW, form(**extra))
    assert response.status_code == 302, response.context["form"].errors
    return KnowledgeArticlePage.objects.get(draft_title=extra.get("title", "Rookvrij langs de lijn"))


def decide(client, office_user, article, action, comment=""):
    client.force_login(office_user)
    state = WorkflowState.objects.for_instance(article).active().get()
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, action, state.current_task_state.pk)
    )
    return client.post(url, {"comment": comment} if comment else {})


def account_page(client, user):
    client.force_login(user)
    return client.get("/mijn/").content.decode()


def test_partner_saves_a_draft_for_its_own_organisation(client, index, partner_user):
    client.force_login(partner_user)
    assert "Kennis delen" in client.get("/mijn/").content.decode()
    response = client.post(NEW, form(draft="1", author="999"))
    article = KnowledgeArticlePage.objects.get(draft_title="Rookvrij langs de lijn")
    assert response["Location"] == reverse("knowledge:share_edit", args=[article.pk])
    assert article.author.name == "GGD Testregio" and article.owner == partner_user
    assert not article.live and not WorkflowState.objects.for_instance(article).exists()
    edit = client.get(response["Location"]).content.decode()
    assert "Uw concept is opgeslagen" in edit and "## Wat we deden" in edit
    assert "Concept" in account_page(client, partner_user)
    assert client.get("/kennis/rookvrij-langs-de-lijn/").status_code == 404


def test_submit_request_changes_resubmit_approve(client, index, partner_user, office_user):
    article = share(client, partner_user, submit="1")
    assert "Ter beoordeling bij het netwerkbureau" in account_page(client, partner_user)

    # While the office reads it, the author cannot change that version.
    edit_url = reverse("knowledge:share_edit", args=[article.pk])
    assert "kunt u het artikel niet wijzigen" in client.get(edit_url).content.decode()
    revisions = article.revisions.count()
    client.post(edit_url, form(title="Stiekem anders", submit="1"))
    assert article.revisions.count() == revisions

    mail.outbox.clear()
    decide(client, office_user, article, "reject", comment="Graag een bron toevoegen.")
    [message] = mail.outbox
    assert message.to == [partner_user.email]
    assert message.subject == 'Het netwerkbureau vraagt een aanpassing in "Rookvrij langs de lijn"'
    assert "Graag een bron toevoegen." in message.body and edit_url in message.body
    assert "Beste" in message.body and "Hello" not in message.body

    html = account_page(client, partner_user)
    assert "Aanpassing gevraagd door het netwerkbureau" in html and "Graag een bron toevoegen." in html
    page = client.get(edit_url).content.decode()
    assert "Opmerking van het netwerkbureau" in page and "Opnieuw insturen" in page
    client.post(edit_url, form(text=TEXT + "\n\nBron: [GGD](https://example.org/bron)", submit="1"))
    assert WorkflowState.objects.for_instance(article).active().get().status == "in_progress"
    assert "Ter beoordeling bij het netwerkbureau" in account_page(client, partner_user)

    mail.outbox.clear()
    decide(client, office_user, article, "approve")
    [message] = mail.outbox
    assert message.subject == 'Uw artikel "Rookvrij langs de lijn" staat in de kennisbank'
    assert "http://" in message.body and "/kennis/rookvrij-langs-de-lijn/" in message.body
    html = account_page(client, partner_user)
    assert "Gepubliceerd" in html and 'href="/kennis/rookvrij-langs-de-lijn/"' in html
    client.logout()
    live = client.get("/kennis/rookvrij-langs-de-lijn/").content.decode()
    assert "<h2>Wat we deden</h2>" in live and '<a href="https://example.org/bron">GGD</a>' in live


def test_editing_a_live_article_keeps_the_live_version_until_approved(
    client, index, partner_user, office_user
):
    article = share(client, partner_user, submit="1")
    decide(client, office_user, article, "approve")
    client.force_login(partner_user)
    client.post(reverse("knowledge:share_edit", args=[article.pk]), form(title="Nieuwe titel", draft="1"))
    article.refresh_from_db()
    assert article.live and article.title == "Rookvrij langs de lijn" and article.has_unpublished_changes
    assert "Gepubliceerd, met een concept" in account_page(client, partner_user)


def test_author_withdraws_a_submission_after_confirming(client, index, partner_user):
    article = share(client, partner_user, submit="1")
    url = reverse("knowledge:share_withdraw", args=[article.pk])
    assert "Weet u zeker" in client.get(url).content.decode()
    assert WorkflowState.objects.for_instance(article).active().exists()
    client.post(url)
    assert not WorkflowState.objects.for_instance(article).active().exists()
    assert "Concept" in account_page(client, partner_user)


def test_who_may_share(client, index, partner_user, supporter_user, core_partner_user, office_user):
    assert client.get(NEW).status_code == 302 and "/login/" in client.get(NEW)["Location"]
    client.force_login(supporter_user)
    assert client.get(NEW).status_code == 403
    assert "Kennis delen" not in client.get("/mijn/").content.decode()
    client.force_login(office_user)  # the office writes in the admin; it has no organisation to share for
    assert client.get(NEW).status_code == 403
    client.force_login(core_partner_user)
    assert client.get(NEW).status_code == 200


def test_a_supporter_that_leads_a_coalition_may_share_from_it(client, index, supporter_user):
    club = supporter_user.contact_person.participant
    page = CoalitionPageFactory(parent=coalition_index(), title="Rookvrije sportparken")
    add_membership(page, club, role=MemberRole.TREKKER)
    action = ActivityPageFactory(parent=page, title="Bordjes langs het veld")
    client.force_login(supporter_user)
    choices = client.get(NEW).content.decode()
    assert "Rookvrije sportparken" in choices and "Bordjes langs het veld" in choices
    article = share(client, supporter_user, source_activity=str(action.pk), submit="1")
    assert article.get_latest_revision_as_object().source_coalition.pk == page.pk


def test_nobody_edits_another_organisations_article(client, index, partner_user):
    article = share(client, partner_user)
    colleague = ContactUserFactory(
        username="collega", contact__participant=partner_user.contact_person.participant
    )
    other = ContactUserFactory(username="ander", role=Role.PARTNER)
    for url in (
        reverse("knowledge:share_edit", args=[article.pk]),
        reverse("knowledge:share_withdraw", args=[article.pk]),
    ):
        client.force_login(other)
        assert client.get(url).status_code == 404
        assert client.post(url, form(title="Overgenomen")).status_code == 404
        client.force_login(colleague)
        assert client.get(url).status_code in (200, 302)
    assert "Overgenomen" not in account_page(client, partner_user)


def test_image_is_checked_and_stored_in_the_knowledge_collection(client, index, partner_user):
    client.force_login(partner_user)
    response = client.post(NEW, form(image=SimpleUploadedFile("foto.png", b"<script>", "image/png")))
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    response = client.post(NEW, form(image=SimpleUploadedFile("foto.gif", b"GIF89a", "image/gif")))
    assert "Kies een afbeelding in JPG- of PNG-formaat." in response.content.decode()

    article = share(client, partner_user, image=png(), draft="1")
    image = article.get_latest_revision_as_object().image
    assert image.collection.name == MEDIA_COLLECTION and image.width == 40
    assert get_image_model().objects.count() == 1


def test_field_errors_are_shown_next_to_the_fields(client, index, partner_user):
    client.force_login(partner_user)
    response = client.post(NEW, form(title="", text="   "))
    html = response.content.decode()
    assert 'id="id_title_error"' in html and "Schrijf de tekst van het artikel." in html
    assert not KnowledgeArticlePage.objects.exists()


def test_writing_format_round_trips():
    text = TEXT + "\n\n### Kleiner\n1. een\n2. **twee**\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    blocks = writing.to_blocks(text)
    assert [kind for kind, _value in blocks] == ["paragraph", "heading", "paragraph"]
    assert blocks[1] == ("heading", "Wat we deden")
    html = blocks[2][1]
    assert "<h3>Kleiner</h3>" in html and "<ol><li>een</li><li><b>twee</b></li></ol>" in html
    assert '<a href="https://example.org/jeugd">de jeugd</a>' in html
    assert "<script>" not in html and 'href="javascript' not in html
    assert writing.to_blocks(writing.to_text(blocks)) == blocks
