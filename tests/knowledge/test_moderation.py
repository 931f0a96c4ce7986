"""Editors publish; partners share: a partner's article reaches the public only after the office approves it."""

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from knowledge.editorial import WORKFLOW_NAME, ensure_editorial_setup
from knowledge.factories import article
from knowledge.models import KnowledgeArticlePage
from network.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("knowledge", "knowledgearticlepage", index.pk))


def article_form(title, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Hoe onze sportvereniging rookvrij werd.",
            "article_type": "les",
            "date": "2026-11-20",
            "tags": "sport",
            "author": "",
            "image": "",
            "body": streamfield(
                [
                    (
                        "lesson",
                        {
                            "situation": '{"blocks":[{"key":"a","type":"unstyled","text":"Roken langs de lijn.","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
                            "approach": '{"blocks":[{"key":"b","type":"unstyled","text":"Bordjes en gesprekken.","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
                            "learned": '{"blocks":[{"key":"c","type":"unstyled","text":"Begin bij de jeugd.","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def submit_as_partner(client, index, partner_user, title="Rookvrij langs de lijn"):
    client.force_login(partner_user)
    response = client.post(add_url(index), article_form(title, **{"action-submit": "1"}))
    assert response.status_code == 302, response.context["form"].errors.as_text()
    return KnowledgeArticlePage.objects.get(title=title)


def approve_as_office(client, page, office_user, action="approve", comment=""):
    client.force_login(office_user)
    state = WorkflowState.objects.for_instance(page).active().get()
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.current_task_state.pk))
    return client.post(url, {"comment": comment} if comment else {})


def test_partner_article_waits_for_the_office_then_goes_public(client, index, partner_user, office_user):
    page = submit_as_partner(client, index, partner_user)
    assert not page.live
    assert page.author.name == "GGD Testregio"  # defaults to the partner's own organisation
    assert WorkflowState.objects.for_instance(page).active().get().status == "in_progress"
    client.logout()
    assert "Rookvrij langs de lijn" not in client.get("/kennis/").content.decode()
    assert client.get("/kennis/rookvrij-langs-de-lijn/").status_code == 404

    response = approve_as_office(client, page, office_user)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert "Rookvrij langs de lijn" in client.get("/kennis/").content.decode()
    html = client.get("/kennis/rookvrij-langs-de-lijn/").content.decode()
    assert "Begin bij de jeugd." in html and "Gedeeld door GGD Testregio" in html


def test_partner_cannot_publish_directly(client, index, partner_user):
    client.force_login(partner_user)
    client.post(add_url(index), article_form("Zelf publiceren", **{"action-publish": "1"}))
    page = KnowledgeArticlePage.objects.get(title="Zelf publiceren")
    assert not page.live


def test_office_publishes_directly(client, index, office_user):
    client.force_login(office_user)
    response = client.post(add_url(index), article_form("Bericht van het bureau", **{"action-publish": "1"}))
    assert response.status_code == 302
    assert KnowledgeArticlePage.objects.get(title="Bericht van het bureau").live


def test_author_sees_state_and_the_office_comment(client, index, partner_user, office_user):
    page = submit_as_partner(client, index, partner_user)
    html = client.get("/mijn/").content.decode()
    assert "Mijn kennisartikelen" in html and "Ter beoordeling bij het netwerkbureau" in html

    approve_as_office(client, page, office_user, action="reject", comment="Graag een bron toevoegen.")
    client.force_login(partner_user)
    html = client.get("/mijn/").content.decode()
    assert "Aanpassing gevraagd door het netwerkbureau" in html and "Graag een bron toevoegen." in html
    page.refresh_from_db()
    assert not page.live
    # The page editor in the admin shows the same state to the author.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code == 200


def test_partner_cannot_approve_or_edit_others_articles(client, index, partner_user, office_user):
    page = submit_as_partner(client, index, partner_user)
    other = UserFactory(username="ander", groups=partner_user.groups.values_list("name", flat=True))
    client.force_login(other)
    state = WorkflowState.objects.for_instance(page).active().get()
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk)
    )
    client.post(url)
    page.refresh_from_db()
    assert not page.live
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code in (302, 403)
    office_article = article(index, "Van het bureau")
    assert client.get(reverse("wagtailadmin_pages:edit", args=(office_article.pk,))).status_code in (302, 403)


def test_setup_is_idempotent(index):
    before = GroupPagePermission.objects.filter(page=index).count()
    ensure_editorial_setup()
    ensure_editorial_setup()
    assert GroupPagePermission.objects.filter(page=index).count() == before == 5
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.tasks.count() == 1
    assert WorkflowPage.objects.get(page=index).workflow == workflow
