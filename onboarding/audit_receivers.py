"""Where the audit log listens to onboarding: a signed declaration (connected from OnboardingConfig.ready)."""

from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from network import audit

from .models import Declaration


def connect():
    post_save.connect(on_declaration, sender=Declaration, dispatch_uid="audit.declaration")


def on_declaration(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    audit.record(
        audit.DECLARATION_SIGNED,
        instance,
        data={
            "signer": instance.signer_name,
            "organisation": instance.organisation_name,
            "application": instance.application_id,
            "rules_version": instance.rules_version,
            "door": (_("%(name)s (aanvrager)") if instance.application_id else _("%(name)s (deelnemer)"))
            % {"name": instance.signer_name},
        },
    )
