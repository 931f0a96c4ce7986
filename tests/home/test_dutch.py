"""One way of speaking on the whole platform (issue 16): Wagtail's own messages and mails say "u", its default
workflow has a Dutch name, every page has an icon."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Task, Workflow

from network.factories import UserFactory

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(r"\b([Jj]e|[Jj]ouw|[Jj]ij|Hallo)\b")


def test_wagtail_says_u_where_the_platform_does():
    with translation.override("nl"):
        assert translation.gettext("Sorry, you do not have permission to access this area.") == (
            "Sorry, u heeft geen toegang tot dit gedeelte."
        )
        assert translation.gettext("Awaiting your review") == "Wacht op uw beoordeling"
        # An abandoned draft holds its slug: the editor is told how to get past it.
        taken = translation.gettext("The slug '%(page_slug)s' is already in use within the parent page.")
        assert "concept dat nooit is gepubliceerd" in taken and "verwijder" in taken
        mail = render_to_string(
            "wagtailadmin/notifications/base.txt",
            {"user": UserFactory(first_name="Els")},
        )
    assert "Beste Els," in mail and not INFORMAL.search(mail)


def test_the_default_workflow_and_its_task_have_dutch_names():
    names = set(Workflow.objects.values_list("name", flat=True)) | set(
        Task.objects.values_list("name", flat=True)
    )
    assert "Moderators approval" not in names
    assert not {name for name in names if name.endswith(" approval")}


def test_wagtails_own_groups_have_dutch_names():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Moderatoren", "Redacteuren"} <= names and not names & {"Moderators", "Editors"}


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert '<link rel="icon"' in client.get("/login/").content.decode()
