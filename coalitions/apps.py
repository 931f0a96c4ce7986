from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalities")

    def ready(self):
        from network.models import ContactPerson, Participant
        from network.roles import OFFICE, grant

        from . import signals
        from .models import CoalitionPage, coalition_saved

        post_save.connect(
            signals.participant_saved, sender=Participant, dispatch_uid="coalitions.participant"
        )
        post_save.connect(signals.contact_saved, sender=ContactPerson, dispatch_uid="coalitions.contact")
        coalition_saved.connect(signals.coalition_saved, dispatch_uid="coalitions.saved")
        post_delete.connect(
            signals.coalition_deleted, sender=CoalitionPage, dispatch_uid="coalitions.deleted"
        )
        grant(OFFICE, "coalitions.view_joinrequest", "coalitions.view_coalitionupdate")
