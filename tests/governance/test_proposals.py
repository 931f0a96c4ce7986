"""Proposals to change the rules or the way of working (issue 20.5): any participant files one, others support
or comment, the core partners decide it in the reflection's task form, and the proposer and the supporters are
mailed the outcome once. All through the views."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from governance.flows import ReflectionFlow
from governance.models import Proposal, ProposalComment, ProposalSupport, ReflectionProcess
from governance.proposal_mail import send_proposal_outcomes
from governance.tasks import start_due_reflection
from network import audit
from network.factories import UserFactory
from network.models import Participant, Role
from nnr_site import forms as nnr_forms

from .conftest import core_partners, member, office_user, open_task, task_path

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "title": "Nieuwe deelnemers krijgen een maatje",
    "what": "Elke nieuwe deelnemer krijgt drie maanden een maatje.",
    "why": "Zo vinden nieuwe deelnemers sneller hun weg.",
}
LIMIT_MESSAGE = "U heeft het afgelopen uur al veel geplaatst. Probeer het over een uur opnieuw."
NO_HTML = "Gebruik geen HTML of codes met &lt; en &gt; in dit veld."


def file(client, user, **changes):
    client.force_login(user)
    response = client.post("/voorstellen/nieuw/", {**PROPOSAL, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Proposal.objects.latest("pk")


def test_a_participant_files_a_proposal_others_support_it_and_take_their_support_back(client):
    _, author = member("Sportclub Rookvrij")
    other, other_user = member("GGD Noord")
    client.force_login(author)
    assert "Een voorstel doen" in client.get("/voorstellen/").content.decode()
    refused = client.post("/voorstellen/nieuw/", {**PROPOSAL, "what": ""})
    assert refused.status_code == 400 and "Wat stelt u voor?" in refused.content.decode()
    proposal = file(client, author)
    assert (proposal.proposer.user, proposal.status) == (author, Proposal.Status.OPEN)
    entry = ModelLogEntry.objects.get(action=audit.PROPOSAL_FILED)
    assert entry.object_id == str(proposal.pk) and "Sportclub Rookvrij" in entry.data["author"]
    page = client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    assert (
        PROPOSAL["what"] in page
        and PROPOSAL["why"] in page
        and "Dit voorstel komt van uw organisatie." in page
    )
    # The proposer's own organisation does not support its own proposal.
    assert client.post(f"/voorstellen/{proposal.pk}/steun/").status_code == 403

    client.force_login(other_user)
    listed = client.get("/voorstellen/").content.decode()
    assert PROPOSAL["title"] in listed and "0 deelnemers steunen het" in listed
    assert "Steunen namens GGD Noord" in client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    for _ in range(2):  # pressed twice: one support
        client.post(f"/voorstellen/{proposal.pk}/steun/")
    assert list(proposal.supports.values_list("participant", flat=True)) == [other.pk]
    page = client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    assert "GGD Noord steunt dit voorstel." in page and "Gesteund door 1 deelnemer" in page
    assert "1 deelnemer steunt het" in client.get("/voorstellen/").content.decode()
    client.post(f"/voorstellen/{proposal.pk}/steun/", {"intrekken": "1"})
    assert not proposal.supports.exists()
    assert "Steunen namens GGD Noord" in client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    # Decided proposals are under "Besloten", not among the ones still to be decided.
    assert PROPOSAL["title"] not in client.get("/voorstellen/?status=besloten").content.decode()


def test_comments_are_plain_text_and_html_is_refused_at_the_field(client):
    _, author = member("Sportclub Rookvrij")
    proposal = file(client, author)
    refused = client.post(
        f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "<b>Ja!</b> <script>x()</script>"}
    )
    assert refused.status_code == 400 and NO_HTML in refused.content.decode()
    refused = client.post("/voorstellen/nieuw/", {**PROPOSAL, "why": "Want <a href='x'>dit</a>"})
    assert refused.status_code == 400 and NO_HTML in refused.content.decode()
    assert not ProposalComment.objects.exists() and Proposal.objects.count() == 1
    response = client.post(
        f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "Kan dit ook voor 5 < 10 leden?"}
    )
    assert response.status_code == 302
    page = client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    assert "Kan dit ook voor 5 &lt; 10 leden?" in page and "1 opmerking" in page


def test_comments_and_proposals_are_limited_per_person_and_hour(client, monkeypatch):
    assert nnr_forms.MEMBER_WRITE_RATE == "20/h"
    monkeypatch.setattr(nnr_forms, "MEMBER_WRITE_RATE", "2/h")
    _, author = member("Sportclub Rookvrij")
    _, other = member("GGD Noord")
    proposal = file(client, author)
    file(client, author, title="Tweede voorstel")
    response = client.post("/voorstellen/nieuw/", {**PROPOSAL, "title": "Derde voorstel"})
    assert response.status_code == 429 and LIMIT_MESSAGE in response.content.decode()
    assert "Derde voorstel" in response.content.decode() and Proposal.objects.count() == 2
    url = f"/voorstellen/{proposal.pk}/opmerkingen/"
    for n in range(2):
        assert client.post(url, {"text": f"Opmerking {n}"}).status_code == 302
    response = client.post(url, {"text": "Nog een"})
    assert response.status_code == 429 and LIMIT_MESSAGE in response.content.decode()
    assert "Nog een" in response.content.decode() and ProposalComment.objects.count() == 2
    client.force_login(other)  # per person
    assert client.post(url, {"text": "Van een ander"}).status_code == 302


def test_only_logged_in_participants_and_the_office_see_proposals(client):
    _, author = member("Sportclub Rookvrij")
    proposal = file(client, author)
    client.logout()
    for path in ("/voorstellen/", f"/voorstellen/{proposal.pk}/", "/voorstellen/nieuw/"):
        assert "/inloggen/" in client.get(path)["Location"] or "login" in client.get(path)["Location"]
    assert client.post(f"/voorstellen/{proposal.pk}/steun/").status_code == 302
    assert not proposal.supports.exists()
    # A user who is no participant's contact person.
    client.force_login(UserFactory(username="buitenstaander"))
    assert client.get("/voorstellen/").status_code == 403
    assert client.get(f"/voorstellen/{proposal.pk}/").status_code == 403
    assert client.post(f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "Hoi"}).status_code == 403
    # A participant that left the network.
    gone, gone_user = member("Oud-deelnemer")
    Participant.objects.filter(pk=gone.pk).update(status=Participant.Status.LEFT)
    client.force_login(gone_user)
    assert client.get("/voorstellen/").status_code == 403
    assert client.post("/voorstellen/nieuw/", PROPOSAL).status_code == 403
    # The office reads, but speaks for no organisation: it files, supports and comments nothing.
    client.force_login(office_user())
    assert PROPOSAL["title"] in client.get("/voorstellen/").content.decode()
    assert client.get("/voorstellen/nieuw/").status_code == 403
    assert client.post(f"/voorstellen/{proposal.pk}/steun/").status_code == 403
    assert client.post(f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "Hoi"}).status_code == 403
    assert not proposal.supports.exists() and not proposal.comments.exists()


def test_the_office_hides_a_comment_after_confirming_and_the_logboek_says_so(client):
    _, author = member("Sportclub Rookvrij")
    _, other = member("GGD Noord")
    proposal = file(client, author)
    client.force_login(other)
    client.post(f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "Een onaardige opmerking"})
    comment = ProposalComment.objects.get()
    assert client.get(f"/voorstellen/opmerkingen/{comment.pk}/verbergen/").status_code == 403
    client.force_login(office_user())
    confirm = client.get(f"/voorstellen/opmerkingen/{comment.pk}/verbergen/").content.decode()
    assert "Opmerking verbergen?" in confirm and "Een onaardige opmerking" in confirm
    comment.refresh_from_db()
    assert not comment.is_hidden  # asking is not hiding
    client.post(f"/voorstellen/opmerkingen/{comment.pk}/verbergen/")
    client.post(f"/voorstellen/opmerkingen/{comment.pk}/verbergen/")  # once, however often pressed
    entries = ModelLogEntry.objects.filter(action=audit.HIDDEN)
    assert entries.count() == 1 and entries.get().data["what"] == "opmerking"
    assert "Opmerking bij een voorstel van Contact GGD Noord" in entries.get().message
    assert "Een onaardige opmerking" in client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    client.force_login(author)
    page = client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    assert "Een onaardige opmerking" not in page and "0 opmerkingen" in page
    client.force_login(office_user("bureau2"))
    client.post(f"/voorstellen/opmerkingen/{comment.pk}/terugzetten/")
    assert ModelLogEntry.objects.filter(action=audit.SHOWN_AGAIN).count() == 1
    client.force_login(author)
    assert "Een onaardige opmerking" in client.get(f"/voorstellen/{proposal.pk}/").content.decode()


def test_a_proposal_goes_from_filed_to_decided_in_the_reflection_and_its_people_are_mailed_once(
    client, django_capture_on_commit_callbacks
):
    (kern, kern_user), _ = core_partners(2)
    _, author = member("Sportclub Rookvrij")
    _, supporter = member("GGD Noord", Role.SUPPORTER)
    proposal = file(client, author)
    client.force_login(supporter)
    client.post(f"/voorstellen/{proposal.pk}/steun/")
    with django_capture_on_commit_callbacks(execute=True):
        reflection = ReflectionProcess.objects.get(pk=start_due_reflection())
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reflection) == (Proposal.Status.IN_REFLECTION, reflection)
    # Filed while the reflection runs: straight onto its agenda.
    late = file(client, author, title="Later voorstel")
    assert (late.status, late.reflection) == (Proposal.Status.IN_REFLECTION, reflection)
    assert "In de reflectie" in client.get(f"/voorstellen/{proposal.pk}/").content.decode()

    mail.outbox.clear()
    task = open_task(reflection, ReflectionFlow.reflect)
    client.force_login(kern_user)
    form = client.get(task_path(task)).content.decode()
    assert PROPOSAL["title"] in form and "Later voorstel" in form and "1 deelnemer steunt het" in form
    answer = {"conclusions": "De spelregels passen, met een maatje erbij."}
    refused = client.post(task_path(task), answer)
    assert refused.status_code == 400 and "Kies een besluit" in refused.content.decode()
    answer |= {
        f"besluit_{proposal.pk}": "aangenomen",
        f"toelichting_{proposal.pk}": "Het netwerkbureau koppelt nieuwe deelnemers aan een maatje.",
        f"besluit_{late.pk}": "uitgesteld",
        f"toelichting_{late.pk}": "Komt in de volgende reflectie terug.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(task_path(task), answer).status_code == 302
    proposal.refresh_from_db()
    late.refresh_from_db()
    assert (proposal.status, proposal.decision().outcome) == (Proposal.Status.DECIDED, "aangenomen")
    assert (late.status, late.reflection) == (Proposal.Status.OPEN, None)  # waits for the next reflection
    entry = ModelLogEntry.objects.get(action=audit.PROPOSAL_DECIDED, object_id=str(proposal.pk))
    assert entry.message.startswith("Voorstel aangenomen in Reflectie")

    # The proposer and the supporter hear the outcome, once each.
    to_proposer = [m for m in mail.outbox if m.to == [author.email]]
    to_supporter = [m for m in mail.outbox if m.to == [supporter.email]]
    outcome = [m for m in to_proposer if PROPOSAL["title"] in m.subject]
    assert len(outcome) == 1 and outcome[0].subject.startswith("Besluit over uw voorstel")
    assert "Besluit: Aangenomen" in outcome[0].body and "koppelt nieuwe deelnemers" in outcome[0].body
    assert len(to_supporter) == 1 and "een voorstel dat u steunt" in to_supporter[0].subject
    assert len([m for m in to_proposer if "Later voorstel" in m.subject]) == 1
    sent = len(mail.outbox)
    send_proposal_outcomes(reflection.pk)  # a retried task sends nothing again
    assert len(mail.outbox) == sent

    # Visible to participants: on the proposal, in the list of decided ones and on the reflection.
    client.force_login(supporter)
    page = client.get(f"/voorstellen/{proposal.pk}/").content.decode()
    assert "Besloten: aangenomen" in page and "koppelt nieuwe deelnemers" in page
    assert "Steunen namens" not in page and "Steun intrekken" not in page
    assert PROPOSAL["title"] in client.get("/voorstellen/?status=besloten").content.decode()
    assert PROPOSAL["title"] not in client.get("/voorstellen/").content.decode()
    process_page = client.get(f"/werkstromen/reflectie/{reflection.pk}/").content.decode()
    assert "Besloten over 2 voorstellen." in process_page and "Besluiten over voorstellen" in process_page
    archive = client.get("/mijn/reflecties/").content.decode()
    assert "Besluiten over voorstellen" in archive and "koppelt nieuwe deelnemers" in archive

    # The next reflection takes the postponed one in again.
    reflection2 = ReflectionFlow.start.run(title="Reflectie twee")
    late.refresh_from_db()
    assert (late.status, late.reflection) == (Proposal.Status.IN_REFLECTION, reflection2)
    client.force_login(kern_user)
    form = client.get(task_path(open_task(reflection2, ReflectionFlow.reflect))).content.decode()
    assert "Later voorstel" in form and PROPOSAL["title"] not in form


def test_a_withdrawn_reflection_gives_its_proposals_back(client):
    core_partners(1)
    _, author = member("Sportclub Rookvrij")
    proposal = file(client, author)
    reflection = ReflectionFlow.start.run(title="Reflectie die niet doorgaat")
    client.force_login(office_user())
    response = client.post(
        f"/werkstromen/reflectie/{reflection.pk}/intrekken/", {"intrekken-reason": "Verkeerd gestart."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reflection) == (Proposal.Status.OPEN, None)


def test_my_network_shows_how_many_wait_and_the_organisations_own_proposals(client):
    _, author = member("Sportclub Rookvrij")
    _, other = member("GGD Noord")
    file(client, author)
    file(client, author, title="Tweede voorstel")
    page = client.get("/mijn/").content.decode()
    assert "2 voorstellen om de spelregels of de werkwijze te veranderen wachten" in page
    assert "Voorstellen van uw organisatie" in page and "Tweede voorstel" in page
    client.force_login(other)
    page = client.get("/mijn/").content.decode()
    assert "2 voorstellen" in page and "Voorstellen van uw organisatie" not in page


def test_privacy_export_and_erasure(client):
    from network.privacy import erase_person, export_person

    _, author = member("Sportclub Rookvrij")
    _, other = member("GGD Noord")
    proposal = file(client, author)
    lonely = file(client, author, title="Voorstel zonder steun")
    client.force_login(other)
    client.post(f"/voorstellen/{proposal.pk}/steun/")
    client.post(f"/voorstellen/{proposal.pk}/opmerkingen/", {"text": "Mee eens."})
    exported = export_person(other.email)
    assert "Mee eens." in str(exported) and PROPOSAL["title"] in str(exported)
    erase_person(author.email)
    proposal.refresh_from_db()
    assert proposal.proposer is None  # others supported it: it stays, without its proposer
    assert not Proposal.objects.filter(pk=lonely.pk).exists()
    erase_person(other.email)
    assert not ProposalSupport.objects.exists() and not ProposalComment.objects.exists()


def test_the_archive_in_the_admin_shows_proposals_read_only(client):
    _, author = member("Sportclub Rookvrij")
    proposal = file(client, author)
    client.force_login(office_user())
    assert PROPOSAL["title"] in client.get("/admin/voorstellen/").content.decode()
    page = client.get(f"/admin/voorstellen/inspect/{proposal.pk}/")
    assert (
        page.status_code == 200
        and PROPOSAL["why"] in page.content.decode()
        and "Open" in page.content.decode()
    )
    assert client.get(f"/admin/voorstellen/edit/{proposal.pk}/").status_code == 404
