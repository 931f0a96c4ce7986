"""Process records of the network-role workflows: handover, exit request and reflection.

The process records are the archive: they keep who did what and when, and are never deleted when a flow ends.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS

from network.models import Participant, Role
from nnr_site.storage import private_storage
from nnr_site.uploads import CONTENT_TYPES, extension

USER = settings.AUTH_USER_MODEL


class ProcessState:
    """A process's state in Dutch words (Viewflow's status reads "New" / "Done" / "Canceled")."""

    def state_label(self):
        if self.status == PROCESS.CANCELED:
            return _("Ingetrokken")
        return _("Afgerond") if self.finished else _("Loopt")


class HandoverProcess(ProcessState, Process):
    """A core partner stopping as kernpartner and handing over its tasks and input ("Overdracht")."""

    class Decision(models.TextChoices):
        COMPLETE = "voltooien", _("Overdracht voltooien")
        RENOMINATE = "opnieuw", _("Opnieuw een opvolger voordragen")
        STOP = "stoppen", _("Overdracht stopzetten")

    departing = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="handovers",
        verbose_name=_("vertrekkende kernpartner"),
    )
    departing_new_role = models.CharField(
        _("nieuwe rol van de vertrekkende kernpartner"),
        max_length=20,
        choices=[(Role.PARTNER, Role.PARTNER.label), (Role.SUPPORTER, Role.SUPPORTER.label)],
        default=Role.PARTNER,
    )
    started_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    notes = models.TextField(_("notities voor de opvolger"), blank=True)
    successor = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opvolger"),
    )
    open_seat = models.BooleanField(_("plaats opengesteld"), default=False)
    objection_deadline = models.DateTimeField(_("bezwaar mogelijk tot"), null=True, blank=True)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)
    bound_confirmed = models.BooleanField(_("afwijking van 5–8 kernpartners bevestigd"), default=False)
    bound_confirmation = models.TextField(_("motivering van de afwijking"), blank=True)
    completed_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdracht kernpartnerrol")
        verbose_name_plural = _("overdrachten kernpartnerrol")
        permissions = [
            ("act_as_core_partner", _("Taken als kernpartner uitvoeren")),
            ("act_as_office", _("Taken als netwerkbureau uitvoeren")),
        ]

    def __str__(self):
        return _("Overdracht kernpartnerrol van %(name)s") % {"name": self.departing}

    # What workflows' task lists and the process page ask of a process (issue 15's protocol).

    def about(self):
        return str(self.departing)

    def deadline(self, task):
        return self.objection_deadline if task.flow_task.name == "objection_period" else None

    def task_summary(self, task):
        """What the person wrote in this finished task, in a line or two."""
        node = task.flow_task.name
        if node == "prepare":
            chosen = self.checklist.filter(transfer=True).count()
            summary = _("%(count)s punten over te dragen.") % {"count": chosen}
            return f"{summary} {self.notes}".strip()
        if node == "nominate":
            nomination = self.nominations.filter(
                nominated_at__gte=task.created, nominated_at__lte=task.finished
            ).last()
            if nomination is None:
                return str(_("Geen opvolger: de plaats wordt opengesteld."))
            return _("Voorgedragen: %(name)s.") % {"name": nomination.participant}
        if node == "accept":
            nomination = (
                self.nominations.filter(responded_at__gte=task.created, responded_at__lte=task.finished)
                .exclude(response="")
                .last()
            )
            if nomination is None:
                return ""
            return _joined(nomination.get_response_display(), nomination.response_note)
        if node == "complete":
            later = self.task_set.filter(flow_task=task.flow_task, created__gt=task.created).exists()
            if later:  # only a new nomination lets the flow come back to this task
                return str(self.Decision.RENOMINATE.label)
            return _joined(self.get_decision_display(), self.decision_note)
        return ""

    def core_partner_count_after(self):
        """How many active core partners there will be once this handover is applied."""
        count = Participant.objects.filter(role=Role.KERNPARTNER, status=Participant.Status.ACTIVE).count()
        if self.departing.role == Role.KERNPARTNER:
            count -= 1
        if self.successor_id and not self.open_seat and self.successor.role != Role.KERNPARTNER:
            count += 1
        return count

    def breaks_bound(self):
        low, high = self.core_partner_bounds
        return not low <= self.core_partner_count_after() <= high

    @property
    def core_partner_bounds(self):
        """(fewest, most) core partners the network agreed on."""
        return settings.NNR_CORE_PARTNER_BOUNDS


def handover_document_path(instance, filename):
    """A random stored name with the checked extension; the uploaded name is kept, never used as a path."""
    ext = extension(filename)
    return f"overdracht/{uuid.uuid4().hex}.{ext if ext in CONTENT_TYPES else 'bin'}"


class HandoverDocument(models.Model):
    """A document the departing core partner leaves for the successor.

    Stored in the private storage (outside MEDIA_ROOT) and served only by views.document_view to the
    people in the handover (views.can_see_documents).
    """

    process = models.ForeignKey(HandoverProcess, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=handover_document_path, storage=private_storage)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("document voor de opvolger")
        verbose_name_plural = _("documenten voor de opvolger")

    def __str__(self):
        return self.title

    def download_name(self):
        """The name offered to the browser: the uploaded name, without folders or odd characters, with the
        extension of the stored (checked) file."""
        ext = extension(self.file.name)
        stem = PurePath(self.original_name.replace("\\", "/")).stem if self.original_name else self.title
        stem = "".join(c for c in stem if c.isalnum() or c in " -_.()").strip(" .") or "document"
        return f"{stem[:100]}.{ext}" if ext else stem[:100]


class HandoverChecklistItem(models.Model):
    """Something the departing core partner holds, generated when the handover starts."""

    class Kind(models.TextChoices):
        TREKKER = "trekker", _("Trekker van een coalitie")
        TASK = "taak", _("Openstaande taak")
        PAGE = "pagina", _("Pagina in beheer")
        AGENDA = "agenda", _("Agendapunt")

    process = models.ForeignKey(HandoverProcess, on_delete=models.CASCADE, related_name="checklist")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("omschrijving"), max_length=300)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    transfer = models.BooleanField(_("overdragen aan de opvolger"), default=True)
    transferred_at = models.DateTimeField(_("overgedragen op"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "label"]
        verbose_name = _("punt van de overdrachtslijst")
        verbose_name_plural = _("overdrachtslijst")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"


class HandoverNomination(models.Model):
    """One nomination of a successor; a declined one stays as history when another is nominated."""

    class Response(models.TextChoices):
        ACCEPTED = "aanvaard", _("Aanvaard")
        DECLINED = "afgewezen", _("Afgewezen")

    process = models.ForeignKey(HandoverProcess, on_delete=models.CASCADE, related_name="nominations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("opvolger")
    )
    nominated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    nominated_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(_("antwoord"), max_length=20, choices=Response.choices, blank=True)
    response_note = models.TextField(_("toelichting"), blank=True)
    responded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["nominated_at"]
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")

    def __str__(self):
        return f"{self.participant} ({self.get_response_display() or _('open')})"


class HandoverObjection(models.Model):
    process = models.ForeignKey(HandoverProcess, on_delete=models.CASCADE, related_name="objections")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("kernpartner")
    )
    by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("bezwaar"))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self):
        return f"{self.participant}: {self.text[:40]}"


class ExitRequestProcess(ProcessState, Process):
    """Core partners urgently asking a participant to leave the network ("Verzoek tot vertrek")."""

    class Outcome(models.TextChoices):
        DEPARTURE = "vertrek", _("De deelnemer vertrekt uit het netwerk")
        STAYS = "blijft", _("De deelnemer blijft in het netwerk")

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="exit_requests", verbose_name=_("deelnemer")
    )
    requested_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ingediend door")
    )
    requesting_participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("namens kernpartner"),
    )
    reason = models.TextField(_("reden"))
    rule = models.TextField(_("spelregel waarnaar verwezen wordt"))
    supported = models.BooleanField(_("gesteund"), null=True)
    supported_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    supporting_participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesteund door"),
    )
    support_note = models.TextField(_("toelichting bij de steun"), blank=True)
    hearing_deadline = models.DateTimeField(_("reageren mogelijk tot"), null=True, blank=True)
    response = models.TextField(_("reactie van de deelnemer"), blank=True)
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("toelichting bij de uitkomst"), blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek tot vertrek")
        verbose_name_plural = _("verzoeken tot vertrek")

    def __str__(self):
        return _("Verzoek tot vertrek van %(name)s") % {"name": self.participant}

    def about(self):
        return str(self.participant)

    def deadline(self, task):
        return self.hearing_deadline if task.flow_task.name in ("respond", "hearing_over") else None

    def task_summary(self, task):
        """What the person wrote in this finished task."""
        node = task.flow_task.name
        if node == "support" and self.supported is not None:
            said = _("Gesteund") if self.supported else _("Niet gesteund")
            if self.supported and self.supporting_participant_id:
                said = _("Gesteund namens %(name)s") % {"name": self.supporting_participant}
            return _joined(said, self.support_note)
        if node == "respond":
            return self.response
        if node == "outcome" and self.outcome:
            return _joined(self.get_outcome_display(), self.outcome_note)
        return ""


class ReflectionProcess(ProcessState, Process):
    """The core partners' periodic reflection on mission, rules and network form."""

    title = models.CharField(_("titel"), max_length=200)
    conclusions = models.TextField(_("conclusies"), blank=True)
    follow_up = models.TextField(_("vervolgacties"), blank=True)
    completed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reflectie op missie, spelregels en netwerkvorm")
        verbose_name_plural = _("reflecties op missie, spelregels en netwerkvorm")

    def __str__(self):
        return self.title

    def about(self):
        return self.title

    def deadline(self, task):
        return None

    def task_summary(self, task):
        if task.flow_task.name != "reflect":
            return ""
        count = self.proposal_decisions.count()
        if not count:
            return self.conclusions
        decided = ngettext(
            "Besloten over %(count)s voorstel.", "Besloten over %(count)s voorstellen.", count
        ) % {"count": count}
        return f"{self.conclusions} {decided}".strip()


