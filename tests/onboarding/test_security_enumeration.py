"""The application form must not tell a visitor whose e-mail addresses belong to the network (issue 13, point
11), and a line break in a name must neither be accepted nor break the core partners' mail (point 13)."""

import pytest
from django.core import mail
from viewflow.workflow.models import Task

from network.factories import ContactPersonFactory
from network.models import Role
from onboarding.models import Application, Declaration

from .conftest import application_data, apply_and_verify
from .test_flow import screen

pytestmark = pytest.mark.django_db


def apply(client, capture, **overrides):
    with capture(execute=True):
        response = client.post("/aanmelden/", application_data(**overrides))
    return response, client.get(response["Location"]).content.decode()


def test_a_participants_address_gets_the_same_page_as_a_new_one_and_the_truth_by_mail(
    client, rules_page, django_capture_on_commit_callbacks
):
    ContactPersonFactory(
        participant__name="Bestaande Stichting",
        participant__role=Role.SUPPORTER,
        name="Bert",
        email="bert@example.org",
    )

    new, new_page = apply(client, django_capture_on_commit_callbacks)
    known, known_page = apply(
        client, django_capture_on_commit_callbacks, organisation_name="Nieuw", email="BERT@example.org"
    )

    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert known_page == new_page and "Controleer uw e-mail" in known_page
    assert "hoort al bij" not in known_page and "al deelnemer" not in known_page
    assert Application.objects.count() == Declaration.objects.count() == 1  # only the new applicant's
    verification, warning = mail.outbox
    assert verification.to == ["anna@example.org"] and "/aanmelden/bevestigen/" in verification.body
    assert warning.to == ["BERT@example.org"]
    assert "U bent al deelnemer" in warning.body and "Bestaande Stichting" in warning.body
    assert "/login/" in warning.body and "netwerkbureau" in warning.body


def test_an_open_applications_address_gets_the_same_page_and_its_status_link_by_mail(
    client, rules_page, django_capture_on_commit_callbacks
):
    first, first_page = apply(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    again, again_page = apply(client, django_capture_on_commit_callbacks, organisation_name="Andere naam")
    assert (again.status_code, again["Location"], again_page) == (302, first["Location"], first_page)
    assert Application.objects.count() == Declaration.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"] and "Er loopt al een aanmelding" in message.body
    assert "/aanmelden/status/" in message.body and "/aanmelden/bevestigen/" in message.body


@pytest.mark.parametrize("name", ["Rookvrije\nSportbond", "Rookvrije\rSportbond", "Sportbond\u202egnp.exe"])
def test_a_name_with_a_line_break_or_direction_override_is_refused_at_the_field(client, rules_page, name):
    response = client.post("/aanmelden/", application_data(organisation_name=name))
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        'id="id_organisation_name_error"' in html and "geen regeleinden, tabs of onzichtbare tekens" in html
    )
    assert not Application.objects.exists() and not mail.outbox


def test_a_tab_in_the_contact_name_is_refused_at_the_field(client, rules_page):
    response = client.post("/aanmelden/", application_data(contact_name="Anna\tde Vries"))
    html = response.content.decode()
    assert response.status_code == 400 and 'id="id_contact_name_error"' in html and "regeleinden" in html


def test_a_name_from_old_data_does_not_break_the_forward_to_the_core_partners(
    client, rules_page, office_user, core_partner_user, django_capture_on_commit_callbacks
):
    application = apply_and_verify(client, django_capture_on_commit_callbacks)
    Application.objects.filter(pk=application.pk).update(
        organisation_name="Rookvrije\r\nSportbond\nBcc: iedereen@example.org"
    )  # as if created before the form refused it
    with django_capture_on_commit_callbacks(execute=True):
        response = screen(client, office_user, application, outcome="kernpartners", reason="Twijfel.")
    assert response.status_code == 302
    assert Task.objects.filter(process=application, flow_task=application.flow_class.core_partners).exists()
    # What task lists and the mails about the task (workflows) say about it is one line.
    application.refresh_from_db()
    assert application.about() == "Aanmelding van Rookvrije Sportbond Bcc: iedereen@example.org"
