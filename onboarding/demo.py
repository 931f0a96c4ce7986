"""Demo applications in different states (one waits for screening so the office account `bureau` has a task),
and the rules' second version with its re-confirmation round half answered."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from viewflow.workflow.status import STATUS

from . import confirmations, external
from .flows import OnboardingFlow
from .migrations._first_texts import create_first_versions
from .models import Application, ConfirmationRound, Declaration, DeclarationText
from .texts import SignedTexts

BASE = {"kind": "organisatie", "kvk_number": "", "website": "", "phone": "", "job_title": "", "region": ""}

APPLICATIONS = [
    # (organisation, contact, e-mail, sector, role, motivation, state, other fields)
    (
        "Stichting Rookvrije Speeltuinen",
        "Fatima el Amrani",
        "fatima@speeltuinen.example.org",
        "maatschappelijk",
        "partner",
        "Wij maken speeltuinen rookvrij en willen onze aanpak delen.",
        "screening_assigned",
        {"region": "amsterdam", "website": "https://speeltuinen.example.org"},
    ),
    (
        "Huisartsenpraktijk De Linde",
        "Jeroen Bakker",
        "jeroen@delinde.example.org",
        "zorg",
        "supporter",
        "Wij verwijzen rokers door naar stoppen-met-rokenbegeleiding volgens de richtlijn.",
        "screening",
        {"region": "utrecht", "kvk_number": "87654321", "job_title": "Praktijkmanager"},
    ),
    (
        "Zwemvereniging De Golf",
        "Ilse Jansen",
        "ilse@degolf.example.org",
        "sport",
        "supporter",
        "Ons zwembad en terras worden rookvrij.",
        "received",
        {},
    ),
    (
        "Vape Express BV",
        "K. Visser",
        "info@vape-express.example.org",
        "overig",
        "partner",
        "Wij willen rokers helpen over te stappen.",
        "rejected",
        {},
    ),
]


def _apply(organisation, contact, email, sector, role, motivation, other):
    data = {
        **BASE,
        "organisation_name": organisation,
        "contact_name": contact,
        "email": email,
        "sector": sector,
        "desired_role": role,
        "motivation": motivation,
        **other,
    }
    application = OnboardingFlow.start.run(data=data)
    Declaration.append(
        application=application,
        organisation_name=organisation,
        signer_name=contact,
        signer_email=email,
        purpose=Declaration.Purpose.APPLICATION,
        **SignedTexts().archive_fields(),
        ip_address="127.0.0.1",
        user_agent="demo",
    )
    return application


def _screening_task(application):
    return application.task_set.get(flow_task=OnboardingFlow.screening)


def load(command):
    create_first_versions(
        DeclarationText, timezone.now()
    )  # the migration made them, unless a test flushed them
    office = get_user_model().objects.filter(username="bureau").first()
    for organisation, contact, email, sector, role, motivation, state, other in APPLICATIONS:
        if Application.objects.filter(organisation_name=organisation).exists():
            continue
        application = _apply(organisation, contact, email, sector, role, motivation, other)
        if state == "received":
            continue
        verify = application.task_set.get(flow_task=OnboardingFlow.verify_email, status=STATUS.NEW)
        OnboardingFlow.verify_email.run(verify)
        if state in ("screening_assigned", "rejected") and office:
            task = _screening_task(application)
            with OnboardingFlow.lock(application.pk):
                task.flow_task.activation_class(task).assign(office)
        if state == "rejected" and office:
            task = _screening_task(application)
            with OnboardingFlow.lock(application.pk):
                activation = task.flow_task.activation_class(task)
                activation.start(None)
                application = activation.process
                application.screening_outcome = application.decision = Application.Outcome.REJECT
                application.decision_reason = (
                    "Verkoopt e-sigaretten: valt onder de tabaksindustrie (definitie b)."
                )
                application.save()
                activation.execute()
    command.stdout.write(f"  aanmeldingen: {Application.objects.count()} (waarvan 2 wachten op screening)")
    _rules_round(office)
    _external_members()


def _external_members():
    """The demo coalitions' external members invited (no mail goes out), every other one signed."""
    invited = [signature for page in external.uninvited_pages() for signature in external.invite(page)]
    for signature in invited[::2]:
        external.sign(signature, "127.0.0.1", "demo")


RULE_4 = "4. Deelnemers delen de resultaten van hun activiteiten met het netwerk, ook wat niet lukte."


def _rules_round(office):
    """Rules version 2 (a material change, three weeks ago) with its round half answered, and a draft version 3
    for the office to publish. No mail goes out: the round is shown as mailed then."""
    if ConfirmationRound.objects.exists() or office is None:
        return
    first = DeclarationText.current(DeclarationText.Kind.RULES)
    second = DeclarationText.objects.create(
        kind=first.kind,
        title=first.title,
        text=f"{first.text}\n\n{RULE_4}",
        change_note="Nieuwe regel 4: resultaten delen, ook wat niet lukte.",
        material=True,
    )
    round_ = confirmations.publish(second, office)
    then = timezone.now() - datetime.timedelta(days=20)
    DeclarationText.objects.filter(number=1).update(published_at=then - datetime.timedelta(days=60))
    DeclarationText.objects.filter(pk=second.pk).update(published_at=then)
    ConfirmationRound.objects.filter(pk=round_.pk).update(started_at=then)
    round_.requests.update(created_at=then, mailed_at=then, reminded_14_at=then + datetime.timedelta(days=14))
    requests = list(round_.requests.select_related("round__text", "participant", "contact").order_by("pk"))
    for request_obj in requests[: len(requests) // 2]:
        confirmations.confirm(request_obj, "127.0.0.1", "demo")
    if len(requests) > 2:
        confirmations.disagree(
            requests[-1], "Wij delen liever alleen wat gelukt is; mislukkingen bespreken wij intern."
        )
    DeclarationText.objects.create(
        kind=first.kind,
        title=first.title,
        text=second.text.replace("ook wat niet lukte", "ook wat (nog) niet lukte"),
        change_note="Regel 4 iets vriendelijker verwoord.",
    )
