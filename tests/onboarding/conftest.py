"""An application as the public form sends it, and a helper that walks it through the public pages (the
users in each role and the rules page are fixtures of tests/conftest.py)."""

import re

from django.core import mail


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
