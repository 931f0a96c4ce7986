"""Admin: 'Versturen' in the newsletter's action menu and the send screen; subscribers and blocked
addresses (unsubscribes, bounces, complaints) for the office."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from network.admin_views import YesNoColumn

from . import admin_views, lifting
from .mail import unsubscribe_token
from .models import NewsletterPage, Subscriber, Suppression


@hooks.register("register_admin_urls")
def register_admin_urls():
    """The send screen. Its names are app-prefixed, not in the `newsletters` namespace: a namespace is one
    include, and these must sit inside Wagtail's admin URLs (its access check, and its catch-all for /admin/)."""
    return [
        path("nieuwsbrieven/<int:page_id>/", admin_views.send_view, name="newsletters_send"),
        path(
            "nieuwsbrieven/<int:page_id>/voortgang.json",
            admin_views.progress_view,
            name="newsletters_progress",
        ),
    ]


class SendMenuItem(ActionMenuItem):
    label = _("Versturen…")
    name = "action-send-newsletter"
    icon_name = "mail"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(getattr(page, "specific", page), NewsletterPage)
            and context["request"].user.has_perm(admin_views.PERMISSION)
        )

    def get_url(self, context):
        return reverse("newsletters_send", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_menu_item():
    return SendMenuItem(order=5)


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Abonnees")
    list_display = [
        "email",
        "name",
        YesNoColumn("is_public", label=_("Publieke abonnee")),
        "confirmed_at",
        "unsubscribed_at",
    ]
    list_filter = ["is_public"]
    search_fields = ["email", "name"]


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "warning"
    menu_label = _("Afmeldingen en bounces")
    index_view_class = lifting.SuppressionIndexView
    edit_view_class = lifting.SuppressionEditView
    delete_view_class = lifting.LiftBlockView  # bounces and complaints only; who lifted is in the audit log
    delete_template_name = "newsletters/admin/lift_block.html"
    list_display = ["email", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]


class NewsletterAdminGroup(ModelViewSetGroup):
    items = [SubscriberViewSet, SuppressionViewSet]
    menu_label = _("Nieuwsbrief")
    menu_icon = "mail"
    add_to_admin_menu = True


hooks.register("before_delete_snippet", lifting.refuse_lifting_unsubscribes)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NewsletterAdminGroup()


@hooks.register("nnr_account_panels", order=30)
def newsletter_panel(request, contact):
    """'Mijn netwerk': whether this contact gets the newsletter, with the link to unsubscribe or choose topics."""
    if contact is None or not contact.email:
        return ""
    blocked = Suppression.objects.filter(email=contact.email.lower()).first()
    return render_to_string(
        "newsletters/account_panel.html",
        {"blocked": blocked, "token": unsubscribe_token(contact.email), "email": contact.email},
    )
