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

    class Purpose(models.TextChoices):
        APPLICATION = "aanmelding", _("aanmelding")
        RECONFIRMATION = "herbevestiging", _("herbevestiging na een wijziging")
        YEARLY = "jaarlijks", _("jaarlijkse verklaring")
        EXTERNAL = "extern lid", _("extern lid van een coalitie")

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
    purpose = models.CharField(_("soort"), max_length=20, choices=Purpose.choices, blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="declarations",
        verbose_name=_("deelnemer"),
    )
    declaration_version = models.PositiveIntegerField(_("versie verklaring"), null=True, blank=True)
    agreement_version = models.PositiveIntegerField(_("versie instemming"), null=True, blank=True)
    consent_version = models.PositiveIntegerField(_("versie toestemming"), null=True, blank=True)
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
    # Added later: they count in the hash only when filled in, so every record made before them still verifies.
    OPTIONAL_HASHED_FIELDS = (
        "purpose",
        "participant_id",
        "declaration_version",
        "agreement_version",
        "consent_version",
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
        for name in self.OPTIONAL_HASHED_FIELDS:
            if getattr(self, name) not in (None, ""):
                data[name] = getattr(self, name)
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


class DeclarationTextQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(published_at=None).order_by("kind", "-number")

    def drafts(self):
        return self.filter(published_at=None)


class DeclarationText(models.Model):
    """One version of a text that applicants sign and participants confirm. A version is a draft until the office
    publishes it; then it gets the next number of its kind and never changes again (a new wording is a new version).
    The archive copies the text as signed, so neither a new version nor anything else alters what someone signed."""

    class Kind(models.TextChoices):
        DECLARATION = "verklaring", _("Verklaring tabaksindustrie en richtlijn")
        AGREEMENT = "instemming", _("Instemming met missie en spelregels")
        RULES = "spelregels", _("Spelregels")
        CONSENT = "toestemming", _("Toestemming gegevens delen")

    # What the applicant signs, in the order of the form; the rules are what the agreement points to.
    SIGNED_KINDS = (Kind.DECLARATION, Kind.AGREEMENT, Kind.CONSENT)
    VERSION_PLACEHOLDER = "{versie}"

    kind = models.CharField(_("soort tekst"), max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField(_("versie"), null=True, blank=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(
        _("tekst"),
        help_text=_(
            "Gewone tekst; een lege regel begint een nieuwe alinea. In de instemming wordt {versie} vervangen "
            "door het versienummer van de geldende spelregels."
        ),
    )
    text_en = models.TextField(
        _("tekst in het Engels"), blank=True, help_text=_("Nog niet getoond; mag leeg.")
    )
    change_note = models.TextField(
        _("wat is er veranderd"),
        blank=True,
        help_text=_("Kort en in gewone woorden; de deelnemers lezen dit."),
    )
    material = models.BooleanField(
        _("wezenlijke wijziging"),
        default=False,
        help_text=_(
            "Bij publiceren krijgt de eerste contactpersoon van elke actieve deelnemer een e-mail met het verzoek "
            "de nieuwe versie te bevestigen."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )

    objects = DeclarationTextQuerySet.as_manager()

    class Meta:
        ordering = ["kind", models.F("number").desc(nulls_first=True)]
        verbose_name = _("tekst om te ondertekenen")
        verbose_name_plural = _("teksten om te ondertekenen")
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="unique_text_version")]
        permissions = [("publish_declarationtext", _("Kan teksten om te ondertekenen publiceren"))]

    def __str__(self):
        if self.number is None:
            return f"{self.get_kind_display()}, {_('concept')}"
        return f"{self.get_kind_display()}, {_('versie')} {self.number}"

    def save(self, *args, **kwargs):
        if getattr(self, "_was_published", False):
            raise PermissionError(
                "Een gepubliceerde versie kan niet worden gewijzigd; maak een nieuwe versie."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.published_at is not None:
            raise PermissionError("Een gepubliceerde versie kan niet worden verwijderd.")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._was_published = instance.published_at is not None
        return instance

    @property
    def is_draft(self):
        return self.published_at is None

    @classmethod
    def current(cls, kind):
        """The published version in force: the one with the highest number (None before the first)."""
        return cls.objects.filter(kind=kind).exclude(published_at=None).order_by("-number").first()

    def previous(self):
        """The version this one follows (for a draft: the current one)."""
        versions = (
            self.__class__.objects.filter(kind=self.kind).exclude(published_at=None).exclude(pk=self.pk)
        )
        if self.number is not None:
            versions = versions.filter(number__lt=self.number)
        return versions.order_by("-number").first()

    def publish(self, user):
        """Give the draft the next number of its kind and publish it (inside the caller's transaction)."""
        last = (
            self.__class__.objects.select_for_update()
            .filter(kind=self.kind)
            .aggregate(models.Max("number"))["number__max"]
        )
        self.number = (last or 0) + 1
        self.published_at = timezone.now()
        self.published_by = user
        self.save()
        self._was_published = True
        return self

    def signed_text(self, rules_number=None):
        """The text as signed: in the agreement, {versie} becomes the number of the rules in force."""
        return self.text.replace(self.VERSION_PLACEHOLDER, str(rules_number or "—"))


class ConfirmationRound(models.Model):
    """Asking every active participant to confirm a text again: after a material change (one round per version)
    or the yearly re-declaration of the tobacco-industry declaration (one round per year)."""

    purpose = models.CharField(
        _("soort"),
        max_length=20,
        choices=[
            (Declaration.Purpose.RECONFIRMATION.value, Declaration.Purpose.RECONFIRMATION.label),
            (Declaration.Purpose.YEARLY.value, Declaration.Purpose.YEARLY.label),
        ],
    )
    text = models.ForeignKey(
        DeclarationText,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("versie"),
    )
    year = models.PositiveIntegerField(_("jaar"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("bevestigingsronde")
        verbose_name_plural = _("bevestigingsrondes")

    def __str__(self):
        if self.purpose == Declaration.Purpose.YEARLY:
            return _("Jaarlijkse verklaring %(year)s") % {"year": self.year}
        return _("Herbevestiging %(text)s") % {"text": self.text}


class ConfirmationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(confirmed_at=None, disagreed_at=None)


class ConfirmationRequest(models.Model):
    """One participant's part in a round: mailed to its primary contact, reminded after 14 and 28 days, answered
    with a confirmation (archived in the declaration chain) or a disagreement with a reason (for the core partners).
    Nobody is removed for not answering: the core partners see who did not."""

    REMINDER_DAYS = (14, 28)

    round = models.ForeignKey(
        ConfirmationRound, on_delete=models.CASCADE, related_name="requests", verbose_name=_("ronde")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="confirmation_requests",
        verbose_name=_("deelnemer"),
    )
    contact = models.ForeignKey(
        "network.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    mailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    reminded_14_at = models.DateTimeField(_("herinnerd na 14 dagen"), null=True, blank=True)
    reminded_28_at = models.DateTimeField(_("herinnerd na 28 dagen"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    declaration = models.OneToOneField(
        Declaration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verklaring"),
    )
    disagreed_at = models.DateTimeField(_("niet akkoord op"), null=True, blank=True)
    disagreement = models.TextField(_("reden niet akkoord"), blank=True)

    objects = ConfirmationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["participant__name"]
        verbose_name = _("verzoek om bevestiging")
        verbose_name_plural = _("verzoeken om bevestiging")
        constraints = [models.UniqueConstraint(fields=["round", "participant"], name="one_request_per_round")]

    def __str__(self):
        return f"{self.participant} ({self.round})"

    @property
    def is_open(self):
        return self.confirmed_at is None and self.disagreed_at is None

    @property
    def status_label(self):
        if self.confirmed_at:
            return _("bevestigd")
        if self.disagreed_at:
            return _("niet akkoord")
        return _("open")
