"""Applications (the OnboardingFlow's process) and the immutable, hash-chained archive of signed declarations."""

import hashlib
import json
from datetime import UTC, timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process
from viewflow.workflow.status import STATUS

from network.models import Participant, Role, Sector
from network.regions import GGDRegion
from network.validators import phone_number


class Application(Process):
    """One application to join the network; it is also the OnboardingFlow's process (multi-table child)."""

    class Step(models.IntegerChoices):
        RECEIVED = 1, _("ontvangen")
        EMAIL_CONFIRMED = 2, _("e-mail bevestigd")
        IN_REVIEW = 3, _("in behandeling")
        DECIDED = 4, _("besloten")

    class Outcome(models.TextChoices):
        ACCEPT = "accept", _("Toelaten")
        REJECT = "reject", _("Afwijzen")
        ASK_CORE_PARTNERS = "kernpartners", _("Voorleggen aan de kernpartners")

    kind = models.CharField(
        _("aanmelden als"),
        max_length=20,
        choices=Participant.Kind.choices,
        default=Participant.Kind.ORGANISATION,
    )
    organisation_name = models.CharField(_("naam organisatie"), max_length=200)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, default=Sector.OTHER)
    region = models.CharField(_("GGD-regio"), max_length=40, choices=GGDRegion.choices, blank=True)
    desired_role = models.CharField(
        _("gewenste rol"),
        max_length=20,
        choices=[(Role.PARTNER, Role.PARTNER.label), (Role.SUPPORTER, Role.SUPPORTER.label)],
        default=Role.SUPPORTER,
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True, validators=[phone_number])
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    motivation = models.TextField(_("motivatie"), max_length=2000)

    email_confirmed_at = models.DateTimeField(_("e-mail bevestigd op"), null=True, blank=True)
    screening_checks = models.JSONField(_("uitgevoerde controles"), default=list, blank=True)
    screening_notes = models.TextField(_("toelichting screening"), blank=True)
    screening_outcome = models.CharField(
        _("uitkomst screening"), max_length=20, choices=Outcome.choices, blank=True
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices[:2], blank=True)
    decision_reason = models.TextField(_("toelichting besluit"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("deelnemer"),
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        # "manage" is Viewflow's process-management permission; listed here so migrations stay stable.
        default_permissions = ("add", "change", "delete", "view", "manage")
        permissions = [
            ("screen_application", _("Kan aanmeldingen screenen")),
            ("decide_application", _("Kan besluiten over voorgelegde aanmeldingen")),
        ]

    def __str__(self):
        return f"{_('Aanmelding')} {self.organisation_name}"

    @property
    def step(self):
        """Where the applicant stands, derived from the flow so it can never drift from it."""
        if self.decided_at:
            return self.Step.DECIDED
        if not self.email_confirmed_at:
            return self.Step.RECEIVED
        started = self.task_set.filter(
            flow_task_type="HUMAN", status__in=[STATUS.ASSIGNED, STATUS.STARTED, STATUS.DONE]
        )
        return self.Step.IN_REVIEW if started.exists() else self.Step.EMAIL_CONFIRMED

    @property
    def step_label(self):
        return self.Step(self.step).label

    # What the task lists and process pages of workflows ask of a flow's process (issue 15 protocol).

    def about(self):
        """One line, also for a name from before the form refused line breaks (it may end up in a subject)."""
        return _("Aanmelding van %(organisation)s") % {
            "organisation": " ".join(self.organisation_name.split())
        }

    def deadline(self, task):
        """The screening is due NNR_SCREENING_TERM_DAYS after it was queued; the core partners have no term."""
        if task.flow_task is not None and task.flow_task.name == "screening":
            return task.created + timedelta(days=settings.NNR_SCREENING_TERM_DAYS)
        return None

    def task_summary(self, task):
        """What the person who finished the task decided and wrote, for the process history."""
        name = task.flow_task.name if task.flow_task is not None else ""
        if name == "screening" and self.screening_outcome:
            outcome, note = self.get_screening_outcome_display(), self.screening_notes
        elif (
            name == "core_partners"
            and self.decision
            and self.screening_outcome == self.Outcome.ASK_CORE_PARTNERS
        ):
            outcome, note = self.get_decision_display(), self.decision_reason
        else:
            return ""
        return f"{outcome}: {note}" if note else str(outcome)

    @classmethod
    def open_duplicates(cls, email, organisation_name):
        """Undecided applications with the same e-mail address or organisation name."""
        return (
            cls.objects.filter(decided_at=None)
            .exclude(status="CANCELED")
            .filter(models.Q(email__iexact=email) | models.Q(organisation_name__iexact=organisation_name))
        )


class DeclarationQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Het verklaringenarchief kan niet worden gewijzigd.")


class Declaration(models.Model):
    """A signed declaration, exactly as shown; append-only and chained by SHA-256.

    Each record's hash covers its canonical content plus the previous record's hash, so changing or removing
    any record breaks the chain from there on (`verify_chain`). Corrections are new records.
    """

    GENESIS = "0" * 64

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        related_name="declarations",
        verbose_name=_("aanmelding"),
    )
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    signer_name = models.CharField(_("ondertekend door"), max_length=200)
    signer_email = models.EmailField(_("e-mailadres"))
    declaration_text = models.TextField(_("verklaring (tabaksindustrie en richtlijn)"))
    rules_text = models.TextField(_("instemming missie en spelregels"))
    rules_version = models.CharField(_("versie spelregels"), max_length=40)
    rules_url = models.CharField(_("adres spelregels"), max_length=200)
    consent_text = models.TextField(_("toestemming gegevens delen"))
    signed_at = models.DateTimeField(_("ondertekend op"))
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    previous_hash = models.CharField(_("hash vorige verklaring"), max_length=64, unique=True)
    record_hash = models.CharField(_("SHA-256"), max_length=64, unique=True)

    objects = DeclarationQuerySet.as_manager()

    HASHED_FIELDS = (
        "organisation_name",
        "signer_name",
        "signer_email",
        "declaration_text",
        "rules_text",
        "rules_version",
        "rules_url",
        "consent_text",
        "ip_address",
        "user_agent",
        "previous_hash",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ondertekende verklaring")
        verbose_name_plural = _("verklaringenarchief")
        default_permissions = ("add", "view")

    def __str__(self):
        return f"{self.organisation_name} ({self.signed_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Een ondertekende verklaring kan niet worden gewijzigd.")
        if not self.record_hash:
            raise PermissionError("Gebruik Declaration.append om een verklaring toe te voegen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Een ondertekende verklaring kan niet worden verwijderd.")

    def canonical(self):
        """The exact bytes that are hashed: sorted JSON of the content, the time in UTC and the chain link."""
        data = {name: getattr(self, name) or "" for name in self.HASHED_FIELDS}
        data["application"] = self.application_id
        data["signed_at"] = self.signed_at.astimezone(UTC).isoformat(timespec="microseconds")
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    def compute_hash(self):
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def append(cls, **fields):
        """Add a record at the end of the chain; serialised so two signers cannot link to the same parent."""
        with transaction.atomic():
            cls.lock_chain()
            last = cls.objects.order_by("-pk").first()
            record = cls(**fields)
            record.signed_at = record.signed_at or timezone.now()
            record.previous_hash = last.record_hash if last else cls.GENESIS
            record.record_hash = record.compute_hash()
            record.save()
            return record

    LOCK_KEY = 5_0000_0001  # advisory lock id for appending to this chain

    @classmethod
    def lock_chain(cls):
        """Serialise appends until the current transaction ends (PostgreSQL; SQLite serialises writes itself)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [cls.LOCK_KEY])

    @classmethod
    def verify_chain(cls):
        """Return a list of (record, problem) for every record whose hash or link does not check out."""
        problems = []
        expected_previous = cls.GENESIS
        for record in cls.objects.order_by("pk").iterator():
            if record.previous_hash != expected_previous:
                problems.append((record, _("de verwijzing naar de vorige verklaring klopt niet")))
            if record.compute_hash() != record.record_hash:
                problems.append((record, _("de inhoud is gewijzigd na ondertekening")))
            expected_previous = record.record_hash
        return problems
