"""The page editor for a coalition: members added here are invited, not listed (see coalitions.invitations)."""

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from network.models import Participant

from .choices import MembershipStatus


def _is_current(membership, today):
    return membership.left_on is None or membership.left_on > today


class CoalitionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_members()

    def load_members(self):
        """The member rows' choosers show each participant's name: one query for all rows, not one per row."""
        forms = self.formsets["memberships"].forms
        chosen = {form["participant"].value() for form in forms} - {None, ""}
        known = {str(p.pk): p for p in Participant.objects.filter(pk__in=chosen)} if chosen else {}
        for form in forms:
            form.fields["participant"].widget.known = known

    def save(self, commit=True):
        page = super().save(commit=False)
        self.mark_invitations(page)
        if commit:
            page.save()
            self.save_m2m()
        return page

    def mark_invitations(self, page):
        """Set the status of the page's in-memory member rows (after the editor's form filled them in)."""
        rows = self.formsets["memberships"].model.objects
        stored = {m.pk: m for m in rows.filter(page_id=page.pk)} if page.pk else {}
        today = timezone.localdate()
        for row in page.memberships.all():
            before = stored.get(row.pk)
            same = before is not None and before.participant_id == row.participant_id
            if same and (_is_current(before, today) or not _is_current(row, today)):
                row.status = before.status
            else:
                row.status = MembershipStatus.INVITED


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
                return MembershipStatus.INVITED
            return super().value_from_instance