def _joined(*parts):
    """ "Aanvaard — Graag." from what was chosen and what was written."""
    return " — ".join(str(p) for p in parts if p)


# --- proposals (issue 20.5) ------------------------------------------------------------------------------

PROPOSAL_TEXT_MAX = 4000
COMMENT_MAX = 2000


class Proposal(models.Model):
    """A participant's proposal to change the rules or the way of working, in the transition year. The core
    partners take the open ones into the periodic reflection, which decides each (`ProposalDecision`).
    Visible to logged-in participants and the office only (proposals.may_read)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_REFLECTION = "in_reflectie", _("In de reflectie")
        DECIDED = "besloten", _("Besloten")

    title = models.CharField(_("titel"), max_length=150)
    what = models.TextField(_("wat stelt u voor?"), max_length=PROPOSAL_TEXT_MAX)
    why = models.TextField(_("waarom?"), max_length=PROPOSAL_TEXT_MAX)
    proposer = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("ingediend door"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    reflection = models.ForeignKey(
        ReflectionProcess,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("in de reflectie"),
        help_text=_("De reflectie waarin het voorstel besproken wordt of besloten is."),
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:proposal", args=[self.pk])

    @property
    def is_decided(self):
        return self.status == self.Status.DECIDED

    def decision(self):
        """The latest decision about it (a postponement, or the final one), or None. A list of proposals
        prefetches them (`prefetch_related("decisions__reflection")`) to ask no query per proposal."""
        if "decisions" in getattr(self, "_prefetched_objects_cache", {}):
            return max(self.decisions.all(), key=lambda d: (d.decided_at, d.pk), default=None)
        return self.decisions.select_related("reflection").order_by("-decided_at", "-pk").first()


class ProposalSupport(models.Model):
    """A participant supports a proposal: one per participant, given by one of its contact persons, who may
    take it back."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("deelnemer")
    )
    contact = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="proposal_supports",
        verbose_name=_("gegeven door"),
    )
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("steun voor een voorstel")
        verbose_name_plural = _("steun voor voorstellen")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "participant"], name="one_support_per_participant")
        ]

    def __str__(self):
        return f"{self.participant}: {self.proposal}"


