"""The participant chooser of the admin: it offers only participants who are still in the network."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from nnr_site.search import SearchQueryField

from .models import Participant


class ParticipantFilterForm(SearchFilterMixin, BaseFilterForm):
    """Wagtail's chooser search, with the search words cleaned (nnr_site/search.py)."""

    q = SearchQueryField(label=_("Zoekterm"))


class ChooseParticipantView(ChooseView):
    filter_form_class = ParticipantFilterForm


class ChooseParticipantResultsView(ChooseResultsView):
    filter_form_class = ParticipantFilterForm


class ParticipantChooserWidget(BaseChooser):
    """Wagtail's chooser, which fetches the chosen participant to show its name: a form showing many of them
    (a coalition's member rows) hands it the ones it loaded at once, `known` ({str(pk): participant})."""

    known = None

    def get_instance(self, value):
        if self.known and value is not None and str(value) in self.known:
            return self.known[str(value)]
        return super().get_instance(value)


class ActiveParticipantChooserViewSet(ChooserViewSet):
    """Coalition members and article authors are picked from participants who have not left. One who left
    stays shown where it was chosen before (the history is kept), but is no longer offered."""

    model = Participant
    base_widget_class = ParticipantChooserWidget
    icon = "group"
    choose_one_text = _("Kies een deelnemer")
    choose_another_text = _("Kies een andere deelnemer")
    edit_item_text = _("Deelnemer bewerken")
    page_title = _("Kies een deelnemer")
    per_page = 25
    choose_view_class = ChooseParticipantView
    choose_results_view_class = ChooseParticipantResultsView

    def get_object_list(self):
        return Participant.objects.filter(status=Participant.Status.ACTIVE).order_by("name")


active_participant_chooser = ActiveParticipantChooserViewSet(
    "actieve_deelnemers", url_prefix="deelnemer-kiezen"
)
