"""Users in each role and a helper that walks an application through the public pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Locale, Page

from home.models import ContentPage
from network.models import ContactPerson, Participant, Role
from network.roles import CORE_PARTNERS, OFFICE, ensure_groups


def make_user(username, group=None, participant=None):
    ensure_groups()
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    if participant:
        ContactPerson.objects.create(participant=participant, name=username, email=user.email, user=user)
    return user


@pytest.fixture
def office_user(db):
    return make_user("bureau", OFFICE)


@pytest.fixture
def office_user2(db):
    return make_user("bureau2", OFFICE)


@pytest.fixture
def core_partner_user(db):
    return make_user(
        "kern", CORE_PARTNERS, Participant.objects.create(name="Kernorganisatie", role=Role.KERNPARTNER)
    )


@pytest.fixture
def partner_user(db):
    return make_user("partner", participant=Participant.objects.create(name="GGD Test", role=Role.PARTNER))


@pytest.fixture
def supporter_user(db):
    return make_user(
        "supporter", participant=Participant.objects.create(name="Sportclub", role=Role.SUPPORTER)
    )


@pytest.fixture
def rules_page(db):
    Locale.objects.get_or_create(
        language_code="nl"
    )  # a transactional test may have flushed the migrated rows
    root = Page.objects.filter(depth=1).first() or Page.add_root(instance=Page(title="Root"))
    page = ContentPage(title="Spelregels", slug="spelregels", version_label="2026.1")
    root.add_child(instance=page)
    return page


def application_data(**overrides):
    data = {
        "kind": "organisatie",
        "organisation_name": "Rookvrije Sportbond",
        "kvk_number": "12345678",
        "website": "https://sportbond.example.org",
        "sector": "sport",
        "region": "",
        "desired_role": "partner",
        "contact_name": "Anna de Vries",
        "job_title": "Beleidsmedewerker",
        "email": "anna@example.org",
        "phone": "030 123 4567",
        "motivation": "Wij willen sportclubs rookvrij maken & kennis delen.",
        "confirm_declaration": "on",
        "confirm_rules": "on",
        "confirm_consent": "on",
        "fax": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def link_from_mail(message, pattern=r"http://\S+/aanmelden/bevestigen/\S+/"):
    return re.search(pattern, message.body).group(0)


def apply_and_verify(client, capture, **overrides):
    """Apply through /aanmelden/ and confirm the e-mail address; returns the Application."""
    from onboarding.models import Application

    with capture(execute=True):
        response = client.post("/aanmelden/", application_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    link = link_from_mail(mail.outbox[-1])
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.post("/" + path)
    return Application.objects.get(email=overrides.get("email", "anna@example.org"))
