"""'Blokkade opheffen' in the admin: the office lets a bounced or complaining address get mail again.

A bounce can be wrong (a full mailbox reported as a hard bounce, a forged webhook post), and it would block
the address for good. Lifting deletes the block through Wagtail's snippet delete view, whose audit log
records who did it and when (Rapporten > Sitegeschiedenis: "Verwijderd"). An unsubscribe is the person's own
choice: only they undo it, by signing up again, so it cannot be lifted, not even in bulk.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView

from .models import Suppression

LIFT = _("Blokkade opheffen")


def liftable(suppression):
    return suppression.reason != Suppression.Reason.UNSUBSCRIBED


class SuppressionIndexView(IndexView):
    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if liftable(instance) else None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        lift_url = self.get_delete_url(instance)
        for button in buttons:
            if lift_url and button.url == lift_url:
                button.label, button.icon_name = LIFT, "lock-open"
        return buttons


class SuppressionEditView(EditView):
    def get_delete_url(self):
        return super().get_delete_url() if liftable(self.object) else None


class LiftBlockView(DeleteView):
    page_title = LIFT
    success_message = _(
        "De blokkade van %(object)s is opgeheven: dit adres krijgt weer e-mail van het netwerk."
    )

    def get_object(self, queryset=None):
        suppression = super().get_object(queryset)
        if not liftable(suppression):
            raise PermissionDenied
        return suppression

    @cached_property
    def confirmation_message(self):
        return _(
            "Na het opheffen krijgt %(email)s weer nieuwsbrieven en andere e-mail van het netwerk. Doe dit "
            "alleen als u weet dat het adres werkt, bijvoorbeeld na een onterechte of vervalste bounce."
        ) % {"email": self.object.email}


def refuse_lifting_unsubscribes(request, objects):
    """before_delete_snippet hook: also a bulk "delete" leaves unsubscribes alone."""
    if any(isinstance(o, Suppression) and not liftable(o) for o in objects):
        messages.error(
            request,
            _("Een afmelding kan alleen de persoon zelf ongedaan maken, door zich opnieuw aan te melden."),
        )
        return redirect("wagtailsnippets_newsletters_suppression:list")
    return None
