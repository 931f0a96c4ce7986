"""Admin: the screening list and task page, the applications, and the read-only declaration archive with a
one-click chain check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_texts, admin_views
from .models import Application, Declaration, DeclarationText


class ArchivePermissionPolicy(ModelPermissionPolicy):
    """Viewing only, for everyone including superusers: the archive is append-only."""

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm("onboarding.view_declaration")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(Declaration, ArchivePermissionPolicy(Declaration))


class ApplicationPermissionPolicy(ArchivePermissionPolicy):
    """Applications are changed only through the flow; the office (who screens) may read them here."""

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm("onboarding.screen_application")

    def users_with_any_permission(self, actions):
        return self._get_users_with_any_permission_codenames(
            ["screen_application"] if "view" in actions else []
        )


register_permission_policy(Application, ApplicationPermissionPolicy(Application))


class DeclarationIndexView(IndexView):
    """The archive with, above the list, the check that no declaration was changed or removed."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "verify_url": reverse("onboarding_verify_declarations")}


class DeclarationViewSet(ModelViewSet):
    model = Declaration
    icon = "doc-full"
    menu_label = _("Verklaringenarchief")
    add_to_admin_menu = True
    menu_order = 260
    inspect_view_enabled = True
    index_view_class = DeclarationIndexView
    index_template_name = "onboarding/admin/declaration_index.html"
    list_display = ["organisation_name", "signer_name", "signed_at", "rules_version"]
    search_fields = ["organisation_name", "signer_name", "signer_email"]
    form_fields = ["organisation_name"]  # required by ModelViewSet; the add/edit/delete URLs are not exposed
    # Every field the hash covers, in that order, with the signing time and the hash itself.
    inspect_view_fields = [
        *Declaration.HASHED_FIELDS[:3],
        "signed_at",
        *Declaration.HASHED_FIELDS[3:],
        "record_hash",
    ]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "user"
    menu_label = _("Alle aanmeldingen")
    inspect_view_enabled = True
    list_display = [
        "organisation_name",
        "contact_name",
        "desired_role",
        "created",
        Column("step_label", label=_("Stap"), accessor="step_label"),
    ]
    list_filter = ["desired_role", "decision"]
    search_fields = ["organisation_name", "contact_name", "email"]
    form_fields = ["organisation_name"]  # required by ModelViewSet; the add/edit/delete URLs are not exposed
    inspect_view_fields = [
        "organisation_name",
        "kind",
        "sector",
        "region",
        "website",
        "kvk_number",
        "desired_role",
        "contact_name",
        "job_title",
        "email",
        "phone",
        "motivation",
        "created",
        "email_confirmed_at",
        "screening_outcome",
        "screening_notes",
        "decision",
        "decision_reason",
        "decided_at",
        "participant",
    ]

    def get_urlpatterns(self):
        keep = {"index", "index_results", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]


