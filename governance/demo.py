"""Demo data for the network-role flows: one handover waiting for the successor (with a document for the
successor), one archived reflection.

Driven through the flows themselves (as the users would), so the demo shows real task history. Idempotent.
"""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from network.models import Participant

from .access import primary_user
from .flows import HandoverFlow, ReflectionFlow
from .models import HandoverDocument, HandoverNomination, HandoverProcess, ReflectionProcess

DEPARTING = "Stichting Rookvrije Generatie (demo)"
SUCCESSOR = "GGD-team Utrecht"
REFLECTION_TITLE = "Reflectie transitiejaar (demo)"
DOCUMENT_NAME = "draaiboek-kernoverleg.txt"
DOCUMENT_TEXT = (
    "Draaiboek kernoverleg (demo)\n\n"
    "1. Agenda twee weken vooraf rondsturen aan de kernpartners.\n"
    "2. Verslag binnen een week delen via het netwerkbureau.\n"
)


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


def load(command):
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

    if not ReflectionProcess.objects.filter(title=REFLECTION_TITLE).exists():
        reflection = ReflectionFlow.start.run(title=REFLECTION_TITLE)
        author = get_user_model().objects.filter(username="kernpartner").first()
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
        )
        command.stdout.write(f"  reflectie: {REFLECTION_TITLE} (afgerond)")