class ProposalComment(models.Model):
    """A comment under a proposal, plain text. The office may hide it (`hidden_at`); hidden, only the office
    sees it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.CASCADE,
        related_name="proposal_comments",
        verbose_name=_("geschreven door"),
    )
    text = models.TextField(_("opmerking"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verborgen door"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opmerking bij een voorstel")
        verbose_name_plural = _("opmerkingen bij voorstellen")

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class ProposalDecision(models.Model):
    """What a reflection decided about a proposal, with a short explanation. "Uitgesteld" puts the proposal
    back among the open ones, for the next reflection; the row stays as that reflection's record."""

    class Outcome(models.TextChoices):
        ADOPTED = "aangenomen", _("Aangenomen")
        AMENDED = "aangepast", _("Aangepast aangenomen")
        REJECTED = "niet_aangenomen", _("Niet aangenomen")
        POSTPONED = "uitgesteld", _("Uitgesteld")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="decisions")
    reflection = models.ForeignKey(
        ReflectionProcess,
        on_delete=models.PROTECT,
        related_name="proposal_decisions",
        verbose_name=_("reflectie"),
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("toelichting"), max_length=COMMENT_MAX)
    decided_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("besluit over een voorstel")
        verbose_name_plural = _("besluiten over voorstellen")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reflection"], name="one_decision_per_reflection")
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"
