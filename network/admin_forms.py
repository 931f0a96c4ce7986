"""The office's participant form: becoming or stopping as core partner goes only through the workflows."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from nnr_site.forms import SingleLineFieldsMixin

KERNPARTNER = "kernpartner"


class ParticipantAdminForm(SingleLineFieldsMixin, WagtailAdminModelForm):
    def clean_role(self):
        role = self.cleaned_data["role"]
        before = self.instance.role if self.instance.pk else None
        if (role == KERNPARTNER) != (before == KERNPARTNER) and before is not None:
            raise forms.ValidationError(
                _(
                    "Kernpartner worden of stoppen gaat via de werkstroom ‘Overdracht kernpartnerrol’ "
                    "(of een verzoek tot vertrek), zodat overdracht en geschiedenis kloppen."
                )
            )
        if before is None and role == KERNPARTNER:
            raise forms.ValidationError(
                _(
                    "Een nieuwe deelnemer begint als partner of supporter; kernpartner worden gaat via de overdracht."
                )
            )
        return role
