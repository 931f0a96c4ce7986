"""The audit log: who did what, when, in Wagtail's own log entries (ModelLogEntry, PageLogEntry).

Every event is recorded with `record(action, instance, user=..., data=...)` against the object it is about, so
it also shows in that object's history in the admin and in Wagtail's site history; the office reads them all
in the Logboek (network/logbook.py). The receivers that record them are in network/audit_receivers.py.

A message is formatted when it is shown, from `data`: keep in `data` what the office must read later (values
of choices, names), never passwords. The erasure of a person (network/privacy.py) also rewrites their e-mail
address and name in these entries.
"""

import json

from django.utils import dateparse, formats, timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext, LogFormatter
from wagtail.log_actions import log as wagtail_log

from .models import ConsentRecord, Role

ROLE_CHANGE = "nnr.role_change"
CONSENT_GIVEN = "nnr.consent_given"
CONSENT_WITHDRAWN = "nnr.consent_withdrawn"
EXPORT = "nnr.export"
ERASURE = "nnr.erasure"
DECLARATION_SIGNED = "nnr.declaration_signed"
WORKFLOW_DECISION = "nnr.workflow_decision"
NEWSLETTER_SEND = "nnr.newsletter_send"
LOGIN = "nnr.login"
LOGIN_FAILED = "nnr.login_failed"
LOCKOUT = "nnr.lockout"
LOCKOUT_LIFTED = "nnr.lockout_lifted"
LOGOUT = "nnr.logout"
TASK_REASSIGNED = "nnr.task_reassigned"
OBJECTION_PERIOD_CLOSED = "nnr.objection_period_closed"
PROCESS_WITHDRAWN = "nnr.process_withdrawn"
COALITION_MERGED = "nnr.coalition_merged"
HIDDEN = "nnr.hidden"  # a reaction, question or answer hidden by a moderator
SHOWN_AGAIN = "nnr.shown_again"
COALITION_UPDATE_SENT = "nnr.coalition_update_sent"
PROPOSAL_FILED = "nnr.proposal_filed"  # a proposal to change the rules or the way of working
PROPOSAL_DECIDED = "nnr.proposal_decided"  # what a reflection decided about it
TEXT_PUBLISHED = "nnr.text_published"  # a new version of a text to sign (declaration, rules, …)
CONFIRMATION_DISAGREED = "nnr.confirmation_disagreed"

# Wagtail's own actions that the Logboek shows next to ours.
WAGTAIL_ACTIONS = ("wagtail.publish", "wagtail.unpublish", "wagtail.delete")


def record(action, instance, user=None, data=None, title=None):
    """Log `action` on `instance`; without `user`, the logged-in user of the current request (if any)."""
    if user is not None and not user.is_authenticated:
        user = None
    return wagtail_log(_unwrapped(instance), action, user=user, data=data or {}, title=title)


def _unwrapped(instance):
    """`request.user` is a lazy wrapper (django-otp's middleware adds another); Wagtail picks the log model by
    the instance's own class and silently logs nothing for a wrapper."""
    if isinstance(instance, LazyObject):
        if instance._wrapped is empty:
            instance._setup()
        return _unwrapped(instance._wrapped)
    return instance


def record_export(user, what, fmt, rows=None, about=None):
    """Someone downloaded data: `what` ("Archief: Activiteiten"), in which format, how many rows."""
    data = {"what": str(what), "format": fmt.upper()}
    if rows is not None:
        data["rows"] = rows
    return record(EXPORT, user, user=user, title=str(about or what), data=data)


def record_erasure(user, report):
    """A person was erased. Only the counts are kept: their address and name are exactly what was erased."""
    counts = json.loads(json.dumps(report, default=str))
    return record(ERASURE, user, user=user, title=str(_("een persoon (gegevens gewist)")), data=counts)


class AuditContextMiddleware:
    """Makes the logged-in user the default `user` of everything recorded during a request.

    Wagtail does this for its admin views only; receivers of model signals on the website (a consent given
    on /mijn/privacy/) have no request to ask.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with RequestLogContext(request):
            return self.get_response(request)


class RequestLogContext(LogContext):
    def __init__(self, request):
        super().__init__()
        self.request = request

    @property
    def user(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None

    @user.setter
    def user(self, value):
        pass  # LogContext.__init__ sets it; ours always follows request.user


# --- workflow decisions ---------------------------------------------------------------------------------

DECISION_FIELDS = {}  # flow node -> name of the process field that holds what the task decided


def decision_field(flow_task, field_name):
    """Declare which field of the process a human task decides, so the log shows the decision."""
    DECISION_FIELDS[flow_task] = field_name


def decision_text(flow_task, process):
    """ "besluit: Toelaten", or "" when the task decides nothing (or nothing yet)."""
    name = DECISION_FIELDS.get(flow_task)
    if not name:
        return ""
    field = process._meta.get_field(name)
    value = getattr(process, name)
    if value in (None, ""):
        return ""
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    elif isinstance(value, bool):
        value = _("ja") if value else _("nee")
    return f"{field.verbose_name}: {value}"


# --- how the office reads each action ------------------------------------------------------------------


def _role(value):
    return str(dict(Role.choices).get(value, value or "")).lower()


def _purpose(value):
    return dict(ConsentRecord.Purpose.choices).get(value, value)


def _when(iso):
    moment = dateparse.parse_datetime(iso or "")
    if moment is None:
        return iso or ""
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


class Formatter(LogFormatter):
    """A message built from the entry's data; `data` keys missing in old entries read as ""."""

    def format_message(self, log_entry):
        return self.message_for(_Data(log_entry.data or {}))

    def message_for(self, data):
        return self.message