class TextPermissionPolicy(ModelPermissionPolicy):
    """Drafts are edited and deleted; a published version is only read (a new wording is a new version)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and not instance.is_draft:
            return False
        return self.user_has_permission(user, action)


register_permission_policy(DeclarationText, TextPermissionPolicy(DeclarationText))


class DraftOnlyEditView(EditView):
    submit_button_label = _("Concept opslaan")

    def get_object(self, queryset=None):
        text = super().get_object(queryset)
        if not text.is_draft:
            raise PermissionDenied
        return text


class TextCreateView(CreateView):
    """A new version starts from the one in force (``?soort=spelregels``), so the office changes what is there."""

    submit_button_label = _("Concept opslaan")

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("soort")
        current = DeclarationText.current(kind) if kind in DeclarationText.Kind.values else None
        if kind in DeclarationText.Kind.values:
            initial["kind"] = kind
        if current is not None:
            initial.update(title=current.title, text=current.text, text_en=current.text_en)
        return initial


class TextIndexView(IndexView):
    """A draft's title opens it for editing, a published version's shows it (it cannot change any more)."""

    def get_edit_url(self, instance):
        if instance.is_draft:
            return super().get_edit_url(instance)
        return self.get_inspect_url(instance)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "kinds": DeclarationText.Kind.choices}


class PublishColumn(Column):
    cell_template_name = "onboarding/admin/publish_cell.html"


def _material(text):
    return _t("ja") if text.material else _t("nee")


def _version(text):
    return str(text.number) if text.number else _t("concept")


class TextViewSet(ModelViewSet):
    model = DeclarationText
    icon = "doc-full"
    menu_label = _("Teksten en spelregels")
    add_to_admin_menu = True
    menu_order = 258
    inspect_view_enabled = True
    add_view_class = TextCreateView
    index_view_class = TextIndexView
    edit_view_class = DraftOnlyEditView
    index_template_name = "onboarding/admin/text_index.html"
    list_display = [
        "kind",
        Column("version", label=_("Versie"), accessor=_version),
        "title",
        "published_at",
        Column("material", label=_("Wezenlijke wijziging"), accessor=_material),
        PublishColumn("publish", label=_("Publiceren"), accessor="pk"),
    ]
    list_filter = ["kind", "material"]
    form_fields = ["kind", "title", "text", "change_note", "material", "text_en"]
    inspect_view_fields = [
        "kind",
        "number",
        "title",
        "text",
        "change_note",
        "material",
        "published_at",
        "published_by",
        "text_en",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/publiceren/", admin_texts.PublishView.as_view(), name="publish"),
        ]


@hooks.register("register_admin_viewset")
def register_text_viewset():
    return TextViewSet("declaratietexts")


@hooks.register("register_admin_urls")
def register_confirmation_urls():
    return [
        path("bevestigingen/", admin_texts.OverviewView.as_view(), name="onboarding_confirmations"),
        path(
            "bevestigingen/<int:pk>/", admin_texts.RoundView.as_view(), name="onboarding_confirmation_round"
        ),
    ]


class ConfirmationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_texts.VIEW_ROUNDS)


@hooks.register("register_admin_menu_item")
def register_confirmations_menu():
    return ConfirmationsMenuItem(
        _("Bevestigingen"),
        reverse("onboarding_confirmations"),
        name="bevestigingen",
        icon_name="tick",
        order=259,
    )


@hooks.register("nnr_page_sections")
def rules_in_force(request, page):
    """On the Spelregels page: the rules in force, their version and date, and the way to the history."""
    if page.slug != "spelregels":
        return ""
    return render_to_string(
        "onboarding/includes/rules_in_force.html", {"rules": DeclarationText.current("spelregels")}
    )


@hooks.register("register_admin_viewset")
def register_declaration_viewset():
    return DeclarationViewSet("verklaringen")


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("aanmeldingen")


@require_POST
def verify_declarations(request):
    if not request.user.has_perm("onboarding.view_declaration"):
        raise PermissionDenied
    problems = Declaration.verify_chain()
    if problems:
        details = "; ".join(f"#{record.pk}: {problem}" for record, problem in problems)
        messages.error(request, _t("De keten is NIET intact. %(details)s") % {"details": details})
    else:
        count = Declaration.objects.count()
        messages.success(
            request, _t("De keten is intact: alle %(count)s verklaringen kloppen.") % {"count": count}
        )
    return redirect("verklaringen:index")


@hooks.register("register_admin_urls")
def register_verify_url():
    return [path("verklaringen-controleren/", verify_declarations, name="onboarding_verify_declarations")]


@hooks.register("register_admin_urls")
def register_screening_urls():
    return [
        path("screening/", admin_views.ScreeningListView.as_view(), name="onboarding_screening"),
        path("screening/oppakken/", admin_views.assign_to_me, name="onboarding_screening_assign"),
        path("screening/taak/<int:pk>/", admin_views.task_page, name="onboarding_screening_task"),
    ]


class ScreeningMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use_screening(request.user)


class AllApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("onboarding.screen_application")


@hooks.register("register_admin_menu_item")
def register_applications_menu():
    """ "Aanmeldingen": the screening list first (what to do), then every application (to look one up)."""
    menu = Menu(
        items=[
            ScreeningMenuItem(
                _("Screening"), reverse("onboarding_screening"), name="screening", icon_name="tasks", order=1
            ),
            AllApplicationsMenuItem(
                _("Alle aanmeldingen"),
                reverse("aanmeldingen:index"),
                name="alle-aanmeldingen",
                icon_name="user",
                order=2,
            ),
        ]
    )
    return SubmenuMenuItem(_("Aanmeldingen"), menu, name="aanmeldingen", icon_name="user", order=255)


class ScreeningPanel(Component):
    """On the admin dashboard: how many applications wait, how long the oldest has, and the way to the list."""

    name = "screening"
    order = 60
    template_name = "onboarding/admin/screening_panel.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {
            "count": len(self.rows),
            "free": sum(1 for row in self.rows if row["can_take"]),
            "mine": sum(1 for row in self.rows if row["mine"]),
            "oldest": max(row["waiting_days"] for row in self.rows),
            "overdue": sum(1 for row in self.rows if row["overdue"]),
        }


@hooks.register("construct_homepage_panels")
def add_screening_panel(request, panels):
    if admin_views.may_use_screening(request.user):
        rows = admin_views.open_rows(request.user)
        if rows:
            panels.append(ScreeningPanel(rows))
