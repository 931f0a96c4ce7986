"""Forms of the Taken area: the office gives an open task to someone else, with a reason."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import tasklist


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return tasklist.person_name(user)


class ReassignForm(forms.Form):
    user = PersonChoiceField(
        label=_("Geven aan"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Kies een persoon"),
        error_messages={
            "invalid_choice": _("Deze persoon kan deze taak niet doen. Kies iemand uit de lijst.")
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Komt in de geschiedenis van de werkstroom en in de e-mail aan de nieuwe behandelaar."),
        error_messages={"required": _("Schrijf op waarom u de taak aan iemand anders geeft.")},
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        pks = [person.pk for person in people]
        self.fields["user"].queryset = (
            get_user_model().objects.filter(pk__in=pks).order_by("first_name", "last_name", "username")
        )
        self.fields["user"].error_messages["required"] = _("Kies aan wie u de taak geeft.")
