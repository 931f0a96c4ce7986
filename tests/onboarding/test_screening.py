"""The office's screening screens: the list with what matters per application, "assign to me" for several,
the one-screen task page, and what the flow tells the shared task lists (about, deadline, summary, address)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from viewflow.workflow.status import STATUS

from network.factories import ParticipantFactory
from onboarding.flows import OnboardingFlow
from onboarding.models import Application
from onboarding.screening import names_alike

from .conftest import apply_and_verify
from .test_flow import ALL_CHECKS, open_task, screen

pytestmark = pytest.mark.django_db

LIST = "/admin/screening/"


def task_page(task):
    return f"/admin/screening/taak/{task.pk}/"


@pytest.fixture
def applied(client, rules_page, django_capture_on_commit_callbacks):
    """Two confirmed applications waiting for screening: (Rookvrije Sportbond, Huisartsenpraktijk De Linde)."""
    first = apply_and_verify(client, django_capture_on_commit_callbacks)
    second = apply_and_verify(
        client,
        django_capture_on_commit_callbacks,
        organisation_name="Huisartsenpraktijk De Linde",
        email="jeroen@delinde.example.org",
        kvk_number="",
        website="",
        region="utrecht",
        sector="zorg",
        desired_role="supporter",
    )
    return first, second


def test_the_list_shows_what_the_office_needs_to_choose(client, applied, office_user):
    sportbond, linde = applied
    ParticipantFactory(name="Sportclub Oost", kvk_number="12345678")  # the same KvK number as the Sportbond
    ParticipantFactory(name="Huisartsenpraktijk De Lindeboom")
    client.force_login(office_user)
    html = client.get(LIST).content.decode()
    rows = html.split("<tbody>", 1)[1].split("</tr>")
    assert "Rookvrije Sportbond" in rows[0] and "Huisartsenpraktijk De Linde" in rows[1]  # the oldest first
    for text in ["Partner", "Sportvereniging of -bond", "Mogelijk bestaande deelnemer", "KvK opgegeven"]:
        assert text in rows[0], text
    for text in ["Supporter", "GGD regio Utrecht", "Naam lijkt op een deelnemer", "Geen website of KvK"]:
        assert text in rows[1], text
    assert "0 dagen" in rows[0] and "termijn tot" in rows[0] and "nog niemand" in rows[0]
    assert f'href="{task_page(open_task(sportbond, "screening"))}"' in rows[0]  # one click to the task
    assert html.count('name="taak"') == 2


def test_the_dashboard_links_the_list(client, applied, office_user):
    client.force_login(office_user)
    html = client.get("/admin/").content.decode()
    assert "2 aanmeldingen wachten op een besluit, 2 door niemand opgepakt" in html
    assert f'href="{LIST}"' in html


def test_assign_several_to_me_each_checked_under_the_lock(client, applied, office_user, office_user2):
    sportbond, linde = applied
    first, second = open_task(sportbond, "screening"), open_task(linde, "screening")
    client.force_login(office_user2)
    client.post("/admin/screening/oppakken/", {"taak": [second.pk]})
    client.force_login(office_user)
    response = client.post("/admin/screening/oppakken/", {"taak": [first.pk, second.pk]}, follow=True)
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.owner, first.status) == (office_user, STATUS.ASSIGNED)
    assert second.owner == office_user2  # taken by a colleague just before: left alone
    html = response.content.decode()
    assert "1 aanmelding is aan u toegewezen" in html
    assert "1 aanmelding kon niet aan u worden toegewezen" in html
    assert response.redirect_chain[-1][0] == LIST
    row = next(r for r in html.split("<tbody>", 1)[1].split("</tr>") if "Huisartsenpraktijk De Linde" in r)
    assert office_user2.get_username() in row


def test_assign_without_a_choice_says_so(client, applied, office_user):
    client.force_login(office_user)
    response = client.post("/admin/screening/oppakken/", {}, follow=True)
    assert "Kies eerst een of meer aanmeldingen om op te pakken." in response.content.decode()


def test_who_may_not_screen_assigns_nothing(client, applied, core_partner_user, partner_user):
    task = open_task(applied[0], "screening")
    client.force_login(core_partner_user)  # may decide what is put before the core partners, not screen
    client.post("/admin/screening/oppakken/", {"taak": [task.pk]})
    task.refresh_from_db()
    assert task.owner is None
    assert "Rookvrije Sportbond" not in client.get(LIST).content.decode()
    client.force_login(partner_user)
    assert client.get(LIST).status_code == 302  # Wagtail's "no permission" answer
    assert client.post("/admin/screening/oppakken/", {"taak": [task.pk]}).status_code == 302
    assert client.get(task_page(task)).status_code == 302
    task.refresh_from_db()
    assert task.owner is None


def test_the_task_page_is_the_whole_application_on_one_screen(
    client, applied, office_user, django_capture_on_commit_callbacks
):
    sportbond, _linde = applied
    earlier = Application.objects.create(
        flow_class=OnboardingFlow,
        organisation_name="Rookvrije Sportbond",
        contact_name="Anna",
        email="anna@example.org",
        motivation="Eerder.",
        decision="reject",
        decision_reason="Onvolledig.",
        decided_at=timezone.now(),
    )
    Application.objects.filter(pk=earlier.pk).update(created=sportbond.created - timedelta(days=300))
    client.force_login(office_user)
    task = open_task(sportbond, "screening")
    html = client.get(task_page(task)).content.decode()
    for text in [
        "Aanmelding screenen: Rookvrije Sportbond",
        "Wij willen sportclubs rookvrij maken &amp; kennis delen.",
        "Beleidsmedewerker",
        "030 123 4567",
        "tabaksteeltbedrijven",  # the three texts as signed, from the archive
        "Ik steun de missie",
        "Ik geef toestemming",
        sportbond.declarations.get().record_hash,
        "De hash klopt met de opgeslagen tekst",
        "Eerdere aanmeldingen van dit adres of deze organisatie",
        "Afwijzen",
        "Onvolledig.",
        "Nog niemand heeft deze aanmelding opgepakt",
        "Besluit opslaan",
    ]:
        assert text in html, text
    assert html.count('type="checkbox"') == len(ALL_CHECKS)


def test_deciding_from_the_page_takes_the_task(
    client, applied, office_user, django_capture_on_commit_callbacks
):
    sportbond, _linde = applied
    task = open_task(sportbond, "screening")
    client.force_login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(task_page(task), {"checks": ALL_CHECKS, "outcome": "accept", "reason": ""})
    assert response.status_code == 302 and response["Location"] == LIST
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.DONE, office_user)
    sportbond.refresh_from_db()
    assert sportbond.participant.name == "Rookvrije Sportbond"


def test_errors_are_summed_up_at_the_top_and_shown_at_the_fields(client, applied, office_user):
    task = open_task(applied[0], "screening")
    client.force_login(office_user)
    response = client.post(task_page(task), {"checks": ["declarations"], "outcome": "accept"})
    html = response.content.decode()
    assert response.status_code == 200
    top = html.split('id="fouten"', 1)[1].split("</div>", 1)[0]
    assert 'href="#veld-checks"' in top and "Voer alle controles uit voordat u de aanvrager toelaat." in top
    field = html.split('id="veld-checks"', 1)[1].split('id="veld-outcome"', 1)[0]
    assert "Voer alle controles uit" in field
    response = client.post(task_page(task), {"outcome": "reject", "reason": ""})
    assert 'href="#veld-reason"' in response.content.decode()
    response = client.post(task_page(task), {})
    assert 'href="#veld-outcome"' in response.content.decode()
    task.refresh_from_db()
    assert task.status == STATUS.NEW


def test_a_colleague_sees_a_taken_task_without_the_form(client, applied, office_user, office_user2):
    task = open_task(applied[0], "screening")
    client.force_login(office_user2)
    client.post("/admin/screening/oppakken/", {"taak": [task.pk]})
    client.force_login(office_user)
    html = client.get(task_page(task)).content.decode()
    assert f"In behandeling bij {office_user2.get_username()}" in html
    assert "Besluit opslaan" not in html and "tabaksteeltbedrijven" in html
    response = client.post(task_page(task), {"outcome": "reject", "reason": "Nee."}, follow=True)
    assert "al afgehandeld of aan iemand anders toegewezen" in response.content.decode()
    task.refresh_from_db()
    assert task.owner == office_user2 and task.status == STATUS.ASSIGNED


def test_core_partners_decide_on_the_same_screen(
    client, applied, office_user, core_partner_user, django_capture_on_commit_callbacks
):
    sportbond, _linde = applied
    screen(client, office_user, sportbond, outcome="kernpartners", reason="Twijfel over een groothandel.")
    decision = open_task(sportbond, "core_partners")
    assert OnboardingFlow.task_url(decision) == task_page(decision)
    client.force_login(core_partner_user)
    listing = client.get(LIST).content.decode()
    assert "Rookvrije Sportbond" in listing and "Besluit kernpartners" in listing
    assert "Huisartsenpraktijk De Linde" not in listing  # the office's screening is not theirs
    assert "1 aanmelding wacht op een besluit" in client.get("/admin/").content.decode()
    html = client.get(task_page(decision)).content.decode()
    assert "Twijfel over een groothandel." in html and "Uw besluit als kernpartner" in html
    assert "Gecontroleerd door het netwerkbureau:" in html and "geen van de controles" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(task_page(decision), {"decision": "accept", "reason": "Geen banden gevonden."})
    assert response.status_code == 302
    sportbond.refresh_from_db()
    assert sportbond.decision == "accept" and sportbond.participant is not None


def test_what_the_flow_tells_the_task_lists(client, applied, office_user, django_capture_on_commit_callbacks):
    sportbond, _linde = applied
    task = open_task(sportbond, "screening")
    assert sportbond.about() == "Aanmelding van Rookvrije Sportbond"
    assert sportbond.deadline(task) == task.created + timedelta(days=5)
    assert OnboardingFlow.task_url(task) == task_page(task)
    assert {str(node.task_title) for node in OnboardingFlow.instance.nodes()} >= {
        "Aanmelding ontvangen",
        "E-mailadres bevestigen",
        "Aanmelding screenen",
        "Besluit kernpartners",
        "Afgerond",
    }
    screen(client, office_user, sportbond, outcome="kernpartners", reason="Twijfel.")
    sportbond.refresh_from_db()
    task.refresh_from_db()
    assert sportbond.task_summary(task) == "Voorleggen aan de kernpartners: Twijfel."
    assert sportbond.deadline(open_task(sportbond, "core_partners")) is None


def test_names_alike_ignores_what_kind_of_body_it_is_and_small_misspellings():
    assert names_alike("Stichting De Linde", "De Linde")
    assert names_alike("Huisartsenpraktijk De Linde", "Huisartsenpraktijk de Lindeboom")
    assert names_alike("Rookvrij Sportbond", "Stichting Rookvrije Sportbond Nederland")
    assert not names_alike("Stichting Rookvrije Speeltuinen", "Stichting Rookvrije Generatie")
    assert not names_alike("GGD-team Utrecht", "GGD-team Maastricht")
    assert not names_alike("Sportclub Oost", "Sportclub West")
    assert not names_alike("Stichting", "Stichting Abc")


def test_the_same_name_but_for_punctuation_is_a_possible_existing_participant(client, applied, office_user):
    ParticipantFactory(name="Rookvrije-Sportbond")
    client.force_login(office_user)
    html = client.get(task_page(open_task(applied[0], "screening"))).content.decode()
    assert "Mogelijk bestaande deelnemer: Rookvrije-Sportbond (zelfde naam)" in html
    assert "Naam lijkt op deelnemer Rookvrije-Sportbond" not in html
