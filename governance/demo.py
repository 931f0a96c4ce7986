"""Demo data for the network-role flows, for people to walk through (README, "Demo log-ins"):

- a log-in for each of the other six demo core partners (`kernpartner2` … `kernpartner7`; `kernpartner` is
  network's), with the demo password and the demo authenticator app, as their primary contact person;
- a handover waiting for the successor's answer (with a document for the successor: `partner` answers);
- a handover in its objection period (an open seat): the other core partners may object, `bureau` may close
  the period early;
- an exit request waiting for another core partner's support (`kernpartner`, `kernpartner3` … may give it);
- a reflection open for the core partners, and one archived;
- proposals to change the rules or the way of working: one by `partner` with the support of three participants
  and two comments, on the open reflection's agenda; one by `kernpartner2` without support; one decided in the
  archived reflection ("aangepast aangenomen").

Driven through the flows themselves (as the users would), so the demo shows real task history. Idempotent.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import give_demo_app
from accounts.policy import needs_second_factor
from network.demo import DEMO_PASSWORD
from network.models import ContactPerson, Participant, Role

from . import proposals
from .access import primary_user
from .flows import ExitRequestFlow, HandoverFlow, ReflectionFlow
from .models import (
    ExitRequestProcess,
    HandoverDocument,
    HandoverNomination,
    HandoverProcess,
    Proposal,
    ProposalComment,
    ProposalDecision,
    ProposalSupport,
    ReflectionProcess,
)

DEPARTING = "Stichting Rookvrije Generatie (demo)"
SUCCESSOR = "GGD-team Utrecht"
OPEN_SEAT_DEPARTING = "Kenniscentrum Tabakspreventie (demo)"
EXIT_REQUESTER = "Longfonds Rookvrij (demo)"
EXIT_CONCERNED_PREFIX = "Voetbalvereniging "
REFLECTION_TITLE = "Reflectie transitiejaar (demo)"
OPEN_REFLECTION_TITLE = "Reflectie na het eerste netwerkjaar (demo)"
DOCUMENT_NAME = "draaiboek-kernoverleg.txt"
DOCUMENT_TEXT = (
    "Draaiboek kernoverleg (demo)\n\n"
    "1. Agenda twee weken vooraf rondsturen aan de kernpartners.\n"
    "2. Verslag binnen een week delen via het netwerkbureau.\n"
)
# The other six core partners of network/demo.py's CORE, each with a log-in of its own.
CORE_PARTNER_LOGINS = {
    "kernpartner2": "Longfonds Rookvrij (demo)",
    "kernpartner3": "Hartstichting Rookvrij (demo)",
    "kernpartner4": "GGD GHOR Netwerk (demo)",
    "kernpartner5": "Vereniging Huisartsen Rookvrij (demo)",
    "kernpartner6": "Kenniscentrum Tabakspreventie (demo)",
    "kernpartner7": "Sportbond Rookvrij Sporten (demo)",
}


def _do(process, node, user, **fields):
    """Take and complete a task from code, after storing what the user would have filled in."""
    for name, value in fields.items():
        setattr(process, name, value)
    process.save()
    task = process.task_set.get(flow_task=node, status__in=["NEW", "ASSIGNED"])
    activation = node.activation_class(task)
    if task.owner_id is None:
        activation.assign(user)
        activation = node.activation_class(task)
    activation.start(None)
    activation.execute()


def core_partner_logins(command):
    """A log-in for the primary contact person of each other demo core partner (its name, its address)."""
    User = get_user_model()
    for username, name in CORE_PARTNER_LOGINS.items():
        participant = Participant.objects.filter(name=name, role=Role.KERNPARTNER).first()
        user = User.objects.filter(username=username).first()
        if participant is None:
            continue
        if user is None:
            contact = participant.contacts.filter(user=None).order_by("-is_primary", "pk").first()
            if contact is None:
                continue
            first, _, last = contact.name.partition(" ")
            user = User.objects.create_user(
                username, email=contact.email, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
            contact.user = user
            contact.save()  # puts the user in the core partners' group (network.roles.sync_groups)
        if needs_second_factor(user):
            give_demo_app(user)
    command.stdout.write(
        f"  kernpartners: {', '.join(CORE_PARTNER_LOGINS)} (wachtwoord '{DEMO_PASSWORD}', tweestapsverificatie)"
    )


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def handover_waiting_for_successor(command):
    departing = Participant.objects.filter(name=DEPARTING).first()
    successor = Participant.objects.filter(name=SUCCESSOR).first()
    if departing and successor and not HandoverProcess.objects.filter(departing=departing).exists():
        user = primary_user(departing)
        process = HandoverFlow.start.run(departing=departing, by=user)
        _do(
            process,
            HandoverFlow.prepare,
            user,
            notes="Het draaiboek voor het kernoverleg staat in de gedeelde map.",
        )
        HandoverNomination.objects.create(process=process, participant=successor, nominated_by=user)
        _do(process, HandoverFlow.nominate, user, successor=successor)
        command.stdout.write(f"  overdracht: {departing} → {successor} (wacht op antwoord van de opvolger)")
    handover = (
        HandoverProcess.objects.filter(departing=departing, finished=None).first() if departing else None
    )
    if handover and not handover.documents.exists():
        HandoverDocument.objects.create(
            process=handover,
            title="Draaiboek kernoverleg",
            file=ContentFile(DOCUMENT_TEXT.encode(), name=DOCUMENT_NAME),
            original_name=DOCUMENT_NAME,
        )


def handover_in_objection_period(command):
    departing = Participant.objects.filter(name=OPEN_SEAT_DEPARTING).first()
    user = primary_user(departing) if departing else None
    if user is None or HandoverProcess.objects.filter(departing=departing).exists():
        return
    process = HandoverFlow.start.run(departing=departing, by=user)
    _do(
        process,
        HandoverFlow.prepare,
        user,
        notes="De kennisagenda en de contacten met de onderzoekers liggen bij het netwerkbureau.",
    )
    _do(process, HandoverFlow.nominate, user, open_seat=True)
    command.stdout.write(f"  overdracht: {departing} → open plaats (bezwaartermijn loopt)")


def exit_request_waiting_for_support(command):
    requester = Participant.objects.filter(name=EXIT_REQUESTER).first()
    concerned = (
        Participant.objects.filter(
            name__startswith=EXIT_CONCERNED_PREFIX, role=Role.PARTNER, status=Participant.Status.ACTIVE
        )
        .order_by("name")
        .first()
    )
    user = primary_user(requester) if requester else None
    if user is None or concerned is None or ExitRequestProcess.objects.filter(participant=concerned).exists():
        return
    ExitRequestFlow.start.run(
        participant=concerned,
        by=user,
        requesting_participant=requester,
        reason=(
            "Heeft in een persbericht en op sociale media gesproken namens Netwerk Nederland Rookvrij, "
            "zonder afstemming, en reageerde niet op twee verzoeken om dat recht te zetten."
        ),
        rule="Deelnemers communiceren niet namens het netwerk zonder afstemming met de kernpartners.",
    )
    command.stdout.write(f"  verzoek tot vertrek: {concerned} (wacht op steun van een andere kernpartner)")


def reflections(command):
    if not ReflectionProcess.objects.filter(title=REFLECTION_TITLE).exists():
        reflection = ReflectionFlow.start.run(title=REFLECTION_TITLE)
        author = _user("kernpartner")
        _do(
            reflection,
            ReflectionFlow.reflect,
            author,
            conclusions=(
                "De missie staat. De spelregels werken, maar 'niet namens het netwerk communiceren' vraagt om "
                "voorbeelden. Het netwerk zonder rechtspersoon blijft passend in het transitiejaar."
            ),
            follow_up="Het netwerkbureau verzamelt voorbeelden bij de spelregels; volgende reflectie over een jaar.",
            completed_by=author,
            completed_at=timezone.now(),
        )
        command.stdout.write(f"  reflectie: {REFLECTION_TITLE} (afgerond)")
    if not ReflectionProcess.objects.filter(title=OPEN_REFLECTION_TITLE).exists():
        ReflectionFlow.start.run(title=OPEN_REFLECTION_TITLE)
        command.stdout.write(f"  reflectie: {OPEN_REFLECTION_TITLE} (open voor de kernpartners)")


PROPOSALS = [
    # (username of the proposer, title, what, why)
    (
        "partner",
        "Nieuwe deelnemers krijgen een maatje uit het netwerk (demo)",
        "Elke nieuwe deelnemer krijgt in de eerste drie maanden een vaste contactpersoon bij een deelnemer die "
        "al langer meedoet, in dezelfde regio of sector.",
        "Nieuwe deelnemers weten nu niet goed waar ze moeten beginnen; een maatje helpt ze sneller een coalitie "
        "te vinden of te starten.",
    ),
    (
        "kernpartner2",
        "Lessen uit coalities een vaste plek geven (demo)",
        "Elke coalitie deelt twee keer per jaar in een paar zinnen wat zij leerde, op haar eigen pagina.",
        "Zo leren andere coalities van wat werkte en wat niet, zonder extra bijeenkomsten.",
    ),
]
DECIDED_PROPOSAL = (
    "partner",
    "Voorbeelden bij de spelregel over communiceren (demo)",
    "Bij de spelregel 'niet namens het netwerk communiceren' komen voorbeelden van wat wel en niet kan.",
    "Deelnemers twijfelen nu of een gezamenlijk persbericht van een coalitie mag.",
)
SUPPORTERS = ["Stichting Rookvrije Generatie (demo)", "Longfonds Rookvrij (demo)", "Hockeyclub Amsterdam"]
COMMENTS = [
    ("kernpartner", "Goed idee. Kan het netwerkbureau de koppeling maken bij de aanmelding?"),
    ("supporter", "Wij hadden zo'n maatje graag gehad toen we begonnen."),
]


def _contact(username):
    return ContactPerson.objects.filter(user__username=username).select_related("participant").first()


def proposals_with_support(command):
    for username, title, what, why in PROPOSALS:
        contact = _contact(username)
        if contact is None or Proposal.objects.filter(title=title).exists():
            continue
        proposal = proposals.file(Proposal(title=title, what=what, why=why), contact, contact.user)
        if username != "partner":
            command.stdout.write(f"  voorstel: {title}")
            continue
        for name in SUPPORTERS:
            participant = Participant.objects.filter(name=name).first()
            supporter = participant and participant.contacts.order_by("-is_primary", "pk").first()
            if supporter:
                ProposalSupport.objects.create(proposal=proposal, participant=participant, contact=supporter)
        for author, text in COMMENTS:
            if _contact(author):
                ProposalComment.objects.create(proposal=proposal, author=_contact(author), text=text)
        command.stdout.write(f"  voorstel: {title} (gesteund, met opmerkingen)")


def decided_proposal(command):
    username, title, what, why = DECIDED_PROPOSAL
    contact = _contact(username)
    reflection = ReflectionProcess.objects.filter(title=REFLECTION_TITLE).exclude(finished=None).first()
    if contact is None or reflection is None or Proposal.objects.filter(title=title).exists():
        return
    proposal = Proposal.objects.create(
        title=title,
        what=what,
        why=why,
        proposer=contact,
        status=Proposal.Status.DECIDED,
        reflection=reflection,
        created_at=reflection.created,
    )
    ProposalDecision.objects.create(
        proposal=proposal,
        reflection=reflection,
        outcome=ProposalDecision.Outcome.AMENDED,
        note="Het netwerkbureau zet drie voorbeelden bij de spelregel; een gezamenlijk persbericht mag, als "
        "afzender de coalitie.",
        decided_by=reflection.completed_by,
        decided_at=reflection.completed_at or timezone.now(),
    )
    command.stdout.write(f"  voorstel: {title} (besloten in {REFLECTION_TITLE})")


def load(command):
    core_partner_logins(command)
    handover_waiting_for_successor(command)
    handover_in_objection_period(command)
    exit_request_waiting_for_support(command)
    reflections(command)
    proposals_with_support(command)
    decided_proposal(command)
