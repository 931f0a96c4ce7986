"""Views for participants: the admin edit view records who changed a role; the logged-in home."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
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
    """The logged-in home ("Mijn netwerk"): who I am in the network. Apps add their panels in templates."""
    contact = ContactPerson.objects.filter(user=request.user).select_related("participant").first()
    return render(request, "network/account_home.html", {"contact": contact})
