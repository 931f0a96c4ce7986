"""Admin: the 'Nieuwsbrieven' menu (all newsletters with their status, saved segments, subscribers, blocked
addresses), the screens of one newsletter's sending, and 'Versturen' in the newsletter's action menu."""

from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from network.admin_views import MomentColumn, YesNoColumn

from . import admin_views, lifting
from .admin_forms import SegmentForm
from .mail import unsubscribe_token
from .models import NewsletterPage, Segment, Subscriber, Suppression


@hooks.register("register_admin_urls")
def register_admin_urls():
    """The newsletter screens. Their names are app-prefixed, not in the `newsletters` namespace: a namespace is
    one include, and these must sit inside Wagtail's admin URLs (its access check, and its catch-all)."""
    one = "nieuwsbrieven/<int:page_id>/"
    return [
        path("nieuwsbrieven/", admin_views.index_view, name="newsletters_index"),
        path(one, admin_views.send_view, name="newsletters_send"),
        path(one + "ontvangers/", admin_views.audience_view, name="newsletters_audience"),
        path(one + "ontvangers.csv", admin_views.recipients_csv_view, name="newsletters_recipients_csv"),
        path(one + "bevestigen/", admin_views.confirm_view, name="newsletters_confirm"),
        path(one + "voorbeeld/", admin_views.preview_view, name="newsletters_preview"),
        path(one + "voorbeeld/mail/", admin_views.preview_mail_view, name="newsletters_preview_mail"),
        path(one + "verslag/", admin_views.report_view, name="newsletters_report"),
        path(one + "voortgang.json", admin_views.progress_view, name="newsletters_progress"),
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
        YesNoColumn("is_public", label=_("Publieke aanmelding"), sort_key="is_public"),
        MomentColumn("confirmed_at", label=_("Bevestigd op"), sort_key="confirmed_at"),
        MomentColumn("unsubscribed_at", label=_("Afgemeld op"), sort_key="unsubscribed_at"),
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
    list_display = [
        "email",
        Column("reason", label=_("Reden"), accessor="get_reason_display", sort_key="reason"),
        MomentColumn("created_at", label=_("Sinds"), sort_key="created_at"),
    ]
    list_filter = ["reason"]
    search_fields = ["email"]


class SegmentViewSet(SnippetViewSet):
    """Saved segments ('Doelgroepen'): chosen by name on a newsletter's audience screen."""

    model = Segment
    icon = "group"
    menu_label = _("Doelgroepen")
    form_class = SegmentForm
    list_display = [
        "name",
        Column("describe", label=_("Wie"), accessor="describe"),
        MomentColumn("created_at", label=_("Aangemaakt op"), sort_key="created_at"),
    ]
    search_fields = ["name"]
    ordering = ["position", "name"]


class AllNewslettersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


class NewsletterAdminGroup(ModelViewSetGroup):
    items = [SegmentViewSet, SubscriberViewSet, SuppressionViewSet]
    menu_label = _("Nieuwsbrieven")
    menu_name = "nieuwsbrieven"
    menu_icon = "mail"
    menu_order = 205  # right below "Pagina's": composing and sending is the office's daily work
    add_to_admin_menu = True

    def get_submenu_items(self):
        newsletters = AllNewslettersMenuItem(
            _("Alle nieuwsbrieven"),
            reverse_lazy("newsletters_index"),
            name="alle-nieuwsbrieven",
            icon_name="mail",
        )
        newsletters.order = 0
        return [newsletters, *super().get_submenu_items()]


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
