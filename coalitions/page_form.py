"""The page editor for a coalition: members added here are invited, not listed (see coalitions.invitations)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel


class CoalitionPageForm(WagtailAdminPageForm):
    def save(self, commit=True):
        from .invitations import mark_invitations

        page = super().save(commit=False)
        mark_invitations(page)
        if commit:
            page.save()
            self.save_m2m()
        return page


class MembershipStatusPanel(FieldPanel):
    """The status, read-only: a row just added shows what it will be (an invitation), not the model default."""

    def __init__(self, field_name="status", **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text",
            _(
                "Wie u hier toevoegt, krijgt een uitnodiging en staat pas op de site als die deelnemer accepteert."
            ),
        )
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        @cached_property
        def value_from_instance(self):
            if self.instance.pk is None:
                from .models import MembershipStatus

                return MembershipStatus.INVITED
            return super().value_from_instance
