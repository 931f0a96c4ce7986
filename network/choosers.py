"""The participant chooser of the admin: it offers only participants who are still in the network."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .models import Participant


class ActiveParticipantChooserViewSet(ChooserViewSet):
    """Coalition members and article authors are picked from participants who have not left. One who left
    stays shown where it was chosen before (the history is kept), but is no longer offered."""

    model = Participant
    icon = "group"
    choose_one_text = _("Kies een deelnemer")
    choose_another_text = _("Kies een andere deelnemer")
    edit_item_text = _("Deelnemer bewerken")
    page_title = _("Kies een deelnemer")
    per_page = 25

    def get_object_list(self):
        return Participant.objects.filter(status=Participant.Status.ACTIVE).order_by("name")


active_participant_chooser = ActiveParticipantChooserViewSet(
    "actieve_deelnemers", url_prefix="deelnemer-kiezen"
)
