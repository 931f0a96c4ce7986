"""The page editor's form for a coalition: members added here are invited, not listed (see coalitions.invitations)."""

from wagtail.admin.forms import WagtailAdminPageForm


class CoalitionPageForm(WagtailAdminPageForm):
    def save(self, commit=True):
        from .invitations import mark_invitations

        page = super().save(commit=False)
        mark_invitations(page)
        if commit:
            page.save()
            self.save_m2m()
        return page