class _Data(dict):
    def __missing__(self, key):
        return ""


class RoleChangeFormatter(Formatter):
    label = _("Rol gewijzigd")

    def message_for(self, data):
        values = {"from": _role(data["from_role"]), "to": _role(data["to_role"])}
        if data["left_network"]:
            message = _("Vertrokken uit het netwerk (was %(from)s)") % values
        elif not data["from_role"]:
            message = _("Toegevoegd aan het netwerk als %(to)s") % values
        else:
            message = _("Rol gewijzigd van %(from)s naar %(to)s") % values
        if data["reason"]:
            message = f"{message} — {data['reason']}"
        return message


class ConsentGivenFormatter(Formatter):
    label = _("Toestemming gegeven")

    def message_for(self, data):
        return _("Toestemming gegeven voor “%(purpose)s”") % {"purpose": _purpose(data["purpose"])}


class ConsentWithdrawnFormatter(Formatter):
    label = _("Toestemming ingetrokken")

    def message_for(self, data):
        return _("Toestemming ingetrokken voor “%(purpose)s”") % {"purpose": _purpose(data["purpose"])}


class ExportFormatter(Formatter):
    label = _("Gegevens geëxporteerd")

    def message_for(self, data):
        if data["rows"] == "":
            return _("%(what)s gedownload (%(format)s)") % data
        return _("%(what)s gedownload (%(format)s, %(rows)s regels)") % data


class ErasureFormatter(Formatter):
    label = _("Persoonsgegevens gewist")
    message = _("Persoonsgegevens van een persoon gewist op diens verzoek (AVG)")


class DeclarationFormatter(Formatter):
    label = _("Verklaring ondertekend")

    def message_for(self, data):
        return _("Verklaringen ondertekend door %(signer)s namens %(organisation)s") % data


class TextPublishedFormatter(Formatter):
    label = _("Nieuwe versie van een tekst gepubliceerd")

    def message_for(self, data):
        message = _("%(text)s gepubliceerd") % data
        if data["material"]:
            message += " — " + _("wezenlijke wijziging: %(count)s deelnemers gevraagd te bevestigen") % data
        return message


class ConfirmationDisagreedFormatter(Formatter):
    label = _("Niet akkoord met een nieuwe versie")

    def message_for(self, data):
        return _("%(organisation)s is niet akkoord met %(text)s: %(reason)s") % data


class WorkflowDecisionFormatter(Formatter):
    label = _("Taak in werkstroom afgerond")

    def message_for(self, data):
        message = _("Taak “%(task)s” afgerond") % data
        return f"{message} — {data['decision']}" if data["decision"] else message


class NewsletterSendFormatter(Formatter):
    label = _("Nieuwsbrief verzonden")

    def message_for(self, data):
        step = data["step"]
        if step == "gepland":
            return _("Verzending van de nieuwsbrief gepland op %(when)s") % {"when": _when(data["when"])}
        if step == "geannuleerd":
            return _("Verzending van de nieuwsbrief geannuleerd")
        if step == "opnieuw":
            return _("Mislukte adressen van de nieuwsbrief opnieuw geprobeerd: %(count)s") % data
        if step == "verstuurd":
            return (
                _("Nieuwsbrief verstuurd: %(sent)s verzonden, %(failed)s mislukt, %(skipped)s overgeslagen")
                % data
            )
        return _("Verzending van de nieuwsbrief gestart")


class LoginFormatter(Formatter):
    label = _("Ingelogd")
    message = _("Ingelogd")


class LoginFailedFormatter(Formatter):
    label = _("Inloggen mislukt")

    def message_for(self, data):
        return _("Inloggen mislukt met gebruikersnaam “%(username)s”") % data


class LockoutFormatter(Formatter):
    label = _("Geblokkeerd na mislukte inlogpogingen")

    def message_for(self, data):
        return (
            _("Inloggen tijdelijk geblokkeerd na te veel mislukte pogingen met gebruikersnaam “%(username)s”")
            % data
        )


class LockoutLiftedFormatter(Formatter):
    label = _("Blokkade opgeheven")

    def message_for(self, data):
        return _("Blokkade opgeheven voor %(what)s “%(value)s”") % data


class LogoutFormatter(Formatter):
    label = _("Uitgelogd")
    message = _("Uitgelogd")


