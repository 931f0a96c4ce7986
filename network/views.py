"""Views for participants: the admin edit view records who changed a role; the logged-in home."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from wagtail import hooks
from wagtail.snippets.views.snippets import CreateView, EditView

from .models import ContactPerson


class RecordingEditorMixin:
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.save(changed_by=self.request.user)
        self.form.save_m2m()
        for formset in getattr(self.form, "formsets", {}).values():
            formset.save()
        return instance


class ParticipantCreateView(RecordingEditorMixin, CreateView):
    pass


class ParticipantEditView(RecordingEditorMixin, EditView):
    pass


@login_required
def account_home(request):
    """The logged-in home ("Mijn netwerk").

    Apps add their own panels with the `nnr_account_panels` hook: a function taking the request and the
    user's ContactPerson (or None) and returning rendered HTML, or "" to show nothing.
    """
    from . import dashboard
    from .access import in_groups
    from .matchmaking import suggest_coalitions
    from .roles import CORE_PARTNERS, OFFICE

    contact = ContactPerson.objects.filter(user=request.user).select_related("participant").first()
    panels = [fn(request, contact) for fn in hooks.get_hooks("nnr_account_panels")]
    participant = contact.participant if contact and contact.participant.is_active else None
    task_count, tasks_url = dashboard.my_tasks(request.user)
    return render(
        request,
        "network/account_home.html",
        {
            "contact": contact,
            "panels": [p for p in panels if p],
            "participant": participant,
            "my_coalitions": dashboard.my_coalitions(participant),
            "suggestions": suggest_coalitions(participant),
            "recent": dashboard.recent_activity(),
            "task_count": task_count,
            "tasks_url": tasks_url,
            "can_see_health": in_groups(request.user, OFFICE, CORE_PARTNERS),
        },
    )
