"""Participants (deelnemers) of the network, their contact persons and the history of their roles."""

from django.conf import settings
from django.contrib import admin
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from .admin_forms import ParticipantAdminForm
from .choices import Role, Sector
from .regions import GGDRegion
from .roles import sync_groups
from .validators import phone_number


class Participant(index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        ORGANISATION = "organisatie", _("Organisatie")
        INDIVIDUAL = "individu", _("Individu")

    class Status(models.TextChoices):
        ACTIVE = "actief", _("Actief")
        LEFT = "vertrokken", _("Vertrokken")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ORGANISATION)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, default=Sector.OTHER)
    region = models.CharField(_("GGD-regio"), max_length=40, choices=GGDRegion.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
    )
    description = models.TextField(_("omschrijving"), blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.SUPPORTER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("lid sinds"), default=timezone.localdate)
    left_on = models.DateField(_("vertrokken op"), null=True, blank=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("role"),
        index.FilterField("region"),
        index.FilterField("sector"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return self.name

    @admin.display(description=_("contactpersonen"))
    def contact_list(self):
        """The contact persons as "name <address>", for the office's export."""
        return "; ".join(f"{c.name} <{c.email}>" for c in self.contacts.all())

    base_form_class = ParticipantAdminForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("kvk_number")]),
                FieldPanel("website"),
                FieldPanel("description"),
            ],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("role"), FieldPanel("status")]), FieldPanel("joined_on")],
            heading=_("Rol in het netwerk"),
            help_text=_("Een rolwijziging wordt met datum en uw naam in de geschiedenis vastgelegd."),
        ),
        InlinePanel("contacts", heading=_("Contactpersonen"), label=_("Contactpersoon")),
    ]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_role = instance.__dict__.get("role")
        instance._saved_status = instance.__dict__.get("status")
        return instance

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def save(self, *args, changed_by=None, reason="", **kwargs):
        """Save, and write the role history whenever the role or the membership changed.

        Every path that changes a role (admin form, workflows, demo data) goes through here, so the
        history cannot be skipped.
        """
        old_role = getattr(self, "_saved_role", None)
        old_status = getattr(self, "_saved_status", None)
        is_new = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            left = old_status == self.Status.ACTIVE and self.status == self.Status.LEFT
            if is_new or old_role != self.role or left:
                RoleChange.objects.create(
                    participant=self,
                    from_role="" if is_new else old_role,
                    to_role=self.role,
                    left_network=left,
                    changed_by=changed_by,
                    reason=reason,
                )
        self._saved_role, self._saved_status = self.role, self.status
        if not is_new:
            sync_groups(self)

    def change_role(self, new_role, *, by=None, reason=""):
        self.role = new_role
        self.save(changed_by=by, reason=reason)

    def mark_left(self, *, by=None, reason=""):
        self.status = self.Status.LEFT
        self.left_on = timezone.localdate()
        self.save(changed_by=by, reason=reason or _("Vertrokken uit het netwerk"))


class ContactPerson(models.Model):
    participant = ParentalKey(
        Participant, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("deelnemer")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    pending_email = models.EmailField(
        _("nieuw e-mailadres, nog niet bevestigd"),
        blank=True,
        help_text=_("Wordt het e-mailadres zodra de ontvanger de link in de bevestigingsmail volgt."),
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True, validators=[phone_number])
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_person",
        verbose_name=_("gebruikersaccount"),
    )
    is_primary = models.BooleanField(_("eerste contactpersoon"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("job_title")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("is_primary"),
    ]

    class Meta:
        ordering = ["participant__name", "-is_primary", "name"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "email"], name="unique_contact_email_per_participant"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.participant})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.user_id:
            sync_groups(self.participant)


class RoleChange(models.Model):
    """One step in a participant's history: a role change, or leaving the network."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="role_changes", verbose_name=_("deelnemer")
    )
    from_role = models.CharField(_("van rol"), max_length=20, choices=Role.choices, blank=True)
    to_role = models.CharField(_("naar rol"), max_length=20, choices=Role.choices)
    left_network = models.BooleanField(_("vertrokken"), default=False)
    changed_at = models.DateTimeField(_("wanneer"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    reason = models.TextField(_("waarom"), blank=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")

    def __str__(self):
        return f"{self.participant}: {self.get_from_role_display()} → {self.get_to_role_display()}"


class ConsentQuerySet(models.QuerySet):
    def withdraw(self):
        """Withdraw the active consents among these; returns how many.

        Saved one by one (not with update()) so each withdrawal reaches the audit log's receiver.
        """
        records = list(self.filter(withdrawn_at=None))
        now = timezone.now()
        for record in records:
            record.withdrawn_at = now
            record.save(update_fields=["withdrawn_at"])
        return len(records)


class ConsentRecord(models.Model):
    """A person's consent for one purpose, with the text they agreed to; withdrawing takes effect at once.

    Kept per e-mail address so consent can be recorded before a contact person exists (an application, a
    public newsletter subscription).
    """

    class Purpose(models.TextChoices):
        DATA_SHARING = "gegevens_delen", _("Gegevens delen met andere deelnemers")
        NEWSLETTER = "nieuwsbrief", _("Nieuwsbrief ontvangen")
        # Mails about what the person follows (coalitions, themes, regions): the weekly "Nieuw in uw netwerk"
        # and the short ones at once. Asked on the follow preferences; the mails' unsubscribe link withdraws it.
        NETWORK_UPDATES = "netwerkberichten", _("Berichten over wat u volgt ontvangen")

    email = models.EmailField(_("e-mailadres"), db_index=True)
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("contactpersoon"),
    )
    purpose = models.CharField(_("doel"), max_length=20, choices=Purpose.choices)
    text = models.TextField(_("tekst waarmee ingestemd is"))
    text_version = models.CharField(_("versie van de tekst"), max_length=40)
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"{self.email}: {self.get_purpose_display()}"

    @classmethod
    def has_consent(cls, email, purpose):
        return cls.objects.filter(email__iexact=email, purpose=purpose, withdrawn_at=None).exists()

    @classmethod
    def withdraw(cls, email, purpose):
        return cls.objects.filter(email__iexact=email, purpose=purpose).withdraw()
