"""Forms of the office's newsletter screens: the audience, a new segment, test addresses."""

import re

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from network.regions import GGDRegion
from nnr_site.forms import ModelMultipleChoiceField

from .models import Segment
from .tasks import MAX_TEST_ADDRESSES


class SegmentChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AudienceForm(forms.Form):
    segments = SegmentChoiceField(
        label=_("Doelgroepen"),
        queryset=Segment.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Elk adres ontvangt één exemplaar, ook als het in meerdere doelgroepen valt."),
    )


class SegmentForm(forms.ModelForm):
    """A new saved segment, made on the audience screen; who is in it is shown once it is saved."""

    regions = forms.MultipleChoiceField(
        label=_("GGD-regio's"),
        choices=GGDRegion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: alle regio's."),
    )
    themes = ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Tag.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: alle thema's."),
    )

    class Meta:
        model = Segment
        fields = ["name", "to_supporters", "to_partners", "to_core_partners", "to_subscribers", "regions"]
        fields += ["themes", "coalitions"]
        widgets = {"coalitions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("Bijvoorbeeld 'Partners in Utrecht'; de naam kiest u later weer.")

    def clean(self):
        data = super().clean()
        groups = ["to_supporters", "to_partners", "to_core_partners", "to_subscribers"]
        if not any(data.get(name) for name in groups):
            self.add_error("to_supporters", _("Kies ten minste één groep."))
        return data


class TestForm(forms.Form):
    addresses = forms.CharField(
        label=_("Testmail naar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tot %(n)s e-mailadressen, gescheiden door komma's of op aparte regels.")
        % {"n": MAX_TEST_ADDRESSES},
    )

    def clean_addresses(self):
        found = []
        for address in re.split(r"[\s,;]+", self.cleaned_data["addresses"]):
            address = address.strip().lower()
            if not address or address in found:
                continue
            try:
                validate_email(address)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(address)s” is geen geldig e-mailadres.") % {"address": address}
                ) from None
            found.append(address)
        if not found:
            raise forms.ValidationError(_("Vul ten minste één e-mailadres in."))
        if len(found) > MAX_TEST_ADDRESSES:
            raise forms.ValidationError(
                _("Hoogstens %(n)s adressen; u gaf er %(count)s.")
                % {"n": MAX_TEST_ADDRESSES, "count": len(found)}
            )
        return found
