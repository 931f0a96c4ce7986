"""Re-confirmation of a changed text, and the yearly re-declaration.

Publishing a version marked material starts a round (`start_change_round`); once a year, counted per participant
from its last tobacco-industry declaration, the beat starts that participant's yearly request
(`start_due_redeclarations`). Each request is mailed to the participant's primary contact with a signed link
(`tasks.send_round`), reminded after 14 and 28 days (`due_reminders`), and answered on the link's page: a
confirmation goes into the declaration archive like the original signature, a disagreement with its reason to the
core partners. Nobody is removed for not answering."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from network import audit
from network.models import ContactPerson, Participant, Role
from nnr_site.pagecache import new_generation

from .models import ConfirmationRequest, ConfirmationRound, Declaration, DeclarationText

Kind = DeclarationText.Kind
# Where a confirmed version goes in an archive record: (text field, version field).
ARCHIVE_FIELDS = {
    Kind.DECLARATION: ("declaration_text", "declaration_version"),
    Kind.AGREEMENT: ("rules_text", "agreement_version"),
    Kind.RULES: ("rules_text", "rules_version"),
    Kind.CONSENT: ("consent_text", "consent_version"),
}


def primary_contact(participant):
    contacts = list(participant.contacts.exclude(email=""))
    return next((c for c in contacts if c.is_primary), contacts[0] if contacts else None)


def active_participants():
    return Participant.objects.filter(status=Participant.Status.ACTIVE).prefetch_related("contacts")


def mailed_count():
    """How many participants a material change reaches (shown before publishing)."""
    return sum(1 for p in active_participants() if primary_contact(p) is not None)


def _add_requests(round_, participants):
    made = []
    for participant in participants:
        contact = primary_contact(participant)
        if contact is not None:
            made.append(
                ConfirmationRequest.objects.create(round=round_, participant=participant, contact=contact)
            )
    return made


def publish(text, user):
    """Publish a draft (inside the caller's transaction); a material one starts a round, returned so the caller
    can have it mailed after the commit (`tasks.send_round`)."""
    text.publish(user)
    round_, count = None, 0
    if text.material:
        round_ = ConfirmationRound.objects.create(
            purpose=Declaration.Purpose.RECONFIRMATION, text=text, started_by=user
        )
        count = len(_add_requests(round_, active_participants()))
    audit.record(
        audit.TEXT_PUBLISHED,
        text,
        user=user,
        data={"text": str(text), "material": text.material, "count": count},
    )
    transaction.on_commit(new_generation)  # the Spelregels page and the application form show the new version
    return round_


def confirm(request_obj, ip_address, user_agent):
    """Archive the confirmation in the declaration chain (serialised) and close the request."""
    text = request_obj.round.text
    text_field, version_field = ARCHIVE_FIELDS[text.kind]
    rules = DeclarationText.current(Kind.RULES)
    participant, contact = request_obj.participant, request_obj.contact
    with transaction.atomic():
        locked = ConfirmationRequest.objects.select_for_update().get(pk=request_obj.pk)
        if not locked.is_open:
            return locked
        record = Declaration.append(
            participant=participant,
            purpose=request_obj.round.purpose,
            organisation_name=participant.name,
            signer_name=contact.name,
            signer_email=contact.email,
            **{text_field: text.signed_text(rules.number if rules else None)},
            **{version_field: str(text.number) if version_field == "rules_version" else text.number},
            rules_url=reverse("onboarding:rules_version", args=[text.number])
            if text.kind == Kind.RULES
            else "",
            ip_address=ip_address,
            user_agent=user_agent[:500],
        )
        locked.confirmed_at, locked.declaration = record.signed_at, record
        locked.save(update_fields=["confirmed_at", "declaration"])
        return locked


def disagree(request_obj, reason):
    """Record the disagreement (the caller has it mailed to the core partners: `tasks.send_disagreement`)."""
    with transaction.atomic():
        locked = ConfirmationRequest.objects.select_for_update().get(pk=request_obj.pk)
        if not locked.is_open:
            return locked
        locked.disagreed_at, locked.disagreement = timezone.now(), reason
        locked.save(update_fields=["disagreed_at", "disagreement"])
        audit.record(
            audit.CONFIRMATION_DISAGREED,
            locked.participant,
            data={"organisation": locked.participant.name, "text": str(locked.round.text), "reason": reason},
        )
        return locked


def core_partner_contacts():
    return [
        c
        for c in ContactPerson.objects.filter(
            participant__status=Participant.Status.ACTIVE, participant__role=Role.KERNPARTNER
        ).exclude(email="")
    ]


def due_reminders(now=None):
    """(request, days) for each open, mailed request whose 14- or 28-day reminder is due. Past 28 days only the
    last reminder goes: nobody gets two on one day."""
    now = now or timezone.now()
    open_requests = (
        ConfirmationRequest.objects.open()
        .exclude(mailed_at=None)
        .filter(participant__status=Participant.Status.ACTIVE)
    )
    late = now - datetime.timedelta(days=28)
    later = list(open_requests.filter(reminded_28_at=None, mailed_at__lte=late))
    first = list(
        open_requests.filter(reminded_14_at=None, mailed_at__lte=now - datetime.timedelta(days=14)).exclude(
            pk__in=[r.pk for r in later]
        )
    )
    return [(r, 14) for r in first] + [(r, 28) for r in later]


# The yearly re-declaration of the tobacco-industry declaration.


def last_declarations():
    """{participant id: when it last signed the tobacco-industry declaration} (at its application or since)."""
    signed = {}
    rows = Declaration.objects.exclude(declaration_text="").values_list(
        "participant_id", "application__participant_id", "signed_at"
    )
    for own, via_application, signed_at in rows:
        key = own or via_application
        if key and (key not in signed or signed_at > signed[key]):
            signed[key] = signed_at
    return signed


def redeclaration_due_since(participant, signed, today):
    """The day the participant's yearly declaration fell due (None when not yet due): NNR_REDECLARATION_MONTHS
    after its last declaration, or after it joined when the archive holds none."""
    from_day = signed.get(participant.pk)
    start = timezone.localdate(from_day) if from_day else participant.joined_on
    if start is None:
        return None
    due = _add_months(start, settings.NNR_REDECLARATION_MONTHS)
    return due if due <= today else None


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, d)
        except ValueError:
            continue
    raise ValueError(day)


def overdue_redeclarations(today=None):
    """Active participants whose yearly declaration is due and not given, each with `.due_since`."""
    today = today or timezone.localdate()
    signed = last_declarations()
    overdue = []
    for participant in active_participants().order_by("name"):
        participant.due_since = redeclaration_due_since(participant, signed, today)
        if participant.due_since:
            overdue.append(participant)
    return overdue


def start_due_redeclarations(today=None):
    """A request in this year's round for each participant that is due and has no open yearly request."""
    today = today or timezone.localdate()
    text = DeclarationText.current(Kind.DECLARATION)
    if text is None:
        return None
    waiting = set(
        ConfirmationRequest.objects.open()
        .filter(round__purpose=Declaration.Purpose.YEARLY)
        .values_list("participant_id", flat=True)
    )
    due = [p for p in overdue_redeclarations(today) if p.pk not in waiting]
    if not due:
        return None
    with transaction.atomic():
        round_, _created = ConfirmationRound.objects.get_or_create(
            purpose=Declaration.Purpose.YEARLY, year=today.year, defaults={"text": text}
        )
        answered = set(round_.requests.values_list("participant_id", flat=True))
        _add_requests(round_, [p for p in due if p.pk not in answered])
    return round_


def last_confirmed(participants):
    """{participant id: {kind: (version number or None, when)}}: the newest archive record per kind, from the
    application or a later confirmation. A record from before the versions were kept has no number."""
    result = {p.pk: {} for p in participants}
    records = Declaration.objects.filter(
        models.Q(participant__in=participants) | models.Q(application__participant__in=participants)
    ).select_related("application")
    for record in records.order_by("signed_at"):
        key = record.participant_id or record.application.participant_id
        for kind, version in (
            (Kind.DECLARATION, record.declaration_version if record.declaration_text else None),
            (Kind.AGREEMENT, record.agreement_version),
            (Kind.RULES, int(record.rules_version) if record.rules_version.isdigit() else None),
            (Kind.CONSENT, record.consent_version if record.consent_text else None),
        ):
            if version is not None or (kind == Kind.DECLARATION and record.declaration_text):
                result[key][kind] = (version, record.signed_at)
    return result