class TaskReassignedFormatter(Formatter):
    label = _("Taak aan iemand anders gegeven")

    def message_for(self, data):
        if data["from"]:
            message = _("Taak “%(task)s” van %(from)s aan %(to)s gegeven") % data
        else:
            message = _("Taak “%(task)s” aan %(to)s gegeven") % data
        return f"{message} — {data['reason']}" if data["reason"] else message


class ObjectionPeriodClosedFormatter(Formatter):
    label = _("Bezwaartermijn eerder gesloten")

    def message_for(self, data):
        message = _("Bezwaartermijn eerder gesloten (liep tot %(planned)s)") % {
            "planned": _when(data["planned"])
        }
        return f"{message} — {data['reason']}" if data["reason"] else message


class ProcessWithdrawnFormatter(Formatter):
    label = _("Werkstroom ingetrokken")

    def message_for(self, data):
        message = _("Werkstroom ingetrokken")
        return f"{message} — {data['reason']}" if data["reason"] else message


class CoalitionMergedFormatter(Formatter):
    label = _("Coalities samengevoegd")

    def message_for(self, data):
        return (
            _(
                "Coalitie “%(removed)s” samengevoegd met deze coalitie (%(old_path)s verwijst hierheen): "
                "%(members)s deelnemers, %(external_members)s externe leden, %(activities)s activiteiten, "
                "%(updates)s berichten, %(follows)s volgers en %(join_requests)s verzoeken verplaatst"
            )
            % data
        )


# What was hidden or shown again (data["what"]), as the office reads it.
CONTRIBUTIONS = {
    "reactie": _("Reactie"),
    "vraag": _("Vraag"),
    "antwoord": _("Antwoord"),
    "opmerking": _("Opmerking bij een voorstel"),
}


def _contribution(data):
    return {"what": CONTRIBUTIONS.get(data["what"], data["what"]), "author": data["author"]}


class HiddenFormatter(Formatter):
    label = _("Bijdrage verborgen")

    def message_for(self, data):
        return _("%(what)s van %(author)s verborgen") % _contribution(data)


class ShownAgainFormatter(Formatter):
    label = _("Bijdrage weer getoond")

    def message_for(self, data):
        return _("%(what)s van %(author)s weer getoond") % _contribution(data)


class CoalitionUpdateSentFormatter(Formatter):
    label = _("Bericht aan de leden van een coalitie verstuurd")

    def message_for(self, data):
        return _("Bericht “%(subject)s” aan %(count)s leden van %(coalition)s verstuurd") % data


class ProposalFiledFormatter(Formatter):
    label = _("Voorstel ingediend")

    def message_for(self, data):
        return _("Voorstel ingediend door %(author)s") % data


# The outcomes of a proposal (data["outcome"]), as the office reads them.
PROPOSAL_OUTCOMES = {
    "aangenomen": _("aangenomen"),
    "aangepast": _("aangepast aangenomen"),
    "niet_aangenomen": _("niet aangenomen"),
    "uitgesteld": _("uitgesteld"),
}


class ProposalDecidedFormatter(Formatter):
    label = _("Besluit over een voorstel")

    def message_for(self, data):
        values = {
            "outcome": PROPOSAL_OUTCOMES.get(data["outcome"], data["outcome"]),
            "reflection": data["reflection"],
        }
        message = _("Voorstel %(outcome)s in %(reflection)s") % values
        return f"{message} — {data['note']}" if data["note"] else message


FORMATTERS = {
    ROLE_CHANGE: RoleChangeFormatter,
    CONSENT_GIVEN: ConsentGivenFormatter,
    CONSENT_WITHDRAWN: ConsentWithdrawnFormatter,
    EXPORT: ExportFormatter,
    ERASURE: ErasureFormatter,
    DECLARATION_SIGNED: DeclarationFormatter,
    WORKFLOW_DECISION: WorkflowDecisionFormatter,
    NEWSLETTER_SEND: NewsletterSendFormatter,
    LOGIN: LoginFormatter,
    LOGIN_FAILED: LoginFailedFormatter,
    LOCKOUT: LockoutFormatter,
    LOCKOUT_LIFTED: LockoutLiftedFormatter,
    LOGOUT: LogoutFormatter,
    TASK_REASSIGNED: TaskReassignedFormatter,
    OBJECTION_PERIOD_CLOSED: ObjectionPeriodClosedFormatter,
    PROCESS_WITHDRAWN: ProcessWithdrawnFormatter,
    COALITION_MERGED: CoalitionMergedFormatter,
    HIDDEN: HiddenFormatter,
    SHOWN_AGAIN: ShownAgainFormatter,
    COALITION_UPDATE_SENT: CoalitionUpdateSentFormatter,
    PROPOSAL_FILED: ProposalFiledFormatter,
    PROPOSAL_DECIDED: ProposalDecidedFormatter,
    TEXT_PUBLISHED: TextPublishedFormatter,
    CONFIRMATION_DISAGREED: ConfirmationDisagreedFormatter,
}


def register_actions(actions):
    """For Wagtail's `register_log_actions` hook."""
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
